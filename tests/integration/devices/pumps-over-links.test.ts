/**
 * Both pump drivers through the real DeviceLink: a simulated B. Braun rack behind a loopback
 * device server (TCP, as a SpaceCom on port 4001 would be) and a simulated Alaris Asena on one
 * end of a socat pty pair. Each decodes what its simulator holds, raises and ends an occlusion,
 * and survives its device vanishing and coming back. Loopback addresses only.
 */
import { isDeepStrictEqual } from 'node:util';
import { SerialPort } from 'serialport';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceLinkStatus, Infusion } from '../../../electron/contract/domain.js';
import { DeviceLinkConfig } from '../../../electron/station/config/StationConfigSchema.js';
import { DeviceLink } from '../../../electron/station/devices/DeviceLink.js';
import { alarisAsenaDriver } from '../../../electron/station/devices/drivers/alaris-asena/index.js';
import { AlarisAsenaSimulator } from '../../../electron/station/devices/drivers/alaris-asena/AlarisAsenaSimulator.js';
import { bbraunBccDriver } from '../../../electron/station/devices/drivers/bbraun-bcc/index.js';
import { BBraunBccSimulator } from '../../../electron/station/devices/drivers/bbraun-bcc/BBraunBccSimulator.js';
import type {
  DeviceAlarmReport,
  DeviceDriver,
} from '../../../electron/station/devices/drivers/DeviceDriver.js';
import { SimulatedDeviceServer } from '../../../electron/station/devices/simulators/SimulatedDeviceServer.js';
import type { Log } from '../../../electron/station/log/StationLog.js';
import { openPtyPair, type PtyPair } from '../../support/ptyPair.js';

const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function until(what: string, check: () => boolean, timeoutMs = 12_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Everything one link reported, newest last. */
class LinkWatch {
  readonly infusions: Infusion[] = [];
  readonly alarms: DeviceAlarmReport[] = [];
  status: DeviceLinkStatus | null = null;

  latest(channel: string): Infusion | undefined {
    return this.infusions.filter((i) => i.channel === channel).at(-1);
  }

  alarmPhases(code: string): string[] {
    return this.alarms.filter((a) => a.code === code && a.phase !== 'continue').map((a) => a.phase);
  }

  start(config: DeviceLinkConfig, driver: DeviceDriver): DeviceLink {
    const link = new DeviceLink(
      config,
      driver,
      {
        decoded: (batch) => {
          this.infusions.push(...(batch.infusions ?? []));
          this.alarms.push(...(batch.alarms ?? []));
        },
        changed: (status) => (this.status = status),
        noData: () => undefined,
      },
      quiet,
    );
    link.start();
    return link;
  }
}

/** The decoded infusion says what the simulator last sent. */
function sameAsReported(decoded: Infusion | undefined, reported: object | undefined): boolean {
  if (decoded === undefined || reported === undefined) return false;
  const picked = Object.fromEntries(
    Object.keys(reported).map((k) => [k, (decoded as Record<string, unknown>)[k]]),
  );
  return isDeepStrictEqual(picked, reported);
}

describe('B. Braun SpaceCom over loopback TCP', () => {
  let server: SimulatedDeviceServer;
  let port = 0;
  let rack: BBraunBccSimulator | null = null;
  let link: DeviceLink | null = null;
  const watch = new LinkWatch();

  const serve = async (at = 0): Promise<number> => {
    server = new SimulatedDeviceServer(() => (rack = new BBraunBccSimulator()));
    return server.listen(at, '127.0.0.1');
  };

  afterAll(async () => {
    await link?.stop();
    await server?.close();
  });

  it('decodes the infusions the rack holds, pump by pump', async () => {
    port = await serve();
    const config = DeviceLinkConfig.parse({
      id: 'spacecom-3',
      bed: 'bed-3',
      protocol: bbraunBccDriver.protocol,
      transport: { kind: 'tcp', host: '127.0.0.1', port },
      demo: true,
    });
    link = watch.start(config, bbraunBccDriver);
    await until('all three pumps decoded as the rack reported them', () =>
      ['11', '12', '13'].every((ch) => sameAsReported(watch.latest(ch), rack?.lastReported(ch))),
    );
    expect(watch.latest('13')).toMatchObject({ bed: 'bed-3', device: 'spacecom-3', demo: true });
    expect(link.status()).toMatchObject({ state: 'streaming', endpoint: `tcp 127.0.0.1:${port}` });
    expect(link.status().counters).toMatchObject({ checksumErrors: 0, discardedBytes: 0 });
  });

  it('raises an occlusion on pump 11 and ends it when cleared', async () => {
    rack?.setOcclusion('11', true);
    await until('occlusion raised', () => watch.alarmPhases('bbraun.11.INA3').includes('start'));
    expect(watch.alarms.find((a) => a.code === 'bbraun.11.INA3')).toMatchObject({
      priority: 'high',
      kind: 'technical',
      bed: 'bed-3',
    });
    expect(watch.latest('11')?.state).toBe('paused');
    rack?.setOcclusion('11', false);
    await until('occlusion ended', () => watch.alarmPhases('bbraun.11.INA3').includes('end'));
    expect(watch.latest('11')?.state).toBe('infusing');
  });

  it('goes down when the device server vanishes, and comes back', async () => {
    await server.close();
    await until('link down', () => watch.status?.state === 'down');
    const before = watch.infusions.length;
    await serve(port);
    await until(
      'streaming again with fresh infusions',
      () => watch.status?.state === 'streaming' && watch.infusions.length >= before + 3,
    );
    expect(link?.status().counters.reconnects).toBeGreaterThan(0);
  });
});

describe('Alaris Asena over a real pty', () => {
  let pty: PtyPair;
  let link: DeviceLink | null = null;
  let device: { port: SerialPort; pump: AlarisAsenaSimulator } | null = null;
  const watch = new LinkWatch();

  async function plugIn(path: string): Promise<{ port: SerialPort; pump: AlarisAsenaSimulator }> {
    const port = new SerialPort({ path, baudRate: 38400, lock: false });
    await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
    port.on('error', () => undefined);
    const pump = new AlarisAsenaSimulator({ vtbiMl: null });
    pump.start((bytes) => port.write(Buffer.from(bytes)));
    port.on('data', (bytes: Buffer) => pump.receive(bytes));
    return { port, pump };
  }

  afterAll(async () => {
    device?.pump.stop();
    device?.port.close();
    await link?.stop();
    await pty?.kill();
  });

  it('decodes the infusion the pump reports', async () => {
    pty = await openPtyPair();
    device = await plugIn(pty.devicePath);
    const config = DeviceLinkConfig.parse({
      id: 'asena-5',
      bed: 'bed-5',
      protocol: alarisAsenaDriver.protocol,
      transport: { kind: 'serial', path: pty.stationPath },
      staleAfterMs: 3_000,
    });
    link = watch.start(config, alarisAsenaDriver);
    await until('the infusion decoded as the pump reported it', () =>
      sameAsReported(watch.latest('1'), device?.pump.lastReported()),
    );
    expect(watch.latest('1')).toMatchObject({
      drug: 'Remifentanil 20 mcg/ml',
      rateMlPerH: 6,
      state: 'infusing',
    });
    expect(link.status()).toMatchObject({
      state: 'streaming',
      endpoint: `${pty.stationPath} 38400 8N1`,
    });
    expect(link.status().counters.checksumErrors).toBe(0);
  });

  it('raises an occlusion and ends it when cleared', async () => {
    device?.pump.setOcclusion(true);
    await until('occlusion raised', () => watch.alarmPhases('alaris.AL_OCCLU').includes('start'));
    await until('pump shown paused', () => watch.latest('1')?.state === 'paused');
    device?.pump.setOcclusion(false);
    await until('occlusion ended', () => watch.alarmPhases('alaris.AL_OCCLU').includes('end'));
    await until('pump shown infusing', () => watch.latest('1')?.state === 'infusing');
  });

  it('goes down when the pty vanishes, and comes back when it returns', async () => {
    device?.pump.stop();
    device?.port.close();
    device = null;
    await pty.kill();
    await until(
      'link down',
      () => watch.status?.state === 'down' || watch.status?.state === 'stale',
    );
    pty = await openPtyPair(pty.stationPath.replace(/\/ttyStation$/, ''));
    device = await plugIn(pty.devicePath);
    const before = watch.infusions.length;
    await until(
      'streaming again with fresh infusions',
      () => watch.status?.state === 'streaming' && watch.infusions.length > before,
      20_000,
    );
    expect(link?.status().counters.reconnects).toBeGreaterThan(0);
    await until('decoded as reported', () =>
      sameAsReported(watch.latest('1'), device?.pump.lastReported()),
    );
  });
});
