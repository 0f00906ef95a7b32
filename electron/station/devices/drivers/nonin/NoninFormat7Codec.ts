/**
 * Nonin serial Data Format 7: 5-byte frames, 25 frames to a packet, 75 frames a second.
 * Frame = [status, pleth MSB, pleth LSB, data, checksum]; see PROTOCOL.md for the sources.
 */

export const NONIN_FRAME_LENGTH = 5;
export const NONIN_FRAMES_PER_PACKET = 25;
export const NONIN_FRAME_RATE = 75;

/** Status byte bits. Bit 7 is always set, which is what lets a reader find frame starts. */
export const NoninStatus = {
  SYNC: 0x01,
  GREEN_PERFUSION: 0x02,
  RED_PERFUSION: 0x04,
  SENSOR_ALARM: 0x08,
  OUT_OF_TRACK: 0x10,
  ARTIFACT: 0x20,
  /** OEM III / Xpod only; the 9560 specification marks this bit reserved. */
  SENSOR_DISCONNECT: 0x40,
  START: 0x80,
} as const;

/** What the data byte carries, by 0-based frame position in the packet; others are reserved. */
export const NoninDataSlot = {
  HR_MSB: 0,
  HR_LSB: 1,
  SPO2: 2,
  FIRMWARE_REVISION: 3,
  TIMER_MSB: 5,
  TIMER_LSB: 6,
  STATUS2: 7,
  SPO2_DISPLAY: 8,
  SPO2_FAST: 9,
  SPO2_BEAT_TO_BEAT: 10,
  EXTENDED_HR_MSB: 13,
  EXTENDED_HR_LSB: 14,
  EXTENDED_SPO2: 15,
  EXTENDED_SPO2_DISPLAY: 16,
  HR_DISPLAY_MSB: 19,
  HR_DISPLAY_LSB: 20,
  EXTENDED_HR_DISPLAY_MSB: 21,
  EXTENDED_HR_DISPLAY_LSB: 22,
} as const;

/** The device sends these when it cannot compute a value (finger out, sustained artifact). */
export const NONIN_MISSING_HR = 511;
export const NONIN_MISSING_SPO2 = 127;

export interface NoninFrame {
  status: number;
  /** 16-bit unsigned pleth sample. */
  pleth: number;
  /** Meaning depends on the frame's position in the packet (NoninDataSlot). */
  data: number;
}

export interface ReceivedNoninFrame extends NoninFrame {
  /** Bytes thrown away since the previous frame; non-zero means frames may have been lost. */
  discardedBefore: number;
}

export interface NoninFramerCounters {
  frames: number;
  checksumErrors: number;
  discardedBytes: number;
}

function byteAt(bytes: Uint8Array, index: number): number {
  return bytes[index] ?? 0;
}

export function noninChecksum(
  status: number,
  plethMsb: number,
  plethLsb: number,
  data: number,
): number {
  return (status + plethMsb + plethLsb + data) & 0xff;
}

function hasStartBit(status: number): boolean {
  return (status & NoninStatus.START) !== 0;
}

function isFrameAt(bytes: Uint8Array, at: number): boolean {
  const status = byteAt(bytes, at);
  const expected = noninChecksum(
    status,
    byteAt(bytes, at + 1),
    byteAt(bytes, at + 2),
    byteAt(bytes, at + 3),
  );
  return hasStartBit(status) && byteAt(bytes, at + 4) === expected;
}

function frameAt(bytes: Uint8Array, at: number, discardedBefore: number): ReceivedNoninFrame {
  return {
    status: byteAt(bytes, at),
    pleth: (byteAt(bytes, at + 1) << 8) | byteAt(bytes, at + 2),
    data: byteAt(bytes, at + 3),
    discardedBefore,
  };
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.length === 0) return tail;
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}

/**
 * Cuts a byte stream into frames. Once in step it takes a frame every 5 bytes as long as each
 * one checks; after a bad frame it hunts byte by byte, and only re-locks on a candidate whose
 * next frame also checks, because noise passes the bit-7 + checksum test once in 512 positions
 * and a false lock would misplace the packet position that says which byte is the heart rate.
 */
export class NoninFramer {
  private pending: Uint8Array = new Uint8Array(0);
  private locked = false;
  private discardedSinceFrame = 0;
  private readonly stats: NoninFramerCounters = { frames: 0, checksumErrors: 0, discardedBytes: 0 };

  get counters(): Readonly<NoninFramerCounters> {
    return this.stats;
  }

  push(bytes: Uint8Array): ReceivedNoninFrame[] {
    const buffer = concat(this.pending, bytes);
    const frames: ReceivedNoninFrame[] = [];
    let at = 0;
    while (buffer.length - at >= NONIN_FRAME_LENGTH) {
      if (this.locked) {
        if (isFrameAt(buffer, at)) {
          frames.push(this.take(buffer, at));
          at += NONIN_FRAME_LENGTH;
          continue;
        }
        // A frame was due here: a set start bit means it arrived but failed its checksum.
        if (hasStartBit(byteAt(buffer, at))) this.stats.checksumErrors += 1;
        this.locked = false;
      } else if (isFrameAt(buffer, at)) {
        if (buffer.length - at < 2 * NONIN_FRAME_LENGTH) break;
        if (isFrameAt(buffer, at + NONIN_FRAME_LENGTH)) {
          this.locked = true;
          continue;
        }
      }
      this.discardedSinceFrame += 1;
      this.stats.discardedBytes += 1;
      at += 1;
    }
    this.pending = buffer.slice(at);
    return frames;
  }

  private take(buffer: Uint8Array, at: number): ReceivedNoninFrame {
    const frame = frameAt(buffer, at, this.discardedSinceFrame);
    this.discardedSinceFrame = 0;
    this.stats.frames += 1;
    return frame;
  }
}

function checkByteRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Nonin frame ${name} ${value} is outside ${min}..${max}`);
  }
}

/** Builds the 5 bytes of one frame; used by the simulator and by tests. */
export function encodeNoninFrame(frame: NoninFrame): Uint8Array {
  checkByteRange('status', frame.status, NoninStatus.START, 0xff);
  checkByteRange('pleth', frame.pleth, 0, 0xffff);
  checkByteRange('data', frame.data, 0, 0xff);
  const msb = frame.pleth >> 8;
  const lsb = frame.pleth & 0xff;
  return Uint8Array.of(
    frame.status,
    msb,
    lsb,
    frame.data,
    noninChecksum(frame.status, msb, lsb, frame.data),
  );
}

/** HR is 9 bits: bits 8..7 in the low two bits of the MSB byte, bits 6..0 in the LSB byte. */
export function decodeNoninHeartRate(msb: number, lsb: number): number {
  return ((msb & 0x03) << 7) | (lsb & 0x7f);
}

export function encodeNoninHeartRate(heartRate: number): { msb: number; lsb: number } {
  return { msb: (heartRate >> 7) & 0x03, lsb: heartRate & 0x7f };
}

export function decodeNoninSpO2(data: number): number {
  return data & 0x7f;
}
