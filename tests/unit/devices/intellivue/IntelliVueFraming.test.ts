import { describe, expect, it } from 'vitest';
import {
  IntelliVueFramer,
  MAX_FRAME_CONTENT,
  encodeIntelliVueFrame,
  frameCheckSequence,
} from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';
import { seededRandom } from '../../../../electron/station/devices/drivers/shared/seededRandom.js';
import { CAPTURE, captureWireFrames, handFrame, referenceFcs } from './intellivueTestBytes.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('frameCheckSequence (PPP FCS-16, RFC 1662)', () => {
  it('gives the standard check value for "123456789"', () => {
    // CRC-16/X-25, the FCS-16 of RFC 1662: check value 0x906E.
    expect(frameCheckSequence(ascii('123456789'))).toBe(0x906e);
    expect(referenceFcs([...ascii('123456789')])).toBe(0x906e);
  });

  it('matches the FCS of a REAL frame (the association accept, sent LSB first)', () => {
    const [accept] = captureWireFrames();
    if (!accept) throw new Error('no frame');
    // The accept holds one escaped byte (7D E1 = C1) and none in its FCS (F2 53 → bytes 53 F2).
    const body = [...accept.subarray(1, -3)].flatMap((b, i, all) =>
      b === 0x7d ? [] : all[i - 1] === 0x7d ? [b ^ 0x20] : [b],
    );
    expect(accept.subarray(-3, -1)).toEqual(Uint8Array.of(0x53, 0xf2));
    expect(frameCheckSequence(Uint8Array.from(body))).toBe(0xf253);
  });
});

describe('encodeIntelliVueFrame', () => {
  it('builds the same bytes as a frame assembled by hand, escapes included', () => {
    const data = [0xe1, 0x00, 0xc0, 0x7d, 0xc1, 0x02];
    expect(encodeIntelliVueFrame(Uint8Array.from(data))).toEqual(handFrame(data));
    // C0, header 11 01 00 06, then E1 00 and C0 7D C1 each escaped, then 02.
    expect([...encodeIntelliVueFrame(Uint8Array.from(data)).subarray(0, 14)]).toEqual([
      0xc0, 0x11, 0x01, 0x00, 0x06, 0xe1, 0x00, 0x7d, 0xe0, 0x7d, 0x5d, 0x7d, 0xe1, 0x02,
    ]);
  });

  it('escapes FCS bytes that collide with C0, C1 or 7D', () => {
    // Search a one-byte message whose FCS has a reserved byte, so the case is really tested.
    const colliding = Array.from({ length: 256 }, (_, b) => [0xe1, b]).find((data) => {
      const fcs = referenceFcs([0x11, 0x01, 0x00, 0x02, ...data]);
      return [fcs & 0xff, fcs >> 8].some((x) => x === 0xc0 || x === 0xc1 || x === 0x7d);
    });
    if (!colliding) throw new Error('no colliding FCS found');
    const frame = encodeIntelliVueFrame(Uint8Array.from(colliding));
    expect(frame).toEqual(handFrame(colliding));
    expect(new IntelliVueFramer().push(frame)).toEqual([Uint8Array.from(colliding)]);
  });
});

describe('IntelliVueFramer', () => {
  it('decodes all 2,887 REAL frames of the capture with a good FCS and nothing discarded', () => {
    const framer = new IntelliVueFramer();
    const messages = framer.push(CAPTURE);
    expect(messages).toHaveLength(2887);
    expect(framer.counters).toEqual({
      frames: 2887,
      checksumErrors: 0,
      discardedBytes: 0,
      aborts: 0,
    });
    // Unstuffed: the accept's escaped byte is a C1 again.
    expect(messages[0]?.[0]).toBe(0x0e);
    expect(messages[0]?.[16]).toBe(0xc1);
    // Largest: 892 bytes of header + data + FCS, 897 on the wire.
    expect(Math.max(...messages.map((m) => m.length + 6))).toBe(892);
    expect(Math.max(...captureWireFrames().map((f) => f.length))).toBe(897);
  });

  it('decodes a frame split at every possible point', () => {
    const data = [0xe1, 0x00, 0x00, 0x02, 0xc0, 0x7d, 0xc1, 0x33];
    const frame = handFrame(data);
    for (let cut = 0; cut <= frame.length; cut++) {
      const framer = new IntelliVueFramer();
      const got = [...framer.push(frame.subarray(0, cut)), ...framer.push(frame.subarray(cut))];
      expect(got).toEqual([Uint8Array.from(data)]);
    }
  });

  it('skips and counts noise before and between frames', () => {
    const framer = new IntelliVueFramer();
    const noise = Uint8Array.of(0x00, 0x7d, 0xc1, 0x41, 0x42);
    const a = handFrame([1, 2, 3]);
    const b = handFrame([4, 5]);
    expect(framer.push(concat(noise, a, noise, b))).toEqual([
      Uint8Array.of(1, 2, 3),
      Uint8Array.of(4, 5),
    ]);
    expect(framer.counters).toMatchObject({ frames: 2, discardedBytes: 10, checksumErrors: 0 });
  });

  it('drops a truncated frame when the next C0 arrives and decodes the next one', () => {
    const framer = new IntelliVueFramer();
    const whole = handFrame([9, 9, 9, 9]);
    const truncated = whole.subarray(0, 6);
    expect(framer.push(concat(truncated, handFrame([7])))).toEqual([Uint8Array.of(7)]);
    expect(framer.counters).toMatchObject({ frames: 1, discardedBytes: 6, checksumErrors: 0 });
  });

  it('counts an FCS error, drops that frame and still decodes the following ones', () => {
    const framer = new IntelliVueFramer();
    const bad = handFrame([1, 2, 3, 4]);
    bad[6] = (bad[6] ?? 0) ^ 0x01;
    expect(framer.push(concat(handFrame([5]), bad, handFrame([6])))).toEqual([
      Uint8Array.of(5),
      Uint8Array.of(6),
    ]);
    expect(framer.counters).toMatchObject({
      frames: 2,
      checksumErrors: 1,
      discardedBytes: bad.length,
    });
  });

  it('honours the sender abort 7D C1', () => {
    const framer = new IntelliVueFramer();
    const aborted = Uint8Array.of(0xc0, 0x11, 0x01, 0x00, 0x7d, 0xc1);
    expect(framer.push(concat(aborted, handFrame([3])))).toEqual([Uint8Array.of(3)]);
    expect(framer.counters).toMatchObject({
      frames: 1,
      aborts: 1,
      checksumErrors: 0,
      discardedBytes: 6,
    });
  });

  it('drops a frame whose header is wrong even though its FCS is right', () => {
    const content = [0x11, 0x01, 0x00, 0x05, 1, 2];
    const fcs = referenceFcs(content);
    const lying = Uint8Array.from([0xc0, ...content, fcs & 0xff, fcs >> 8, 0xc1]);
    const framer = new IntelliVueFramer();
    expect(framer.push(concat(lying, handFrame([8])))).toEqual([Uint8Array.of(8)]);
    expect(framer.counters).toMatchObject({
      frames: 1,
      checksumErrors: 0,
      discardedBytes: lying.length,
    });
  });

  it('gives up on a frame that never ends and recovers at the next one', () => {
    const framer = new IntelliVueFramer();
    const runaway = new Uint8Array(MAX_FRAME_CONTENT + 100).fill(0x55);
    runaway[0] = 0xc0;
    expect(framer.push(concat(runaway, handFrame([2])))).toEqual([Uint8Array.of(2)]);
    expect(framer.counters.discardedBytes).toBe(runaway.length);
  });

  it('never throws on random noise, and the next frame after it decodes', () => {
    const random = seededRandom(42);
    const framer = new IntelliVueFramer();
    for (let round = 0; round < 200; round++) {
      const noise = Uint8Array.from({ length: 1 + Math.floor(random() * 300) }, () =>
        Math.floor(random() * 256),
      );
      expect(() => framer.push(noise)).not.toThrow();
    }
    // A C0 from the noise may still be open: the frame after it has its own C0 and decodes.
    expect(framer.push(handFrame([1, 2]))).toEqual([Uint8Array.of(1, 2)]);
  });
});
