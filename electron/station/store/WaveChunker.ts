/**
 * Gathers each wave stream's small segments into chunks of at least one second, so full
 * disclosure costs one row per stream per second instead of one per device frame. A chunk holds
 * only consecutive samples in one format: a gap in seq or a format change ends it early.
 */
import type { WaveSegment } from '../../contract/domain.js';

export type WaveFormat = Omit<WaveSegment, 't0' | 'seq' | 'samples'>;

export interface WaveChunk extends WaveFormat {
  /** Time and sequence number of the chunk's first sample. */
  t0: number;
  seq: number;
  samples: Int16Array;
}

interface OpenChunk {
  format: WaveFormat;
  t0: number;
  seq: number;
  parts: Int16Array[];
  sampleCount: number;
}

export class WaveChunker {
  private readonly open = new Map<string, OpenChunk>();

  /** Adds a segment; returns the chunks it completed (none, one, or two if it broke a chunk). */
  add(segment: WaveSegment): WaveChunk[] {
    if (segment.samples.length === 0) return [];
    const completed: WaveChunk[] = [];
    const key = streamKey(segment);
    let chunk = this.open.get(key);
    if (chunk && !continues(chunk, segment)) {
      completed.push(finish(chunk));
      chunk = undefined;
    }
    chunk ??= startChunk(segment);
    // Copied because a driver may reuse its sample buffer for the next frame.
    chunk.parts.push(segment.samples.slice());
    chunk.sampleCount += segment.samples.length;
    if (chunk.sampleCount >= chunk.format.sampleRate) {
      completed.push(finish(chunk));
      this.open.delete(key);
    } else {
      this.open.set(key, chunk);
    }
    return completed;
  }

  /** Ends every open chunk, however short: the station is closing. */
  drain(): WaveChunk[] {
    const chunks = [...this.open.values()].map(finish);
    this.open.clear();
    return chunks;
  }
}

function streamKey(segment: WaveSegment): string {
  return JSON.stringify([segment.bed, segment.device, segment.code]);
}

function startChunk(segment: WaveSegment): OpenChunk {
  const { bed, device, code, sampleRate, scale, offset, unit, demo } = segment;
  return {
    format: { bed, device, code, sampleRate, scale, offset, unit, demo },
    t0: segment.t0,
    seq: segment.seq,
    parts: [],
    sampleCount: 0,
  };
}

function continues(chunk: OpenChunk, segment: WaveSegment): boolean {
  const { format } = chunk;
  return (
    segment.seq === chunk.seq + chunk.sampleCount &&
    segment.sampleRate === format.sampleRate &&
    segment.scale === format.scale &&
    segment.offset === format.offset &&
    segment.unit === format.unit &&
    segment.demo === format.demo
  );
}

function finish(chunk: OpenChunk): WaveChunk {
  const samples = new Int16Array(chunk.sampleCount);
  let at = 0;
  for (const part of chunk.parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { ...chunk.format, t0: chunk.t0, seq: chunk.seq, samples };
}
