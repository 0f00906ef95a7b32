import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkRecord } from '../../../../electron/station/devices/recording/LinkRecordingFormat.js';
import { RecordingReplayer } from '../../../../electron/station/devices/recording/RecordingReplayer.js';

const records: LinkRecord[] = [
  { offsetUs: 0, direction: 'device-to-station', bytes: Uint8Array.of(1) },
  { offsetUs: 5_000, direction: 'station-to-device', bytes: Uint8Array.of(9) },
  { offsetUs: 20_000, direction: 'device-to-station', bytes: Uint8Array.of(2) },
  { offsetUs: 20_000, direction: 'device-to-station', bytes: Uint8Array.of(3) },
  { offsetUs: 100_000, direction: 'device-to-station', bytes: Uint8Array.of(4) },
];

/** Every write as [ms since start, first byte]. */
function capture(): { writes: [number, number][]; write(bytes: Uint8Array): void } {
  const startedAt = performance.now();
  const writes: [number, number][] = [];
  return { writes, write: (bytes) => writes.push([performance.now() - startedAt, bytes[0]!]) };
}

describe('RecordingReplayer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the device’s bytes at their recorded offsets and never the station’s', async () => {
    const ended = vi.fn();
    const replayer = new RecordingReplayer({ records }, { onEnd: ended });
    const out = capture();
    replayer.start(out.write);
    await vi.advanceTimersByTimeAsync(19);
    expect(out.writes).toEqual([[0, 1]]);
    await vi.advanceTimersByTimeAsync(200);
    expect(out.writes).toEqual([
      [0, 1],
      [20, 2],
      [20, 3],
      [100, 4],
    ]);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('plays faster by the speed factor', async () => {
    const replayer = new RecordingReplayer({ records }, { speed: 2 });
    const out = capture();
    replayer.start(out.write);
    await vi.advanceTimersByTimeAsync(200);
    expect(out.writes.map(([t]) => t)).toEqual([0, 10, 10, 50]);
  });

  it('loops with the recording’s own period', async () => {
    const replayer = new RecordingReplayer({ records }, { loop: true });
    const out = capture();
    replayer.start(out.write);
    await vi.advanceTimersByTimeAsync(219);
    replayer.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(out.writes).toEqual([
      [0, 1],
      [20, 2],
      [20, 3],
      [100, 4],
      [100, 1],
      [120, 2],
      [120, 3],
      [200, 4],
      [200, 1],
    ]);
  });

  it('stops writing when stopped', async () => {
    const replayer = new RecordingReplayer({ records });
    const out = capture();
    replayer.start(out.write);
    replayer.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(out.writes).toEqual([[0, 1]]);
  });

  it('ends at once when the device said nothing, even when looping', async () => {
    const ended = vi.fn();
    const stationOnly = records.filter((r) => r.direction === 'station-to-device');
    const replayer = new RecordingReplayer({ records: stationOnly }, { loop: true, onEnd: ended });
    const out = capture();
    replayer.start(out.write);
    await vi.advanceTimersByTimeAsync(500);
    expect(out.writes).toEqual([]);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('refuses a speed that is not a positive number', () => {
    for (const speed of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RecordingReplayer({ records }, { speed })).toThrow(RangeError);
    }
  });
});
