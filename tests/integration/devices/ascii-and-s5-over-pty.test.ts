/**
 * The GE S/5, Masimo Radical-7 and Nellcor N-595 drivers on a real serial line: each simulator
 * writes into one end of a socat pty pair at its real line rate, the station's DeviceLink reads
 * the other end through serialport. The S/5 is silent until asked, so its data proves the
 * station's requests crossed the pty. Then the pty disappears (adapter pulled) and comes back.
 */
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceLinkStatus, Observation } from '../../../electron/contract/domain.js';
import { Mdc } from '../../../electron/contract/mdc.js';
import { DeviceLinkConfig } from '../../../electron/station/config/StationConfigSchema.js';
import { DeviceLink } from '../../../electron/station/devices/DeviceLink.js';
import type {
  DeviceAlarmReport,
  DeviceDriver,
  DeviceSimulator,
} from '../../../electron/station/devices/drivers/DeviceDriver.js';
import { S5Framer } from '../../../electron/station/devices/drivers/ge-s5/S5FrameCodec.js';
import {
  readS5Request,
  type S5Request,
} from '../../../electron/station/devices/drivers/ge-s5/S5RecordCodec.js';
import { geS5Driver } from '../../../electron/station/devices/drivers/ge-s5/index.js';
import { masimoAsciiDriver } from '../../../electron/station/devices/drivers/masimo-ascii/index.js';
import { nellcorAsciiDriver } from '../../../electron/station/devices/drivers/nellcor-ascii/index.js';
import type { Log } from '../../../electron/station/log/StationLog.js';
import { openPtyPair, type PtyPair } from '../../support/ptyPair.js';

const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Device {
  port: SerialPort;
  sim: DeviceSimulator;
  /** What the station sent to the device, as S/5 requests where it was one. */
  requests: S5Request[];
}

/** Opens the device's end and listens; the simulator speaks once `start` is called. */
async function openDevice(
  path: string,
  driver: DeviceDriver,
  createSimulator: () => DeviceSimulator,
): Promise<Device & { start(): void }> {
  const port = new SerialPort({ path, baudRate: driver.serialDefaults.baudRate, lock: false });
  await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
  port.on('error', () => undefined);
  const sim = createSimulator();
  const requests: S5Request[] = [];
  const framer = new S5Framer();
  port.on('data', (bytes: Buffer) => {
    sim.receive?.(bytes);
    for (const frame of framer.push(bytes)) {
      const request = readS5Request(frame.record);
      if (request !== null) requests.push(request);
    }
  });
  return { port, sim, requests, start: () => sim.start((bytes) => port.write(Buffer.from(bytes))) };
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What the link reported, as the engine would see it. */
interface Seen {
  observations: Observation[];
  alarms: DeviceAlarmReport[];
  silences: boolean[];
  samples: number;
  status: DeviceLinkStatus | null;
  statusChanges: number;
}

interface Rig {
  pty: PtyPair;
  link: DeviceLink;
  device: Device | null;
  seen: Seen;
}

const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    rig.device?.sim.stop();
    rig.device?.port.close();
    await rig.link.stop();
    await rig.pty.kill();
  }
});

async function rig(
  driver: DeviceDriver,
  staleAfterMs: number,
  createSimulator: () => DeviceSimulator,
): Promise<Rig> {
  const pty = await openPtyPair();
  const config = DeviceLinkConfig.parse({
    id: `${driver.protocol}-link`,
    bed: 'bed-5',
    protocol: driver.protocol,
    transport: { kind: 'serial', path: pty.stationPath },
    staleAfterMs,
  });
  const seen: Seen = {
    observations: [],
    alarms: [],
    silences: [],
    samples: 0,
    status: null,
    statusChanges: 0,
  };
  const link = new DeviceLink(
    config,
    driver,
    {
      decoded: (b) => {
        seen.observations.push(...b.observations);
        seen.alarms.push(...(b.alarms ?? []));
        for (const w of b.waves) seen.samples += w.samples.length;
      },
      changed: (s) => {
        seen.status = s;
        seen.statusChanges += 1;
      },
      noData: (_id, silent) => seen.silences.push(silent),
    },
    quiet,
  );
  // The device is plugged in and listening before the station opens its end, as on a ward;
  // it starts talking once the station end is open, so the first line arrives whole.
  const device = await openDevice(pty.devicePath, driver, createSimulator);
  const r: Rig = { pty, link, device, seen };
  rigs.push(r);
  link.start();
  // "connecting" before the open, then the waiting state after it: the station end is open.
  await until('station end open', () => seen.statusChanges >= 2);
  device.start();
  return r;
}

function latest(r: Rig, code: number): Observation | undefined {
  return r.seen.observations.filter((o) => o.code === code).at(-1);
}

/** Pull the adapter: the pty vanishes; the link must go down and raise no-data. */
async function unplug(r: Rig): Promise<void> {
  r.device?.sim.stop();
  r.device?.port.close();
  r.device = null;
  // kill() also removes the pty links, as a pulled adapter's device node goes away.
  await r.pty.kill();
  await until(
    'link down',
    () => r.seen.status?.state === 'down' || r.seen.status?.state === 'stale',
  );
  await until('no-data raised', () => r.seen.silences.includes(true), 5_000);
}

async function replug(r: Rig, driver: DeviceDriver, createSimulator: () => DeviceSimulator) {
  r.pty = await openPtyPair(r.pty.stationPath.replace(/\/ttyStation$/, ''));
  const device = await openDevice(r.pty.devicePath, driver, createSimulator);
  device.start();
  r.device = device;
}

describe('GE S/5 over a real pty', () => {
  it('asks for data over the pty, decodes numerics and 550 samples/s of waves, recovers', async () => {
    const r = await rig(geS5Driver, 1_500, () =>
      geS5Driver.createSimulator({ seed: 2, heartRate: 76, spo2: 95 }),
    );
    await until('two seconds of waves', () => r.seen.samples >= 1_000);
    expect(r.device?.requests).toEqual([
      { kind: 'numerics', recordType: 1, intervalSeconds: 5, classMask: 0 },
      { kind: 'waves', start: true, waves: [1, 4, 8, 9, 15] },
    ]);
    expect(latest(r, Mdc.HeartRate.code)).toMatchObject({ value: 76, status: 'valid' });
    expect(latest(r, Mdc.SpO2.code)).toMatchObject({ value: 95, bed: 'bed-5' });
    expect(r.link.status()).toMatchObject({
      state: 'streaming',
      endpoint: `${r.pty.stationPath} 19200 8E1 RTSCTS`,
    });
    expect(r.link.status().counters).toMatchObject({ checksumErrors: 0, sampleGaps: 0 });
    expect(r.link.status().counters.bytesOut).toBeGreaterThan(0);

    await unplug(r);
    await replug(r, geS5Driver, () => geS5Driver.createSimulator({ seed: 3, heartRate: 58 }));
    const before = r.seen.samples;
    await until(
      'asked again and streaming',
      () => r.seen.status?.state === 'streaming' && r.seen.samples > before + 550,
      15_000,
    );
    // A fresh session: the new decoder asked the new monitor again.
    expect(r.device?.requests.map((q) => q.kind)).toEqual(['numerics', 'waves']);
    expect(latest(r, Mdc.HeartRate.code)?.value).toBe(58);
    expect(r.seen.silences.at(-1)).toBe(false);
    expect(r.link.status().counters.reconnects).toBeGreaterThan(0);
  });
});

describe('Masimo Radical-7 ASCII 1 over a real pty', () => {
  it('decodes a line a second with its device alarms, and recovers after the pty returns', async () => {
    const r = await rig(masimoAsciiDriver, 2_000, () =>
      masimoAsciiDriver.createSimulator({ seed: 2, spo2: 88, pulseRate: 101 }),
    );
    await until(
      'two lines',
      () => r.seen.observations.filter((o) => o.code === Mdc.SpO2.code).length >= 2,
    );
    expect(latest(r, Mdc.SpO2.code)).toMatchObject({ value: 88, status: 'valid' });
    expect(latest(r, Mdc.PulseRateOximeter.code)).toMatchObject({ value: 101 });
    expect(r.seen.alarms.map((a) => [a.code, a.phase])).toEqual([['masimo.spo2-low', 'start']]);
    expect(r.link.status()).toMatchObject({
      state: 'streaming',
      endpoint: `${r.pty.stationPath} 9600 8N1`,
    });
    expect(r.link.status().counters.discardedBytes).toBe(0);

    await unplug(r);
    await replug(r, masimoAsciiDriver, () =>
      masimoAsciiDriver.createSimulator({ seed: 3, spo2: 99, pulseRate: 64 }),
    );
    await until('new values', () => latest(r, Mdc.SpO2.code)?.value === 99, 15_000);
    expect(r.seen.status?.state).toBe('streaming');
    expect(r.seen.silences.at(-1)).toBe(false);
  });
});

describe('Nellcor N-595 over a real pty', () => {
  it('decodes its lines and headers every 2 s, and recovers after the pty returns', async () => {
    const r = await rig(nellcorAsciiDriver, 3_000, () =>
      nellcorAsciiDriver.createSimulator({ seed: 2, spo2: 96, pulseRate: 35 }),
    );
    await until('a data line', () => latest(r, Mdc.SpO2.code) !== undefined);
    expect(latest(r, Mdc.SpO2.code)).toMatchObject({ value: 96, status: 'valid' });
    expect(latest(r, Mdc.PulseRateOximeter.code)).toMatchObject({ value: 35 });
    expect(r.seen.alarms.map((a) => [a.code, a.kind, a.phase])).toEqual([
      ['nellcor.PL', 'physiological', 'start'],
    ]);
    // Header (2 lines) and the first data line.
    expect(r.link.status().counters).toMatchObject({ frames: 3, discardedBytes: 0 });

    await unplug(r);
    await replug(r, nellcorAsciiDriver, () =>
      nellcorAsciiDriver.createSimulator({ seed: 3, spo2: 92, pulseRate: 70 }),
    );
    await until('new values', () => latest(r, Mdc.SpO2.code)?.value === 92, 15_000);
    expect(r.seen.status?.state).toBe('streaming');
    expect(r.seen.silences.at(-1)).toBe(false);
    expect(r.link.status().counters.reconnects).toBeGreaterThan(0);
  });
});
