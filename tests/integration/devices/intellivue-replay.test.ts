/**
 * A Philips IntelliVue on a real serial line: the REAL capture
 * (resources/recordings/intellivue-mib/MPRawoutput1.raw) written into one end of a socat pty
 * pair, the station's DeviceLink reading the other end through serialport at 115,200 8N1.
 *
 * 1. The whole capture, byte for byte, paced at 20× the line rate (370 s of monitor time would
 *    take 142 s at 115,200 baud): every frame, no FCS error, no gap, the numerics' states.
 * 2. Ten seconds of true pacing: the simulated monitor answers the station's association and
 *    replays the capture's poll results at their original 256 ms pace through a
 *    115,200-baud line pacer, so samples arrive at the rate the monitor measured them.
 */
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { Observation, WaveSegment } from '../../../electron/contract/domain.js';
import { Mdc } from '../../../electron/contract/mdc.js';
import { DeviceLinkConfig } from '../../../electron/station/config/StationConfigSchema.js';
import { DeviceLink } from '../../../electron/station/devices/DeviceLink.js';
import { intellivueMibDriver } from '../../../electron/station/devices/drivers/intellivue/index.js';
import { IntelliVueFramer } from '../../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';
import { parseDataExportMessage } from '../../../electron/station/devices/drivers/intellivue/IntelliVueMessages.js';
import { loadIntelliVueCapture } from '../../../electron/station/devices/drivers/intellivue/IntelliVueCapture.js';
import type { Log } from '../../../electron/station/log/StationLog.js';
import { openPtyPair, type PtyPair } from '../../support/ptyPair.js';

const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CAPTURE = loadIntelliVueCapture(new URL('../../../resources', import.meta.url).pathname);
const LINE_BYTES_PER_SECOND = intellivueMibDriver.lineBytesPerSecond;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(
  what: string,
  check: () => boolean,
  timeoutMs: number,
  detail: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${detail()}`);
    await sleep(25);
  }
}

async function openDevice(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 115_200, lock: false });
  await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
  port.on('error', () => undefined);
  return port;
}

/** Writes `bytes` at `bytesPerSecond` in small chunks on a timer (a pty does not pace). */
async function writePaced(
  port: SerialPort,
  bytes: Uint8Array,
  bytesPerSecond: number,
): Promise<void> {
  const startedAt = performance.now();
  let sent = 0;
  while (sent < bytes.length) {
    await sleep(10);
    const due = Math.min(
      bytes.length,
      Math.floor(((performance.now() - startedAt) * bytesPerSecond) / 1000),
    );
    if (due > sent) {
      port.write(Buffer.from(bytes.subarray(sent, due)));
      sent = due;
    }
  }
  await new Promise<void>((resolve) => port.drain(() => resolve()));
}

interface Station {
  link: DeviceLink;
  waves: WaveSegment[];
  observations: Observation[];
}

function startStation(path: string, id: string): Station {
  const waves: WaveSegment[] = [];
  const observations: Observation[] = [];
  const config = DeviceLinkConfig.parse({
    id,
    bed: 'bed-9',
    protocol: intellivueMibDriver.protocol,
    transport: { kind: 'serial', path },
    staleAfterMs: 5_000,
  });
  const link = new DeviceLink(
    config,
    intellivueMibDriver,
    {
      decoded: (batch) => {
        waves.push(...batch.waves);
        observations.push(...batch.observations);
      },
      changed: () => undefined,
      noData: () => undefined,
    },
    quiet,
  );
  link.start();
  return { link, waves, observations };
}

function streams(waves: WaveSegment[]): Map<number, WaveSegment[]> {
  const byCode = new Map<number, WaveSegment[]>();
  for (const w of waves) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  return byCode;
}

function seqBreaks(segments: WaveSegment[]): number {
  return segments.filter((s, i) => {
    const previous = segments[i - 1];
    return previous !== undefined && s.seq !== previous.seq + previous.samples.length;
  }).length;
}

/** What the station wrote to the monitor, as message kinds. */
function stationRequests(port: SerialPort): () => string[] {
  const framer = new IntelliVueFramer();
  const kinds: string[] = [];
  port.on('data', (chunk: Buffer) => {
    for (const m of framer.push(chunk)) kinds.push(parseDataExportMessage(m).kind);
  });
  return () => kinds;
}

describe('IntelliVue MIB/RS232: the real capture over a real pty', () => {
  let pty: PtyPair | null = null;
  let device: SerialPort | null = null;
  let station: Station | null = null;

  afterEach(async () => {
    await station?.link.stop();
    if (device?.isOpen) await new Promise<void>((r) => device?.close(() => r()));
    await pty?.kill();
    station = null;
    device = null;
    pty = null;
  });

  it('decodes all 2,887 frames (20× line rate): no FCS error, no sample gap, numerics with states', async () => {
    pty = await openPtyPair();
    device = await openDevice(pty.devicePath);
    const requests = stationRequests(device);
    station = startStation(pty.stationPath, 'mp-fast');
    await until('the station associating', () => requests().includes('association-request'), 5_000);
    expect(station.link.status()).toMatchObject({
      state: 'associating',
      endpoint: `${pty.stationPath} 115200 8N1`,
    });

    await writePaced(device, CAPTURE, 20 * LINE_BYTES_PER_SECOND);
    const link = station.link;
    await until(
      'every byte at the station',
      () => link.status().counters.bytesIn === CAPTURE.length,
      10_000,
      () => JSON.stringify(link.status().counters),
    );

    expect(link.status()).toMatchObject({ state: 'streaming', lastError: null });
    expect(link.status().counters).toMatchObject({
      bytesIn: CAPTURE.length,
      frames: 2887,
      checksumErrors: 0,
      // The log ends 29 bytes into a frame that never completes: held, not yet discarded.
      discardedBytes: 0,
      decodedSamples: 3 * 91_840 + 45_920,
      sampleGaps: 0,
    });
    // The station answered the capture's MDS Create event and started its polls.
    expect(requests()).toEqual(
      expect.arrayContaining(['association-request', 'mds-create-result', 'poll-request']),
    );

    const byCode = streams(station.waves);
    const rates = new Map([
      [Mdc.EcgII.code, 250],
      [Mdc.EcgAvr.code, 250],
      [Mdc.EcgV.code, 250],
      [Mdc.Pleth.code, 125],
    ]);
    expect([...byCode.keys()].sort()).toEqual([...rates.keys()].sort());
    for (const [code, segments] of byCode) {
      expect(segments.every((s) => s.sampleRate === rates.get(code))).toBe(true);
      expect(segments[0]?.seq).toBe(0);
      expect(seqBreaks(segments)).toBe(0);
    }

    const spo2 = station.observations.filter((o) => o.code === Mdc.SpO2.code);
    expect(spo2.length).toBe(361);
    expect(spo2.every((o) => o.status === 'invalid' && o.value === null)).toBe(true);
    const last = new Map(station.observations.map((o) => [o.code, o]));
    expect(last.get(Mdc.HeartRate.code)).toMatchObject({
      value: 60,
      status: 'valid',
      bed: 'bed-9',
    });
    expect(last.get(Mdc.PvcRate.code)).toMatchObject({ value: 0, status: 'valid' });
    expect(last.get(Mdc.StII.code)).toMatchObject({ unit: 'mm', status: 'valid' });
    expect(last.get(Mdc.NibpSys.code)).toMatchObject({ value: null, status: 'invalid' });
    expect(last.get(Mdc.PlethPulseRate.code)).toMatchObject({ value: null, status: 'invalid' });
  });

  it('streams ECG at 250 Hz and pleth at 125 Hz in real time at 115,200 baud (10 s)', async () => {
    pty = await openPtyPair();
    const port = await openDevice(pty.devicePath);
    device = port;
    const simulator = intellivueMibDriver.createSimulator({ capture: CAPTURE });
    let bytesToStation = 0;
    port.on('data', (chunk: Buffer) => simulator.receive?.(chunk));
    simulator.start((bytes) => {
      bytesToStation += bytes.length;
      port.write(Buffer.from(bytes));
    });
    try {
      station = startStation(pty.stationPath, 'mp-live');
      const current = station;
      const ecgSamples = (): number =>
        current.waves
          .filter((w) => w.code === Mdc.EcgII.code)
          .reduce((n, w) => n + w.samples.length, 0);
      await until('first ECG', () => ecgSamples() > 0, 5_000);
      // The first second carries the numerics' attribute burst; measure after it.
      await sleep(1_500);
      const startedAt = performance.now();
      const ecgAtStart = ecgSamples();
      const plethAtStart = current.waves.filter((w) => w.code === Mdc.Pleth.code).length;
      const bytesAtStart = bytesToStation;
      await sleep(10_000);
      const seconds = (performance.now() - startedAt) / 1000;

      const byCode = streams(current.waves);
      const ecgRate = (ecgSamples() - ecgAtStart) / seconds;
      const pleth = byCode.get(Mdc.Pleth.code) ?? [];
      const plethRate =
        pleth.slice(plethAtStart).reduce((n, w) => n + w.samples.length, 0) / seconds;
      // Samples come 64 (32) at a time every 256 ms: one poll of slack at each end.
      const slack = (2 * 0.256) / seconds;
      expect(ecgRate).toBeGreaterThan(250 * (1 - slack));
      expect(ecgRate).toBeLessThan(250 * (1 + slack));
      expect(plethRate).toBeGreaterThan(125 * (1 - slack));
      expect(plethRate).toBeLessThan(125 * (1 + slack));
      // The line never carried more than 115,200 baud allows.
      expect((bytesToStation - bytesAtStart) / seconds).toBeLessThanOrEqual(
        LINE_BYTES_PER_SECOND * 1.02,
      );
      for (const segments of byCode.values()) expect(seqBreaks(segments)).toBe(0);
      // Segment times follow the monitor clock: 256 ms apart.
      const ecg = byCode.get(Mdc.EcgII.code) ?? [];
      const spacing = ecg.slice(1).map((s, i) => s.t0 - (ecg[i]?.t0 ?? 0));
      expect(spacing.every((ms) => Math.abs(ms - 256) < 1e-6)).toBe(true);
      expect(current.link.status()).toMatchObject({
        state: 'streaming',
        counters: { checksumErrors: 0, sampleGaps: 0 },
      });
    } finally {
      simulator.stop();
    }
  });
});
