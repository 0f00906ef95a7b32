/**
 * Raw recording and replay on real parts: a simulated Nonin oximeter on loopback TCP, a live
 * DeviceLink recorded to a .wsrec file, then that file replayed as the device (over TCP, and
 * into a socat pty) to fresh links that must decode exactly what the live link decoded, at the
 * live pace. Then the same through the built headless station's contract.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../../electron/contract/ContractClient.js';
import { ContractError } from '../../../electron/contract/errors.js';
import { Mdc } from '../../../electron/contract/mdc.js';
import type { StationContract } from '../../../electron/contract/StationContract.js';
import { DeviceLinkConfig } from '../../../electron/station/config/StationConfigSchema.js';
import { DeviceLink, type DeviceLinkEvents } from '../../../electron/station/devices/DeviceLink.js';
import { noninFormat7Driver } from '../../../electron/station/devices/drivers/nonin/index.js';
import { LinkRecorder } from '../../../electron/station/devices/recording/LinkRecorder.js';
import {
  encodeHeader,
  recordingFileName,
  type DecodedRecording,
  type RecordingMetadata,
} from '../../../electron/station/devices/recording/LinkRecordingFormat.js';
import {
  createRecordingFile,
  readRecordingFile,
} from '../../../electron/station/devices/recording/RecordingFiles.js';
import {
  RecordingReplayer,
  replayIntoSerialPort,
} from '../../../electron/station/devices/recording/RecordingReplayer.js';
import { SimulatedDeviceServer } from '../../../electron/station/devices/simulators/SimulatedDeviceServer.js';
import type { Log } from '../../../electron/station/log/StationLog.js';
import { startHeadlessStation, type HeadlessStation } from '../../support/headlessStation.js';
import { openPtyPair } from '../../support/ptyPair.js';
import { connectStationClient } from '../../support/stationClient.js';

const SPO2 = 93;
const PULSE_RATE = 84;
const RECORD_MS = 3_000;

const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** What a link decoded: every SpO2 and pulse value, every pleth sample, and when. */
class Decoded {
  spo2: (number | null)[] = [];
  pulse: (number | null)[] = [];
  pleth: number[] = [];
  firstAt: number | null = null;
  lastAt: number | null = null;
  counting = true;

  readonly events: DeviceLinkEvents = {
    decoded: (batch) => {
      if (!this.counting) return;
      const now = performance.now();
      this.firstAt ??= now;
      this.lastAt = now;
      for (const o of batch.observations) {
        if (o.code === Mdc.SpO2.code) this.spo2.push(o.value);
        if (o.code === Mdc.PulseRateOximeter.code) this.pulse.push(o.value);
      }
      for (const w of batch.waves) this.pleth.push(...w.samples);
    },
    changed: () => undefined,
    noData: () => undefined,
  };

  get spanMs(): number {
    return (this.lastAt ?? 0) - (this.firstAt ?? 0);
  }
}

function tcpLink(id: string, port: number, events: DeviceLinkEvents): DeviceLink {
  const config = DeviceLinkConfig.parse({
    id,
    bed: 'bed-1',
    protocol: 'nonin-format7',
    transport: { kind: 'tcp', host: '127.0.0.1', port },
  });
  return new DeviceLink(config, noninFormat7Driver, events, quiet);
}

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until `replayed` has as many samples as `live`, then a little longer for any extra. */
async function replayedAll(replayed: Decoded, live: Decoded, speed: number): Promise<void> {
  await until(
    'the replay to deliver every sample',
    () => replayed.pleth.length >= live.pleth.length,
    RECORD_MS / speed + 5_000,
  );
  await new Promise((r) => setTimeout(r, 300));
}

describe('recording a live Nonin link and replaying it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ward-record-replay-'));
  const live = new Decoded();
  let recording: DecodedRecording;
  let recordedDurationMs: number;

  beforeAll(async () => {
    const device = new SimulatedDeviceServer(() =>
      noninFormat7Driver.createSimulator({ seed: 3, spo2: SPO2, pulseRate: PULSE_RATE }),
    );
    const port = await device.listen();
    const link = tcpLink('ox-live', port, live.events);
    const status = link.status();
    const metadata: RecordingMetadata = {
      link: status.id,
      bed: status.bed,
      protocol: status.protocol,
      endpoint: status.endpoint,
      serial: link.serialSettings,
      startedAt: Date.now(),
    };
    const dir = join(dataDir, 'recordings');
    const file = recordingFileName(status.id, new Date(metadata.startedAt));
    const header = encodeHeader(metadata);
    const failures: Error[] = [];
    const recorder = new LinkRecorder(
      await createRecordingFile(dir, file, header),
      metadata,
      header.length,
      { onFailure: (e) => failures.push(e) },
    );
    // Tapped before it connects, so the file holds the stream from its very first byte.
    link.startRecording(recorder);
    link.start();
    await new Promise((r) => setTimeout(r, RECORD_MS));
    link.stopRecording();
    live.counting = false;
    recordedDurationMs = (await recorder.stop()).durationMs;
    await link.stop();
    await device.close();
    expect(failures).toEqual([]);
    recording = (await readRecordingFile(join(dir, file))).recording;
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('recorded about three seconds of the device’s bytes, whole', () => {
    expect(recording.metadata).toMatchObject({ link: 'ox-live', protocol: 'nonin-format7' });
    expect(recording.unreadableTailBytes).toBe(0);
    expect(recording.records.every((r) => r.direction === 'device-to-station')).toBe(true);
    expect(recordedDurationMs).toBeGreaterThan(RECORD_MS * 0.9);
    expect(live.pleth.length).toBeGreaterThan(200);
    expect(live.spo2.at(-1)).toBe(SPO2);
    expect(live.pulse.at(-1)).toBe(PULSE_RATE);
  });

  it('replays over TCP to a second link that decodes the same values at the same pace', async () => {
    const replayed = new Decoded();
    const server = new SimulatedDeviceServer(() => new RecordingReplayer(recording));
    const link = tcpLink('ox-replayed', await server.listen(), replayed.events);
    link.start();
    try {
      await replayedAll(replayed, live, 1);
    } finally {
      await link.stop();
      await server.close();
    }
    expect(replayed.pleth).toEqual(live.pleth);
    expect(replayed.spo2).toEqual(live.spo2);
    expect(replayed.pulse).toEqual(live.pulse);
    expect(replayed.spanMs / live.spanMs).toBeGreaterThan(0.9);
    expect(replayed.spanMs / live.spanMs).toBeLessThan(1.1);
  });

  it('replays into a pty, at double speed, to a serial link that decodes the same values', async () => {
    const pty = await openPtyPair();
    const replayed = new Decoded();
    const config = DeviceLinkConfig.parse({
      id: 'ox-serial-replay',
      bed: 'bed-1',
      protocol: 'nonin-format7',
      transport: { kind: 'serial', path: pty.stationPath },
    });
    let opened = false;
    const log: Log = { ...quiet, info: (message) => (opened ||= message === 'link: connected') };
    const link = new DeviceLink(config, noninFormat7Driver, replayed.events, log);
    link.start();
    await until('the serial link to open', () => opened, 5_000);
    const replay = await replayIntoSerialPort(pty.devicePath, recording, { speed: 2 });
    try {
      await replay.finished;
      await replayedAll(replayed, live, 2);
    } finally {
      await replay.stop();
      await link.stop();
      await pty.kill();
    }
    expect(replayed.pleth).toEqual(live.pleth);
    expect(replayed.spo2).toEqual(live.spo2);
    expect(replayed.spanMs / (live.spanMs / 2)).toBeGreaterThan(0.9);
    expect(replayed.spanMs / (live.spanMs / 2)).toBeLessThan(1.1);
  });
});

/** Decodes whatever a TCP port sends for `forMs` as a Nonin stream. */
function decodeFromPort(port: number, forMs: number): Promise<{ bytes: number; spo2: number[] }> {
  return new Promise((resolve, reject) => {
    const decoder = noninFormat7Driver.createDecoder(
      { bed: 'bed-7', device: 'probe', demo: false },
      { send: () => undefined },
    );
    let bytes = 0;
    const spo2: number[] = [];
    const socket = connect(port, '127.0.0.1');
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (const o of decoder.push(chunk, Date.now()).observations) {
        if (o.code === Mdc.SpO2.code && o.value !== null) spo2.push(o.value);
      }
    });
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve({ bytes, spo2 });
    }, forMs);
  });
}

describe('recording and replay through the headless station contract', () => {
  let device: SimulatedDeviceServer;
  let station: HeadlessStation;
  let client: ContractClient<StationContract>;

  beforeAll(async () => {
    device = new SimulatedDeviceServer(() =>
      noninFormat7Driver.createSimulator({ seed: 5, spo2: SPO2, pulseRate: PULSE_RATE }),
    );
    const devicePort = await device.listen();
    station = await startHeadlessStation({
      config: {
        unit: { name: 'Recording ward' },
        beds: [{ id: 'bed-7', label: 'Bed 7' }],
        links: [
          {
            id: 'ox-7',
            bed: 'bed-7',
            protocol: 'nonin-format7',
            transport: { kind: 'tcp', host: '127.0.0.1', port: devicePort },
          },
        ],
      },
    });
    ({ client } = await connectStationClient(station.url, station.token));
    await until(
      'the link to stream',
      async () => (await client.call('links.list', {}))[0]?.state === 'streaming',
      10_000,
    );
  });

  afterAll(async () => {
    await station?.stop();
    await device?.close();
  });

  it('records a link, lists the recording and serves it as a device on a loopback port', async () => {
    const started = await client.call('links.startRecording', { link: 'ox-7' });
    expect(started).toMatchObject({ link: 'ox-7', bed: 'bed-7', recording: true });
    await new Promise((r) => setTimeout(r, 1_500));
    const stopped = await client.call('links.stopRecording', { link: 'ox-7' });
    expect(stopped).toMatchObject({ file: started.file, recording: false });
    expect(stopped.durationMs).toBeGreaterThan(1_000);

    const listed = await client.call('recordings.list', {});
    expect(listed).toEqual([stopped]);

    const replay = await client.call('recordings.replay', { file: stopped.file });
    expect(replay).toMatchObject({ host: '127.0.0.1', file: stopped.file, speed: 1, loop: false });
    const streamed = await decodeFromPort(replay.port, 1_500);
    expect(streamed.bytes).toBeGreaterThan(500);
    expect(streamed.spo2).toContain(SPO2);
    expect(await client.call('recordings.stopReplay', { port: replay.port })).toBeNull();
    await expect(decodeFromPort(replay.port, 100)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses file names that are not plain names from the recordings folder', async () => {
    for (const file of [
      '../station.sqlite',
      '../logs/x.wsrec',
      '/etc/passwd',
      'a/b.wsrec',
      '..wsrec',
    ]) {
      const refused = await client.call('recordings.replay', { file }).catch((e: unknown) => e);
      expect(refused, file).toBeInstanceOf(ContractError);
      expect((refused as ContractError).code, file).toBe('INVALID_INPUT');
      expect((refused as ContractError).issues?.[0]?.message, file).toMatch(
        /no folders, no "\.\."/,
      );
    }
    const missing = await client
      .call('recordings.replay', { file: 'ox-7-1999-01-01T00-00-00.000Z.wsrec' })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'HANDLER_FAILED' });
    expect((missing as ContractError).message).toMatch(
      /no recording named .* in the recordings folder/,
    );
  });

  it('answers recording calls for unknown links with a clear error', async () => {
    await expect(client.call('links.startRecording', { link: 'ox-404' })).rejects.toThrow(
      /no link "ox-404"/,
    );
    await expect(client.call('links.stopRecording', { link: 'ox-7' })).rejects.toThrow(
      /not being recorded/,
    );
  });

  it('lists serial ports without failing', async () => {
    const listing = await client.call('serialPorts.list', {});
    expect(Array.isArray(listing.ports)).toBe(true);
    expect(listing.ports.every((p) => !p.path.startsWith('/dev/pts/'))).toBe(true);
  });
});
