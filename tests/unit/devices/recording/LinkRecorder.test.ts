import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LinkRecorder,
  type RecordingSink,
} from '../../../../electron/station/devices/recording/LinkRecorder.js';
import {
  decodeRecording,
  encodeHeader,
  type RecordingMetadata,
} from '../../../../electron/station/devices/recording/LinkRecordingFormat.js';

const metadata: RecordingMetadata = {
  link: 'pump-3',
  bed: 'bed-3',
  protocol: 'bbraun-bcc',
  endpoint: 'tcp 10.0.0.5:4001',
  serial: null,
  startedAt: 1_700_000_000_000,
};

class MemorySink implements RecordingSink {
  readonly appended: Uint8Array[] = [];
  closed = false;
  failWith: Error | null = null;

  async append(bytes: Uint8Array): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.appended.push(bytes.slice());
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** The file as it would be on disk: header, then everything appended. */
  file(): Uint8Array {
    return Buffer.concat([encodeHeader(metadata), ...this.appended]);
  }
}

describe('LinkRecorder', () => {
  let sink: MemorySink;
  let clock: number;
  let failures: Error[];

  const start = (): LinkRecorder =>
    new LinkRecorder(sink, metadata, encodeHeader(metadata).length, {
      now: () => clock,
      origin: 1_000,
      onFailure: (e) => failures.push(e),
    });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    sink = new MemorySink();
    clock = 1_000;
    failures = [];
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('records both directions with their offsets from the start, to the microsecond', async () => {
    const recorder = start();
    recorder.record('station-to-device', Uint8Array.of(0x02, 0x05));
    clock = 1_013.333;
    recorder.record('device-to-station', Uint8Array.of(0x06));
    clock = 3_600_001.5;
    recorder.record('device-to-station', Uint8Array.of(1, 2, 3));
    const summary = await recorder.stop();
    const decoded = decodeRecording(sink.file());
    expect(decoded.metadata).toEqual(metadata);
    expect(decoded.records.map((r) => [r.offsetUs, r.direction, [...r.bytes]])).toEqual([
      [0, 'station-to-device', [2, 5]],
      [13_333, 'device-to-station', [6]],
      [3_599_001_500, 'device-to-station', [1, 2, 3]],
    ]);
    expect(summary).toMatchObject({ records: 3, durationMs: 3_599_001.5 });
    expect(summary.bytes).toBe(sink.file().length);
    expect(sink.closed).toBe(true);
  });

  it('writes buffered bytes out within a second, not on every chunk', async () => {
    const recorder = start();
    recorder.record('device-to-station', Uint8Array.of(1));
    recorder.record('device-to-station', Uint8Array.of(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.appended).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sink.appended).toHaveLength(1);
    expect(decodeRecording(sink.file()).records).toHaveLength(2);
    await recorder.stop();
  });

  it('writes a large burst at once', async () => {
    const recorder = start();
    recorder.record('device-to-station', new Uint8Array(70_000));
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.appended).toHaveLength(1);
    await recorder.stop();
  });

  it('never lets time run backwards in the file', async () => {
    const recorder = start();
    clock = 1_010;
    recorder.record('device-to-station', Uint8Array.of(1));
    clock = 1_005;
    recorder.record('device-to-station', Uint8Array.of(2));
    await recorder.stop();
    expect(decodeRecording(sink.file()).records.map((r) => r.offsetUs)).toEqual([10_000, 10_000]);
  });

  it('reports a failed write once, stops recording and releases the file', async () => {
    const recorder = start();
    sink.failWith = new Error('ENOSPC: no space left on device, write');
    recorder.record('device-to-station', Uint8Array.of(1));
    await vi.advanceTimersByTimeAsync(1_000);
    recorder.record('device-to-station', Uint8Array.of(2));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(failures.map((e) => e.message)).toEqual(['ENOSPC: no space left on device, write']);
    await expect(recorder.stop()).rejects.toThrow(/ENOSPC/);
    expect(sink.closed).toBe(true);
  });

  it('ignores empty reads', async () => {
    const recorder = start();
    recorder.record('device-to-station', new Uint8Array(0));
    expect((await recorder.stop()).records).toBe(0);
    expect(failures).toEqual([]);
  });
});
