/**
 * FLOAT-Type of the Data Export protocol: 32 bits, an 8-bit signed exponent and a 24-bit signed
 * mantissa, value = mantissa · 10^exponent. Four mantissas are reserved: NaN (0x7FFFFF), NRes
 * "not at this resolution" (0x800000), +INF (0x7FFFFE) and −INF (0x800002).
 */

const FloatMantissa = {
  NAN: 0x7fffff,
  NOT_AT_THIS_RESOLUTION: 0x800000,
  POSITIVE_INFINITY: 0x7ffffe,
  NEGATIVE_INFINITY: 0x800002,
} as const;

const MANTISSA_MASK = 0xffffff;
const MANTISSA_SIGN = 0x800000;
const MANTISSA_RANGE = 0x1000000;
/** Largest magnitudes that do not collide with the reserved mantissas. */
const MAX_MANTISSA = 0x7ffffd;
const MIN_MANTISSA = -0x7ffffd;

/**
 * The number a FLOAT stands for. NaN and NRes both become NaN (the monitor has no number to
 * show); ±INF become ±Infinity. Negative exponents divide by an exact power of ten so that
 * e.g. mantissa 12, exponent −1 gives 1.2 and not 1.2000000000000002.
 */
export function decodeIntelliVueFloat(raw: number): number {
  const mantissaBits = raw & MANTISSA_MASK;
  switch (mantissaBits) {
    case FloatMantissa.NAN:
    case FloatMantissa.NOT_AT_THIS_RESOLUTION:
      return NaN;
    case FloatMantissa.POSITIVE_INFINITY:
      return Infinity;
    case FloatMantissa.NEGATIVE_INFINITY:
      return -Infinity;
  }
  const mantissa = mantissaBits & MANTISSA_SIGN ? mantissaBits - MANTISSA_RANGE : mantissaBits;
  const exponent = (raw | 0) >> 24;
  return exponent >= 0 ? mantissa * 10 ** exponent : mantissa / 10 ** -exponent;
}

export function readIntelliVueFloat(bytes: Uint8Array, offset: number): number {
  const raw =
    ((bytes[offset] ?? 0) << 24) |
    ((bytes[offset + 1] ?? 0) << 16) |
    ((bytes[offset + 2] ?? 0) << 8) |
    (bytes[offset + 3] ?? 0);
  return decodeIntelliVueFloat(raw >>> 0);
}

/**
 * The FLOAT for `value` with the given exponent (e.g. −1 for one decimal), as an unsigned 32-bit
 * number. NaN and ±Infinity become the reserved mantissas. Throws when the value does not fit.
 */
export function encodeIntelliVueFloat(value: number, exponent = 0): number {
  if (!Number.isInteger(exponent) || exponent < -128 || exponent > 127) {
    throw new RangeError(`FLOAT exponent ${exponent} is outside -128..127`);
  }
  let mantissa: number;
  if (Number.isNaN(value)) {
    mantissa = FloatMantissa.NAN;
  } else if (value === Infinity) {
    mantissa = FloatMantissa.POSITIVE_INFINITY;
  } else if (value === -Infinity) {
    mantissa = FloatMantissa.NEGATIVE_INFINITY;
  } else {
    const scaled = Math.round(exponent >= 0 ? value / 10 ** exponent : value * 10 ** -exponent);
    if (scaled > MAX_MANTISSA || scaled < MIN_MANTISSA) {
      throw new RangeError(`${value} does not fit a FLOAT mantissa at exponent ${exponent}`);
    }
    mantissa = scaled & MANTISSA_MASK;
  }
  return (((exponent & 0xff) << 24) | mantissa) >>> 0;
}
