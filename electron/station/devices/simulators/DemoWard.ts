/**
 * The built-in demo ward: what the station runs with no configuration. Each bed has simulated
 * devices speaking their real protocols over loopback TCP, so the same drivers run as on a real
 * unit. Everything here is marked demo: shown as DEMO and never relayed as real.
 */
import { DEFAULT_ALARM_POLICY } from '../../alarms/AlarmPolicy.js';
import type { StationConfig } from '../../config/StationConfigSchema.js';
import { noninFormat7Driver } from '../drivers/nonin/index.js';
import { DEFAULT_DEMO_BEDS } from '../../supervision/EngineProtocol.js';
import { SimulatedDeviceServer } from './SimulatedDeviceServer.js';

/** Distinct, plausible values per bed so a screen of tiles is easy to tell apart. */
function demoVitals(index: number): { spo2: number; pulseRate: number } {
  const spo2 = [97, 95, 99, 93, 98, 96, 94, 100][index % 8] ?? 97;
  const pulseRate = 62 + ((index * 11) % 48);
  return { spo2, pulseRate };
}

export class DemoWard {
  private readonly servers: SimulatedDeviceServer[] = [];

  constructor(private readonly resourcesDir: string) {}

  /** Starts the simulated devices and returns the configuration that connects to them. */
  async start(beds = DEFAULT_DEMO_BEDS): Promise<StationConfig> {
    const config: StationConfig = {
      unit: { name: 'Demo ward' },
      beds: [],
      links: [],
      alarms: DEFAULT_ALARM_POLICY,
    };
    for (let i = 0; i < beds; i++) {
      const bed = `bed-${i + 1}`;
      const vitals = demoVitals(i);
      const server = new SimulatedDeviceServer(() =>
        noninFormat7Driver.createSimulator({ seed: i + 1, ...vitals }),
      );
      const port = await server.listen();
      this.servers.push(server);
      config.beds.push({ id: bed, label: `Bed ${i + 1}` });
      config.links.push({
        id: `${bed}-spo2`,
        bed,
        protocol: noninFormat7Driver.protocol,
        transport: { kind: 'tcp', host: '127.0.0.1', port },
        staleAfterMs: 10_000,
        demo: true,
      });
    }
    return config;
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close()));
    this.servers.length = 0;
  }
}
