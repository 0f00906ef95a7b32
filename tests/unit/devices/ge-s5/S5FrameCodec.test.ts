/**
 * The byte streams here are project-made test data: S/5 frames laid out by hand from the
 * Computer Interface specification (see electron/station/devices/drivers/ge-s5/PROTOCOL.md),
 * checksums computed in this file.
 */
import { describe, expect, it } from 'vitest';
import {
  S5Framer,
  S5_LINE_BYTES_PER_SECOND,
  encodeS5Frame,
  s5Checksum,
} from '../../../../electron/station/devices/drivers/ge-s5/S5FrameCodec.js';

/** A minimal record: 40-byte header with r_len, then `data`; r_len counts the whole record. */
function record(data: number[] = [], fill = 0): Uint8Array {
  const bytes = new Uint8Array(40 + data.length).fill(fill);
  bytes[0] = bytes.length & 0xff;
  bytes[1] = bytes.length >> 8;
  bytes.set(data, 40);
  return bytes;
}

function sum(bytes: Uint8Array): number {
  return bytes.reduce((a, b) => (a + b) & 0xff, 0);
}

/** Frame by hand: flag, record and checksum with 7E → 7D 5E and 7D → 7D 5D, flag. */
function frameByHand(rec: Uint8Array): number[] {
  const body = [...rec, sum(rec)];
  const stuffed = body.flatMap((b) =>
    b === 0x7e ? [0x7d, 0x5e] : b === 0x7d ? [0x7d, 0x5d] : [b],
  );
  return [0x7e, ...stuffed, 0x7e];
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}

const A = record([1, 2, 3, 4]);
const B = record([0x7e, 0x7d, 0x10]);
const C = record([], 0x11);

describe('S5 framing', () => {
  it('runs the line at 19200 8E1: 11 bits a character, 1745 bytes a second', () => {
    expect(S5_LINE_BYTES_PER_SECOND).toBe(1745);
  });

  it('sums the unstuffed record bytes mod 256', () => {
    expect(s5Checksum(Uint8Array.of(0xff, 0x02, 0x7e))).toBe((0xff + 0x02 + 0x7e) & 0xff);
    expect(s5Checksum(A)).toBe(sum(A));
  });

  it('escapes 0x7E and 0x7D in the record and in the checksum, and nothing else', () => {
    expect([...encodeS5Frame(B)]).toEqual(frameByHand(B));
    expect([...encodeS5Frame(B)].slice(41, 45)).toEqual([0x7d, 0x5e, 0x7d, 0x5d]);
    // A record whose checksum is 0x7E: 40-byte header (r_len 44) + bytes summing to make it so.
    const rec = record([0, 0, 0, 0]);
    rec[40] = (0x7e - sum(rec)) & 0xff;
    expect(s5Checksum(rec)).toBe(0x7e);
    expect([...encodeS5Frame(rec)].slice(-3)).toEqual([0x7d, 0x5e, 0x7e]);
  });

  it('reads back frames built by hand, and what it encodes', () => {
    const framer = new S5Framer();
    const frames = framer.push(concat(frameByHand(A), encodeS5Frame(B), frameByHand(C)));
    expect(frames.map((f) => [...f.record])).toEqual([[...A], [...B], [...C]]);
    expect(frames.every((f) => f.discardedBefore === 0)).toBe(true);
    expect(framer.counters).toEqual({ frames: 3, checksumErrors: 0, discardedBytes: 0 });
  });

  it('gives the same frames whatever the split, at every byte boundary', () => {
    const stream = concat(frameByHand(A), frameByHand(B), frameByHand(C));
    for (let cut = 1; cut < stream.length; cut++) {
      const framer = new S5Framer();
      const frames = [
        ...framer.push(stream.subarray(0, cut)),
        ...framer.push(stream.subarray(cut)),
      ];
      expect(frames.map((f) => f.record.length)).toEqual([A.length, B.length, C.length]);
      expect(framer.counters.discardedBytes).toBe(0);
    }
  });

  it('skips and counts noise before and between frames', () => {
    const framer = new S5Framer();
    const noise = [0x01, 0x02, 0x7d, 0x33];
    const frames = framer.push(concat(noise, frameByHand(A), [0x55, 0x66], frameByHand(B)));
    expect(frames.map((f) => f.record.length)).toEqual([A.length, B.length]);
    expect(frames.map((f) => f.discardedBefore)).toEqual([4, 2]);
    expect(framer.counters).toEqual({ frames: 2, checksumErrors: 0, discardedBytes: 6 });
  });

  it('counts a frame with a bad checksum, skips it, and reads the next one', () => {
    const bad = frameByHand(B);
    bad[bad.length - 2] = (bad[bad.length - 2] ?? 0) ^ 0x01;
    const framer = new S5Framer();
    const frames = framer.push(concat(frameByHand(A), bad, frameByHand(C)));
    expect(frames.map((f) => [...f.record])).toEqual([[...A], [...C]]);
    expect(frames[1]?.discardedBefore).toBe(bad.length - 2);
    expect(framer.counters.checksumErrors).toBe(1);
  });

  it('drops a truncated frame (r_len says more) as noise, not as a checksum error', () => {
    const truncated = frameByHand(A).slice(0, 20);
    const framer = new S5Framer();
    const frames = framer.push(concat(truncated, frameByHand(C)));
    expect(frames.map((f) => f.record.length)).toEqual([C.length]);
    expect(framer.counters).toEqual({ frames: 1, checksumErrors: 0, discardedBytes: 19 });
  });

  it('still reads a frame whose end flag was lost: the next start flag ends it', () => {
    const a = frameByHand(A);
    const framer = new S5Framer();
    const frames = framer.push(concat(a.slice(0, -1), frameByHand(B)));
    expect(frames.map((f) => f.record.length)).toEqual([A.length, B.length]);
  });

  it('gives up on a candidate longer than any record and resyncs at the next flag', () => {
    const framer = new S5Framer();
    const endless = new Uint8Array(2000).fill(0x42);
    const frames = framer.push(concat([0x7e], endless, frameByHand(A)));
    expect(frames.map((f) => f.record.length)).toEqual([A.length]);
    expect(framer.counters.discardedBytes).toBe(2000);
  });

  it('never throws on random bytes and keeps counting', () => {
    const framer = new S5Framer();
    let seed = 7;
    const noise = Uint8Array.from({ length: 50_000 }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    expect(() => framer.push(noise)).not.toThrow();
    expect(framer.counters.frames).toBe(0);
    const frames = framer.push(concat(frameByHand(A)));
    expect(frames.map((f) => f.record.length)).toEqual([A.length]);
  });
});
