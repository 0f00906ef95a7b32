/**
 * Binary wave frames: every new sample of every wave stream since the last display frame, in
 * one ArrayBuffer. JSON per sample would cost ~10× the bytes and a parse per number.
 *
 * Layout (little-endian):
 *   header (16 B): magic u32 "WAVF", version u16, segment count u16, frame time f64 (ms epoch)
 *   per segment: stream id u16, sample count u16, first sample seq u32, t0 f64 (ms epoch),
 *                samples int16 × count, padded to a multiple of 8 bytes
 * Segments start 8-byte aligned so the samples can be viewed in place as an Int16Array.
 */
export const WAVE_FRAME_MAGIC = 0x46564157; // "WAVF" read as little-endian u32
export const WAVE_FRAME_VERSION = 1;

const HEADER_BYTES = 16;
const SEGMENT_HEADER_BYTES = 16;
const MAX_SAMPLES_PER_SEGMENT = 0xffff;

export interface WaveFrameSegment {
  streamId: number;
  /** Sequence number of the first sample in the stream's own count; a jump means a gap. */
  seq: number;
  /** Time of the first sample, ms since the epoch. */
  t0: number;
  samples: Int16Array;
}

export interface WaveFrame {
  time: number;
  segments: WaveFrameSegment[];
}

function paddedSampleBytes(count: number): number {
  return Math.ceil((count * 2) / 8) * 8;
}

export function encodeWaveFrame(frame: WaveFrame): ArrayBuffer {
  let size = HEADER_BYTES;
  for (const s of frame.segments) {
    if (s.samples.length > MAX_SAMPLES_PER_SEGMENT) {
      throw new RangeError(
        `wave segment of ${s.samples.length} samples exceeds ${MAX_SAMPLES_PER_SEGMENT}`,
      );
    }
    size += SEGMENT_HEADER_BYTES + paddedSampleBytes(s.samples.length);
  }
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  view.setUint32(0, WAVE_FRAME_MAGIC, true);
  view.setUint16(4, WAVE_FRAME_VERSION, true);
  view.setUint16(6, frame.segments.length, true);
  view.setFloat64(8, frame.time, true);
  let at = HEADER_BYTES;
  for (const s of frame.segments) {
    view.setUint16(at, s.streamId, true);
    view.setUint16(at + 2, s.samples.length, true);
    view.setUint32(at + 4, s.seq >>> 0, true);
    view.setFloat64(at + 8, s.t0, true);
    at += SEGMENT_HEADER_BYTES;
    new Int16Array(buffer, at, s.samples.length).set(s.samples);
    at += paddedSampleBytes(s.samples.length);
  }
  return buffer;
}

export class WaveFrameFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaveFrameFormatError';
  }
}

/** Samples are views into `buffer`, not copies: decode is allocation-light on the render path. */
export function decodeWaveFrame(buffer: ArrayBuffer): WaveFrame {
  if (buffer.byteLength < HEADER_BYTES) throw new WaveFrameFormatError('wave frame too short');
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== WAVE_FRAME_MAGIC)
    throw new WaveFrameFormatError('not a wave frame');
  const version = view.getUint16(4, true);
  if (version !== WAVE_FRAME_VERSION) {
    throw new WaveFrameFormatError(`wave frame version ${version} is not supported`);
  }
  const count = view.getUint16(6, true);
  const time = view.getFloat64(8, true);
  const segments: WaveFrameSegment[] = [];
  let at = HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    if (at + SEGMENT_HEADER_BYTES > buffer.byteLength) {
      throw new WaveFrameFormatError('wave frame truncated in a segment header');
    }
    const streamId = view.getUint16(at, true);
    const n = view.getUint16(at + 2, true);
    const seq = view.getUint32(at + 4, true);
    const t0 = view.getFloat64(at + 8, true);
    at += SEGMENT_HEADER_BYTES;
    if (at + n * 2 > buffer.byteLength)
      throw new WaveFrameFormatError('wave frame truncated in samples');
    segments.push({ streamId, seq, t0, samples: new Int16Array(buffer, at, n) });
    at += paddedSampleBytes(n);
  }
  return { time, segments };
}
