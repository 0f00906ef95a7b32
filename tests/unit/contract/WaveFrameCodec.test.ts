import { describe, expect, it } from 'vitest';
import {
  decodeWaveFrame,
  encodeWaveFrame,
  WaveFrameFormatError,
} from '../../../electron/contract/WaveFrameCodec.js';

describe('WaveFrameCodec', () => {
  it('round-trips segments of odd and even lengths with their seq and times', () => {
    const segments = [1, 2, 3, 75, 250, 0].map((n, i) => ({
      streamId: i * 1000,
      seq: 0xfffffff0 + i,
      t0: 1_700_000_000_000 + i * 0.5,
      samples: Int16Array.from({ length: n }, (_, k) => (k % 2 ? -32768 : 32767) - k),
    }));
    const frame = decodeWaveFrame(encodeWaveFrame({ time: 123.25, segments }));
    expect(frame.time).toBe(123.25);
    expect(frame.segments).toHaveLength(segments.length);
    frame.segments.forEach((s, i) => {
      const sent = segments[i]!;
      expect(s.streamId).toBe(sent.streamId);
      expect(s.seq).toBe(sent.seq);
      expect(s.t0).toBe(sent.t0);
      expect(Array.from(s.samples)).toEqual(Array.from(sent.samples));
    });
  });

  it('costs two bytes per sample plus a small header, far less than JSON', () => {
    const samples = Int16Array.from({ length: 500 }, (_, k) => Math.round(800 * Math.sin(k)));
    const frame = { time: 1, segments: [{ streamId: 1, seq: 0, t0: 0, samples }] };
    const binary = encodeWaveFrame(frame).byteLength;
    expect(binary).toBeLessThanOrEqual(16 + 16 + 1000);
    expect(
      JSON.stringify({
        ...frame,
        segments: [{ ...frame.segments[0], samples: Array.from(samples) }],
      }).length,
    ).toBeGreaterThan(2 * binary);
  });

  it('refuses what is not a wave frame instead of misreading it', () => {
    expect(() => decodeWaveFrame(new ArrayBuffer(4))).toThrow(WaveFrameFormatError);
    expect(() => decodeWaveFrame(new Uint8Array(32).fill(7).buffer)).toThrow(/not a wave frame/);
    const good = encodeWaveFrame({
      time: 1,
      segments: [{ streamId: 1, seq: 0, t0: 0, samples: new Int16Array(40) }],
    });
    expect(() => decodeWaveFrame(good.slice(0, good.byteLength - 16))).toThrow(/truncated/);
  });

  it('rejects a segment too long for its 16-bit count', () => {
    expect(() =>
      encodeWaveFrame({
        time: 0,
        segments: [{ streamId: 0, seq: 0, t0: 0, samples: new Int16Array(70_000) }],
      }),
    ).toThrow(RangeError);
  });
});
