import { describe, expect, it } from 'vitest';
import {
  decodeIntelliVueFloat,
  encodeIntelliVueFloat,
  readIntelliVueFloat,
} from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFloat.js';

describe('decodeIntelliVueFloat', () => {
  it('reads REAL values from the capture', () => {
    // HR 60: exponent 0, mantissa 0x00003C (numerics poll, NOM_ECG_CARD_BEAT_RATE).
    expect(decodeIntelliVueFloat(0x0000003c)).toBe(60);
    // ST I −0.9 mm: exponent −1 (0xFF), mantissa −9 (0xFFFFF7).
    expect(decodeIntelliVueFloat(0xfffffff7)).toBe(-0.9);
    // ECG scale limits: 0xFE FFF000 = −4096 · 10⁻² and 0xFD 009FFB = 40955 · 10⁻³.
    expect(decodeIntelliVueFloat(0xfefff000)).toBe(-40.96);
    expect(decodeIntelliVueFloat(0xfd009ffb)).toBe(40.955);
  });

  it('gives exact decimals for negative exponents', () => {
    expect(decodeIntelliVueFloat(encodeIntelliVueFloat(1.2, -1))).toBe(1.2);
    expect(decodeIntelliVueFloat(0xff00000c)).toBe(1.2);
    expect(decodeIntelliVueFloat(0xfe000007)).toBe(0.07);
  });

  it('maps the reserved mantissas whatever the exponent', () => {
    for (const exponent of [0x00, 0xff, 0x7f]) {
      const e = exponent << 24;
      expect(decodeIntelliVueFloat((e | 0x7fffff) >>> 0)).toBeNaN();
      expect(decodeIntelliVueFloat((e | 0x800000) >>> 0)).toBeNaN();
      expect(decodeIntelliVueFloat((e | 0x7ffffe) >>> 0)).toBe(Infinity);
      expect(decodeIntelliVueFloat((e | 0x800002) >>> 0)).toBe(-Infinity);
    }
  });

  it('handles the extremes of exponent and mantissa', () => {
    expect(decodeIntelliVueFloat(0x7f000001)).toBe(1e127);
    expect(decodeIntelliVueFloat(0x80000001) / 1e-128).toBeCloseTo(1, 12);
    expect(decodeIntelliVueFloat(0x007ffffd)).toBe(8388605);
    expect(decodeIntelliVueFloat(0x00800003)).toBe(-8388605);
    expect(decodeIntelliVueFloat(0x00800001)).toBe(-8388607);
    expect(decodeIntelliVueFloat(0)).toBe(0);
  });

  it('reads big-endian from bytes, and short input does not throw', () => {
    expect(readIntelliVueFloat(Uint8Array.of(9, 0xff, 0xff, 0xff, 0xf7), 1)).toBe(-0.9);
    expect(() => readIntelliVueFloat(Uint8Array.of(0xff), 0)).not.toThrow();
  });
});

describe('encodeIntelliVueFloat', () => {
  it('round-trips and writes the reserved values', () => {
    expect(encodeIntelliVueFloat(60)).toBe(0x0000003c);
    expect(encodeIntelliVueFloat(-0.9, -1)).toBe(0xfffffff7);
    expect(encodeIntelliVueFloat(NaN)).toBe(0x007fffff);
    expect(encodeIntelliVueFloat(Infinity)).toBe(0x007ffffe);
    expect(encodeIntelliVueFloat(-Infinity)).toBe(0x00800002);
    expect(decodeIntelliVueFloat(encodeIntelliVueFloat(98.6, -1))).toBe(98.6);
  });

  it('refuses what does not fit', () => {
    expect(() => encodeIntelliVueFloat(9_000_000)).toThrow(RangeError);
    expect(() => encodeIntelliVueFloat(1, 200)).toThrow(RangeError);
  });
});
