/**
 * Gives each live wave (bed, device, code) a small numeric stream id so binary wave frames can
 * refer to it in two bytes, and holds what the renderer needs to draw it.
 */
import type { WaveSegment, WaveStream } from '../../contract/domain.js';
import { mdcTerm } from '../../contract/mdc.js';
import { waveDisplayRange } from './WaveDisplayRanges.js';

export class WaveStreamCatalog {
  private readonly byKey = new Map<string, WaveStream>();
  private nextId = 0;

  /** The stream for this segment, and whether it was just created (or its scaling changed). */
  streamFor(segment: WaveSegment): { stream: WaveStream; changed: boolean } {
    const key = `${segment.bed}|${segment.device}|${segment.code}`;
    const known = this.byKey.get(key);
    if (
      known &&
      known.sampleRate === segment.sampleRate &&
      known.scale === segment.scale &&
      known.offset === segment.offset
    ) {
      return { stream: known, changed: false };
    }
    const range = waveDisplayRange(segment.code, segment.unit, segment.scale, segment.offset);
    const stream: WaveStream = {
      streamId: known?.streamId ?? this.nextId++,
      bed: segment.bed,
      device: segment.device,
      code: segment.code,
      label: mdcTerm(segment.code)?.label ?? String(segment.code),
      sampleRate: segment.sampleRate,
      unit: segment.unit,
      scale: segment.scale,
      offset: segment.offset,
      displayMin: range.min,
      displayMax: range.max,
      demo: segment.demo,
    };
    this.byKey.set(key, stream);
    return { stream, changed: true };
  }

  list(): WaveStream[] {
    return [...this.byKey.values()].sort((a, b) => a.streamId - b.streamId);
  }
}
