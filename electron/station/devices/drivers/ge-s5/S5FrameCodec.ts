/**
 * GE Datex-Ohmeda S/5 Computer Interface line and framing: 0x7E, a byte-stuffed Datex-Ohmeda
 * record and its checksum, 0x7E. See PROTOCOL.md for the sources.
 */
import type { SerialSettings } from '../DeviceDriver.js';
import { serialBytesPerSecond } from '../shared/serialLineRate.js';
import { S5_HEADER_LENGTH } from './S5RecordCodec.js';

/** 19200 baud, 8 data bits, even parity, 1 stop bit, RTS/CTS: the line cannot be changed. */
export const S5_SERIAL_SETTINGS: SerialSettings = {
  baudRate: 19200,
  dataBits: 8,
  parity: 'even',
  stopBits: 1,
  flowControl: 'rtscts',
};
/** 11 bits a character: 1745 bytes a second. */
export const S5_LINE_BYTES_PER_SECOND = serialBytesPerSecond(S5_SERIAL_SETTINGS);

const S5_FLAG = 0x7e;
const S5_ESCAPE = 0x7d;
/** An escaped byte is sent with bit 5 cleared; the receiver sets it again. */
const S5_ESCAPE_BIT = 0x20;
/** Record header (40 bytes) plus the largest data area the DRI structures define (1450 bytes). */
const S5_MAX_RECORD_LENGTH = 1490;

/** Sum of the record's bytes in 8-bit unsigned arithmetic (the checksum itself excluded). */
export function s5Checksum(record: Uint8Array): number {
  let sum = 0;
  for (const byte of record) sum += byte;
  return sum & 0xff;
}

/** Flags, record, checksum, with 0x7E and 0x7D in record and checksum escaped. */
export function encodeS5Frame(record: Uint8Array): Uint8Array {
  const checksum = s5Checksum(record);
  const out = new Uint8Array(2 * (record.length + 1) + 2);
  let n = 0;
  out[n++] = S5_FLAG;
  const put = (byte: number): void => {
    if (byte === S5_FLAG || byte === S5_ESCAPE) {
      out[n++] = S5_ESCAPE;
      out[n++] = byte & ~S5_ESCAPE_BIT;
    } else {
      out[n++] = byte;
    }
  };
  for (const byte of record) put(byte);
  put(checksum);
  out[n++] = S5_FLAG;
  return out.slice(0, n);
}

export interface ReceivedS5Frame {
  /** The unstuffed record, checksum removed; at least the 40-byte header, r_len consistent. */
  record: Uint8Array;
  /** Wire bytes thrown away since the previous good frame (noise, truncated or corrupt frames). */
  discardedBefore: number;
}

export interface S5FramerCounters {
  frames: number;
  checksumErrors: number;
  discardedBytes: number;
}

function readInt16LE(bytes: Uint8Array, at: number): number {
  const value = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
  return value >= 0x8000 ? value - 0x10000 : value;
}

/**
 * Cuts the byte stream at every flag and checks what lies between. Every 0x7E is treated as a
 * delimiter, so a lost end flag costs nothing: the next frame's start flag ends the frame. A
 * candidate whose r_len matches its length is a frame; if its checksum fails it counts as a
 * checksum error, anything else between flags (noise, a truncated frame) as discarded bytes.
 */
export class S5Framer {
  private readonly candidate = new Uint8Array(S5_MAX_RECORD_LENGTH + 1);
  private length = 0;
  /** Wire bytes of the current candidate, escapes included. */
  private wireLength = 0;
  private escaped = false;
  /** False until the first flag, and after an overlong candidate until the next flag. */
  private inFrame = false;
  private discardedSinceFrame = 0;
  private readonly stats: S5FramerCounters = { frames: 0, checksumErrors: 0, discardedBytes: 0 };

  get counters(): Readonly<S5FramerCounters> {
    return this.stats;
  }

  push(bytes: Uint8Array): ReceivedS5Frame[] {
    const frames: ReceivedS5Frame[] = [];
    for (const byte of bytes) {
      if (byte === S5_FLAG) {
        if (this.inFrame && this.wireLength > 0) this.endCandidate(frames);
        this.inFrame = true;
        this.resetCandidate();
        continue;
      }
      if (!this.inFrame) {
        this.discard(1);
        continue;
      }
      this.wireLength += 1;
      if (byte === S5_ESCAPE) {
        this.escaped = true;
        continue;
      }
      const value = this.escaped ? byte | S5_ESCAPE_BIT : byte;
      this.escaped = false;
      if (this.length === this.candidate.length) {
        // Longer than any record: not a frame. Skip to the next flag.
        this.discard(this.wireLength);
        this.inFrame = false;
        continue;
      }
      this.candidate[this.length] = value;
      this.length += 1;
    }
    return frames;
  }

  private endCandidate(frames: ReceivedS5Frame[]): void {
    const recordLength = this.length - 1;
    const plausible =
      recordLength >= S5_HEADER_LENGTH && readInt16LE(this.candidate, 0) === recordLength;
    if (!plausible) {
      this.discard(this.wireLength);
      return;
    }
    const record = this.candidate.slice(0, recordLength);
    if (s5Checksum(record) !== this.candidate[recordLength]) {
      this.stats.checksumErrors += 1;
      this.discard(this.wireLength);
      return;
    }
    frames.push({ record, discardedBefore: this.discardedSinceFrame });
    this.discardedSinceFrame = 0;
    this.stats.frames += 1;
  }

  private resetCandidate(): void {
    this.length = 0;
    this.wireLength = 0;
    this.escaped = false;
  }

  private discard(count: number): void {
    this.discardedSinceFrame += count;
    this.stats.discardedBytes += count;
  }
}
