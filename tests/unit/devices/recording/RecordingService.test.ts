import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceLinkStatus } from '../../../../electron/contract/domain.js';
import { AlarmRegistry } from '../../../../electron/station/alarms/AlarmRegistry.js';
import type { LinkByteTap } from '../../../../electron/station/devices/DeviceLink.js';
import type { SerialSettings } from '../../../../electron/station/devices/drivers/DeviceDriver.js';
import { decodeRecording } from '../../../../electron/station/devices/recording/LinkRecordingFormat.js';
import { createRecordingFile } from '../../../../electron/station/devices/recording/RecordingFiles.js';
import {
  LINK_RECORDING_FAILED,
  RecordingService,
  type RecordableLink,
  type RecordingServiceOptions,
} from '../../../../electron/station/devices/recording/RecordingService.js';
import type { Log } from '../../../../electron/station/log/StationLog.js';

class FakeLink implements RecordableLink {
  readonly id = 'ox-1';
  readonly serialSettings: SerialSettings = {
    baudRate: 9600,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flowControl: 'none',
  };
  tap: LinkByteTap | null = null;

  status(): DeviceLinkStatus {
    return {
      id: this.id,
      bed: 'bed-1',
      protocol: 'nonin-format7',
      endpoint: '/dev/ttyUSB0 9600 8N1',
      state: 'streaming',
      lastError: null,
      demo: false,
      counters: {
        bytesIn: 0,
        bytesOut: 0,
        frames: 0,
        checksumErrors: 0,
        discardedBytes: 0,
        decodedSamples: 0,
        sampleGaps: 0,
        reconnects: 0,
        lastDataAt: null,
      },
    };
  }

  startRecording(tap: LinkByteTap): void {
    this.tap = tap;
  }

  stopRecording(): void {
    this.tap = null;
  }
}

function received(port: number, forMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    socket.on('data', (b) => chunks.push(b));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks));
    }, forMs);
  });
}

describe('RecordingService', () => {
  let dataDir: string;
  let link: FakeLink;
  let alarms: AlarmRegistry;
  let errors: string[];
  let service: RecordingService;

  const log: Log = {
    info: () => undefined,
    warn: () => undefined,
    error: (message, fields) => errors.push(`${message} ${JSON.stringify(fields)}`),
  };

  const serviceWith = (overrides: Partial<RecordingServiceOptions> = {}): RecordingService =>
    new RecordingService({
      dataDir,
      findLink: (id) => (id === link.id ? link : undefined),
      alarms,
      log,
      ...overrides,
    });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ward-recordings-'));
    link = new FakeLink();
    alarms = new AlarmRegistry(log);
    errors = [];
    service = serviceWith();
  });

  afterEach(async () => {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records what the link carries into <dataDir>/recordings and lists it', async () => {
    const started = await service.startRecording('ox-1');
    expect(started).toMatchObject({
      link: 'ox-1',
      bed: 'bed-1',
      protocol: 'nonin-format7',
      endpoint: '/dev/ttyUSB0 9600 8N1',
      recording: true,
    });
    expect(started.file).toMatch(/^ox-1-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.wsrec$/);
    expect(await service.list()).toEqual([expect.objectContaining({ recording: true })]);
    link.tap?.record('station-to-device', Uint8Array.of(0x10));
    await new Promise((r) => setTimeout(r, 30));
    link.tap?.record('device-to-station', Uint8Array.of(0x01, 0x80));

    const stopped = await service.stopRecording('ox-1');
    expect(link.tap).toBeNull();
    const path = join(dataDir, 'recordings', started.file);
    const file = readFileSync(path);
    expect(stopped).toMatchObject({ file: started.file, recording: false, bytes: file.length });
    expect(stopped.durationMs).toBeGreaterThanOrEqual(25);
    const decoded = decodeRecording(file);
    expect(decoded.metadata).toMatchObject({ link: 'ox-1', serial: link.serialSettings });
    expect(decoded.records.map((r) => r.direction)).toEqual([
      'station-to-device',
      'device-to-station',
    ]);
    expect(await service.list()).toEqual([{ ...stopped }]);
  });

  it('refuses to record an unknown link, a link twice, or stop one not recording', async () => {
    await expect(service.startRecording('ox-9')).rejects.toThrow(/no link "ox-9"/);
    await expect(service.stopRecording('ox-1')).rejects.toThrow(/not being recorded/);
    const first = service.startRecording('ox-1');
    await expect(service.startRecording('ox-1')).rejects.toThrow(/already/);
    await first;
    await expect(service.startRecording('ox-1')).rejects.toThrow(/already being recorded/);
  });

  it('serves a recording on loopback TCP: the device’s bytes only, until stopped', async () => {
    const { file } = await service.startRecording('ox-1');
    link.tap?.record('device-to-station', Uint8Array.of(1, 2));
    link.tap?.record('station-to-device', Uint8Array.of(0xee));
    link.tap?.record('device-to-station', Uint8Array.of(3));
    await service.stopRecording('ox-1');

    const replay = await service.replay(file, { speed: 1, loop: false });
    expect(replay).toMatchObject({ host: '127.0.0.1', file, speed: 1, loop: false });
    expect([...(await received(replay.port, 200))]).toEqual([1, 2, 3]);
    expect(await service.stopReplay(replay.port)).toBeNull();
    await expect(received(replay.port, 50)).rejects.toThrow(/ECONNREFUSED/);
    await expect(service.stopReplay(replay.port)).rejects.toThrow(/no replay is running/);
  });

  it('replays only files it lists: no paths, no "..", no symlinks planted in the folder', async () => {
    const { file } = await service.startRecording('ox-1');
    await service.stopRecording('ox-1');
    symlinkSync(join(dataDir, 'recordings', file), join(dataDir, 'recordings', 'planted.wsrec'));
    for (const name of [
      '../station.sqlite',
      `../recordings/${file}`,
      join(dataDir, 'recordings', file),
      'planted.wsrec',
      'missing.wsrec',
    ]) {
      await expect(service.replay(name, { speed: 1, loop: false }), name).rejects.toThrow(
        /no recording named .* in the recordings folder/,
      );
    }
    expect((await service.list()).map((r) => r.file)).toEqual([file]);
  });

  it('raises link.recording-failed and detaches when the file cannot be written', async () => {
    let failAppends = true;
    service = serviceWith({
      createFile: async (dir, name, header) => {
        const sink = await createRecordingFile(dir, name, header);
        return {
          append: (bytes) =>
            failAppends
              ? Promise.reject(new Error('ENOSPC: no space left on device, write'))
              : sink.append(bytes),
          close: () => sink.close(),
        };
      },
    });
    await service.startRecording('ox-1');
    link.tap?.record('device-to-station', Uint8Array.of(1));
    await new Promise((r) => setTimeout(r, 1_100));
    expect(link.tap).toBeNull();
    const alarm = alarms.list().find((a) => a.code === LINK_RECORDING_FAILED);
    expect(alarm).toMatchObject({ bed: 'bed-1', source: 'ox-1', kind: 'technical' });
    expect(alarm?.text).toMatch(/Recording of link ox-1 stopped: .*ENOSPC/);
    expect(errors.join('\n')).toMatch(/recording: failed/);
    await expect(service.stopRecording('ox-1')).rejects.toThrow(/not being recorded/);

    failAppends = false;
    await new Promise((r) => setTimeout(r, 5));
    await service.startRecording('ox-1');
    expect(alarms.list().some((a) => a.code === LINK_RECORDING_FAILED)).toBe(false);
  });

  it('says which file it could not create', async () => {
    service = serviceWith({
      createFile: () => Promise.reject(new Error('EACCES: permission denied')),
    });
    await expect(service.startRecording('ox-1')).rejects.toThrow(
      /cannot create recording ox-1-.*\.wsrec for link ox-1: EACCES/,
    );
    expect(link.tap).toBeNull();
  });

  it('finishes open recordings and closes replays when stopped', async () => {
    const { file } = await service.startRecording('ox-1');
    link.tap?.record('device-to-station', Uint8Array.of(7));
    await service.stop();
    expect(link.tap).toBeNull();
    const decoded = decodeRecording(readFileSync(join(dataDir, 'recordings', file)));
    expect(decoded.records).toHaveLength(1);
  });
});
