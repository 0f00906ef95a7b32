/**
 * A Nonin oximeter on a real serial line: the simulator writes 9600-baud-paced frames into one
 * end of a socat pty pair, the station's DeviceLink reads the other end through serialport.
 * Then the pty disappears (adapter pulled) and comes back.
 */
import { SerialPort } from 'serialport';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceLinkStatus, Observation } from '../../../electron/contract/domain.js';
import { Mdc } from '../../../electron/contract/mdc.js';
import { DeviceLinkConfig } from '../../../electron/station/config/StationConfigSchema.js';
import { DeviceLink } from '../../../electron/station/devices/DeviceLink.js';
import { noninFormat7Driver } from '../../../electron/station/devices/drivers/nonin/index.js';
import type { DeviceSimulator } from '../../../electron/station/devices/drivers/DeviceDriver.js';
import type { Log } from '../../../electron/station/log/StationLog.js';
import { openPtyPair, type PtyPair } from '../../support/ptyPair.js';

const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function startDevice(
  path: string,
  spo2: number,
  pulseRate: number,
): Promise<{ port: SerialPort; sim: DeviceSimulator }> {
  const port = new SerialPort({ path, baudRate: 9600, lock: false });
  await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
  port.on('error', () => undefined);
  const sim = noninFormat7Driver.createSimulator({ seed: 11, spo2, pulseRate });
  sim.start((bytes) => port.write(Buffer.from(bytes)));
  return { port, sim };
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Nonin Format 7 over a real pty', () => {
  let pty: PtyPair;
  let link: DeviceLink;
  let device: { port: SerialPort; sim: DeviceSimulator } | null = null;
  const observations: Observation[] = [];
  const silences: boolean[] = [];
  let samples = 0;
  let status: DeviceLinkStatus | null = null;

  afterAll(async () => {
    device?.sim.stop();
    await link?.stop();
    await pty?.kill();
  });

  it('decodes SpO2, pulse rate and the 75 Hz pleth the device sends', async () => {
    pty = await openPtyPair();
    const config = DeviceLinkConfig.parse({
      id: 'ox-serial',
      bed: 'bed-2',
      protocol: 'nonin-format7',
      transport: { kind: 'serial', path: pty.stationPath },
      staleAfterMs: 1_500,
    });
    link = new DeviceLink(
      config,
      noninFormat7Driver,
      {
        decoded: (b) => {
          observations.push(...b.observations);
          for (const w of b.waves) samples += w.samples.length;
        },
        changed: (s) => (status = s),
        noData: (_id, silent) => silences.push(silent),
      },
      quiet,
    );
    device = await startDevice(pty.devicePath, 94, 88);
    link.start();
    await until('two seconds of pleth', () => samples >= 150);
    const spo2 = observations.filter((o) => o.code === Mdc.SpO2.code).at(-1);
    const pr = observations.filter((o) => o.code === Mdc.PulseRateOximeter.code).at(-1);
    expect(spo2).toMatchObject({ value: 94, status: 'valid', bed: 'bed-2' });
    expect(pr).toMatchObject({ value: 88, status: 'valid' });
    expect(link.status()).toMatchObject({
      state: 'streaming',
      endpoint: `${pty.stationPath} 9600 8N1`,
    });
    expect(link.status().counters.checksumErrors).toBe(0);
  });

  it('goes down with a no-data alarm when the pty vanishes, and recovers when it returns', async () => {
    device?.sim.stop();
    device?.port.close();
    device = null;
    await pty.kill();
    await until('link down', () => status?.state === 'down' || status?.state === 'stale');
    await until('no-data raised', () => silences.includes(true), 5_000);
    pty = await openPtyPair(pty.stationPath.replace(/\/ttyStation$/, ''));
    device = await startDevice(pty.devicePath, 99, 61);
    const before = samples;
    await until(
      'reconnected and streaming',
      () => status?.state === 'streaming' && samples > before + 75,
      20_000,
    );
    expect(silences.at(-1)).toBe(false);
    expect(link.status().counters.reconnects).toBeGreaterThan(0);
    await until(
      'new values',
      () => observations.at(-1)?.value === 99 || observations.at(-1)?.value === 61,
    );
  });
});
