/**
 * All byte sequences here are project-made test data, written by hand from the Nonin Data
 * Format 7 layout (see electron/station/devices/drivers/nonin/PROTOCOL.md); none is a capture.
 */
import { describe, expect, it } from 'vitest';
import {
  NoninFramer,
  decodeNoninHeartRate,
  encodeNoninFrame,
  encodeNoninHeartRate,
  type ReceivedNoninFrame,
} from '../../../../electron/station/devices/drivers/nonin/NoninFormat7Codec.js';

// Three frames opening a packet for HR 72, SpO2 97. Checksum = sum of the first four bytes mod 256.
// status 0x81 (start + SYNC), pleth 0x8000, HR MSB 0x00: 0x81+0x80+0x00+0x00 = 0x101 → 0x01
const FRAME_1 = [0x81, 0x80, 0x00, 0x00, 0x01];
// status 0x80, pleth 0x8010, HR LSB 72 = 0x48: 0x80+0x80+0x10+0x48 = 0x158 → 0x58
const FRAME_2 = [0x80, 0x80, 0x10, 0x48, 0x58];
// status 0x80, pleth 0x8020, SpO2 97 = 0x61: 0x80+0x80+0x20+0x61 = 0x181 → 0x81
const FRAME_3 = [0x80, 0x80, 0x20, 0x61, 0x81];
// status 0x80, pleth 0x7ff0, firmware revision 0x2a: 0x80+0x7f+0xf0+0x2a = 0x219 → 0x19
const FRAME_4 = [0x80, 0x7f, 0xf0, 0x2a, 0x19];
// status 0x80, pleth 0x1234, reserved 0x00: 0x80+0x12+0x34+0x00 = 0xc6
const FRAME_5 = [0x80, 0x12, 0x34, 0x00, 0xc6];
// status 0x80, pleth 0xffff, timer MSB 0x00: 0x80+0xff+0xff+0x00 = 0x27e → 0x7e
const FRAME_6 = [0x80, 0xff, 0xff, 0x00, 0x7e];

const FRAMES = [FRAME_1, FRAME_2, FRAME_3, FRAME_4, FRAME_5, FRAME_6];
const PLETH = [0x8000, 0x8010, 0x8020, 0x7ff0, 0x1234, 0xffff];
const DATA = [0x00, 0x48, 0x61, 0x2a, 0x00, 0x00];

function bytes(...parts: number[][]): Uint8Array {
  return Uint8Array.from(parts.flat());
}

function plethOf(frames: ReceivedNoninFrame[]): number[] {
  return frames.map((f) => f.pleth);
}

describe('encodeNoninFrame', () => {
  it('produces the hand-computed bytes, checksum included', () => {
    expect([...encodeNoninFrame({ status: 0x81, pleth: 0x8000, data: 0x00 })]).toEqual(FRAME_1);
    expect([...encodeNoninFrame({ status: 0x80, pleth: 0x8010, data: 0x48 })]).toEqual(FRAME_2);
    expect([...encodeNoninFrame({ status: 0x80, pleth: 0xffff, data: 0x00 })]).toEqual(FRAME_6);
  });

  it('refuses a status without the start bit and out-of-range fields', () => {
    expect(() => encodeNoninFrame({ status: 0x01, pleth: 0, data: 0 })).toThrow(RangeError);
    expect(() => encodeNoninFrame({ status: 0x80, pleth: 0x10000, data: 0 })).toThrow(RangeError);
    expect(() => encodeNoninFrame({ status: 0x80, pleth: 0, data: 256 })).toThrow(RangeError);
  });
});

describe('Nonin heart-rate packing', () => {
  it('spreads 9 bits over two 7-bit data bytes', () => {
    // 130 = 0b1_0000010: HR8..HR7 = 01 in the MSB byte, HR6..HR0 = 0000010 in the LSB byte.
    expect(encodeNoninHeartRate(130)).toEqual({ msb: 0x01, lsb: 0x02 });
    expect(decodeNoninHeartRate(0x01, 0x02)).toBe(130);
    expect(decodeNoninHeartRate(0x03, 0x7f)).toBe(511);
    expect(decodeNoninHeartRate(0x00, 0x48)).toBe(72);
  });

  it('ignores the reserved bits of the MSB byte', () => {
    expect(decodeNoninHeartRate(0x7d, 0x02)).toBe(130);
  });
});

describe('NoninFramer', () => {
  it('reads consecutive frames', () => {
    const framer = new NoninFramer();
    const frames = framer.push(bytes(...FRAMES));
    expect(plethOf(frames)).toEqual(PLETH);
    expect(frames.map((f) => f.data)).toEqual(DATA);
    expect(frames[0]?.status).toBe(0x81);
    expect(frames.every((f) => f.discardedBefore === 0)).toBe(true);
    expect(framer.counters).toEqual({ frames: 6, checksumErrors: 0, discardedBytes: 0 });
  });

  it('gives the same frames whichever byte boundary the stream is split at', () => {
    const stream = bytes(...FRAMES);
    for (let cut = 0; cut <= stream.length; cut++) {
      const framer = new NoninFramer();
      const frames = [...framer.push(stream.slice(0, cut)), ...framer.push(stream.slice(cut))];
      expect(plethOf(frames), `cut at ${cut}`).toEqual(PLETH);
    }
  });

  it('gives the same frames when fed one byte at a time', () => {
    const framer = new NoninFramer();
    const frames = [...bytes(...FRAMES)].flatMap((b) => framer.push(Uint8Array.of(b)));
    expect(plethOf(frames)).toEqual(PLETH);
  });

  it('skips garbage before and between frames and counts it', () => {
    const garbage = [0x00, 0x13, 0xff, 0x81, 0x7f];
    const framer = new NoninFramer();
    const frames = framer.push(
      bytes(garbage, FRAME_1, FRAME_2, FRAME_3, [0x00, 0x06], FRAME_4, FRAME_5, FRAME_6),
    );
    expect(plethOf(frames)).toEqual(PLETH);
    expect(frames.map((f) => f.discardedBefore)).toEqual([5, 0, 0, 2, 0, 0]);
    // Neither gap started with a set start bit, so no frame was due there and none failed.
    expect(framer.counters).toEqual({ frames: 6, checksumErrors: 0, discardedBytes: 7 });
  });

  it('counts a corrupted checksum, skips that frame and decodes the next ones', () => {
    // FRAME_3 with its checksum byte 0x81 changed to 0x80.
    const corrupt = [0x80, 0x80, 0x20, 0x61, 0x80];
    const framer = new NoninFramer();
    const frames = framer.push(bytes(FRAME_1, FRAME_2, corrupt, FRAME_4, FRAME_5, FRAME_6));
    expect(plethOf(frames)).toEqual([0x8000, 0x8010, 0x7ff0, 0x1234, 0xffff]);
    expect(frames[2]?.discardedBefore).toBe(5);
    expect(framer.counters).toEqual({ frames: 5, checksumErrors: 1, discardedBytes: 5 });
  });

  it('drops a truncated frame and resynchronises on the next one', () => {
    const framer = new NoninFramer();
    const frames = framer.push(bytes(FRAME_1, FRAME_2, FRAME_3.slice(0, 3), FRAME_4, FRAME_5));
    expect(plethOf(frames)).toEqual([0x8000, 0x8010, 0x7ff0, 0x1234]);
    expect(frames[2]?.discardedBefore).toBe(3);
    expect(framer.counters).toEqual({ frames: 4, checksumErrors: 1, discardedBytes: 3 });
  });

  it('joins in mid-frame, as when a port opens on a running device', () => {
    const framer = new NoninFramer();
    const frames = framer.push(bytes(FRAME_1.slice(2), FRAME_2, FRAME_3, FRAME_4));
    expect(plethOf(frames)).toEqual([0x8010, 0x8020, 0x7ff0]);
    expect(framer.counters.discardedBytes).toBe(3);
  });

  it('locks only when a candidate frame is confirmed by the next one', () => {
    const framer = new NoninFramer();
    expect(framer.push(bytes(FRAME_1))).toEqual([]);
    expect(plethOf(framer.push(bytes(FRAME_2)))).toEqual([0x8000, 0x8010]);
    // Once locked, each frame is delivered as soon as its last byte arrives.
    expect(plethOf(framer.push(bytes(FRAME_3)))).toEqual([0x8020]);
  });

  it('never throws on noise and accounts for every byte', () => {
    let state = 12345;
    const noise = Uint8Array.from({ length: 20_000 }, () => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state >>> 24;
    });
    const framer = new NoninFramer();
    let frames = 0;
    for (let at = 0; at < noise.length; at += 37) {
      frames += framer.push(noise.slice(at, at + 37)).length;
    }
    const { discardedBytes } = framer.counters;
    expect(framer.counters.frames).toBe(frames);
    expect(noise.length - frames * 5 - discardedBytes).toBeGreaterThanOrEqual(0);
    expect(noise.length - frames * 5 - discardedBytes).toBeLessThan(10);
  });
});
