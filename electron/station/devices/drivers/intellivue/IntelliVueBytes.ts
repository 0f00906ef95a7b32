/**
 * Big-endian reading and writing for the Data Export messages (the protocol is big-endian and
 * byte-aligned throughout). Reads past the end throw MalformedMessage, which the message parser
 * catches: a short or corrupt message becomes a value, never an exception out of the decoder.
 */

export class MalformedMessage extends Error {}

export class ByteReader {
  private at: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.at = start;
  }

  get remaining(): number {
    return this.end - this.at;
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.at++] ?? 0;
  }

  u16(): number {
    this.need(2);
    const value = ((this.bytes[this.at] ?? 0) << 8) | (this.bytes[this.at + 1] ?? 0);
    this.at += 2;
    return value;
  }

  u32(): number {
    return this.u16() * 0x10000 + this.u16();
  }

  skip(count: number): void {
    this.need(count);
    this.at += count;
  }

  /** A view (not a copy) of the next `count` bytes. */
  view(count: number): Uint8Array {
    this.need(count);
    const view = this.bytes.subarray(this.at, this.at + count);
    this.at += count;
    return view;
  }

  /** A reader over the next `count` bytes, which this reader then skips. */
  child(count: number): ByteReader {
    this.need(count);
    const child = new ByteReader(this.bytes, this.at, this.at + count);
    this.at += count;
    return child;
  }

  private need(count: number): void {
    if (count < 0 || this.at + count > this.end) {
      throw new MalformedMessage(
        `needs ${count} more bytes at offset ${this.at}, has ${this.remaining}`,
      );
    }
  }
}

export class ByteWriter {
  private readonly parts: number[] = [];

  u8(value: number): this {
    this.parts.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value >> 8).u8(value);
  }

  u32(value: number): this {
    return this.u16(Math.floor(value / 0x10000) & 0xffff).u16(value & 0xffff);
  }

  bytes(values: Uint8Array): this {
    for (const value of values) this.parts.push(value);
    return this;
  }

  /** A u16 length and then the bytes: the protocol's counted structures. */
  lengthPrefixed(values: Uint8Array): this {
    return this.u16(values.length).bytes(values);
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Bytes from a string of hex pairs, spaces ignored; for fixed protocol constants. */
export function hexBytes(hex: string): Uint8Array {
  const digits = hex.replace(/\s+/g, '');
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
