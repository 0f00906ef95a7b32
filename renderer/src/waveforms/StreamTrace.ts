/**
 * One live wave drawn as a monitor sweep in its slot. Received samples go into a ring indexed by
 * sequence number (so a missing sequence number is a gap); each frame the trace clears the band
 * ahead of its newest sample and adds line segments for only the samples that arrived since the
 * last frame, continuing from the last point it drew. Everything is preallocated: nothing on
 * this path allocates per sample.
 *
 * It draws through the three canvas methods it needs, so it runs against a recording fake in
 * unit tests and against CanvasRenderingContext2D in the page.
 */
import type { DrawLatencyHistogram } from './SweepDiagnostics.js';
import { eraseSpans, sampleX } from './sweepGeometry.js';

export interface TraceCanvas {
  clearRect(x: number, y: number, width: number, height: number): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

/** Of a WaveStream: how its int16 samples become physical values and where they sit on screen. */
export interface WaveScaling {
  sampleRate: number;
  scale: number;
  offset: number;
  displayMin: number;
  displayMax: number;
}

export interface SweepTiming {
  /** Seconds of signal across the full width of a slot. */
  sweepSeconds: number;
  /** Width of the cleared band ahead of the newest sample, in seconds. */
  eraseSeconds: number;
}

/** A slot's rectangle on the canvas, in whole device pixels. */
export interface SlotRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const NOT_HELD = -1;
/** Segments a frame keeps receipt times for; past this the oldest (longest waiting) are kept. */
const RECEIPTS_PER_FRAME = 8;

function ringCapacity(samples: number): number {
  let capacity = 16;
  while (capacity < samples) capacity *= 2;
  return capacity;
}

export class StreamTrace {
  private readonly samplesPerSweep: number;
  private readonly eraseSweeps: number;
  /** The most samples one sweep shows: a full sweep minus the erase band. */
  private readonly visibleSamples: number;
  private readonly samples: Int16Array;
  /** The sequence number each ring cell holds, or NOT_HELD. */
  private readonly heldSeq: Float64Array;
  private readonly mask: number;
  private readonly spans = new Float64Array(4);
  /** When the engine received the newest sample of each segment pushed since the last frame. */
  private readonly receipts = new Float64Array(RECEIPTS_PER_FRAME);
  private receiptCount = 0;

  private newestSeq = NOT_HELD;
  private drawnSeq = NOT_HELD;
  /** Position, in sweeps since sample 0, up to which the erase band has been cleared. */
  private erasedTo = 0;
  private needsRedraw = true;

  private rect: SlotRect | null = null;
  private yTop = 0;
  private yBottom = 0;
  private yAtZero = 0;
  private yPerUnit = 0;

  constructor(
    private readonly scaling: WaveScaling,
    timing: SweepTiming,
  ) {
    this.samplesPerSweep = scaling.sampleRate * timing.sweepSeconds;
    this.eraseSweeps = timing.eraseSeconds / timing.sweepSeconds;
    this.visibleSamples = Math.max(1, Math.floor(this.samplesPerSweep * (1 - this.eraseSweeps)));
    const capacity = ringCapacity(Math.ceil(this.samplesPerSweep) + 1);
    this.samples = new Int16Array(capacity);
    this.heldSeq = new Float64Array(capacity).fill(NOT_HELD);
    this.mask = capacity - 1;
  }

  /**
   * Samples `seq`, `seq + 1`, … arrived, the first of them timed `t0` (ms since the epoch) by the
   * engine. A jump far backwards means the stream restarted.
   */
  push(seq: number, samples: Int16Array, t0?: number): void {
    const count = samples.length;
    if (count === 0) return;
    const last = seq + count - 1;
    if (this.newestSeq !== NOT_HELD && last < this.newestSeq - this.samplesPerSweep) {
      this.restart();
    }
    // Only the newest ring-full can ever be shown.
    const skip = Math.max(0, count - this.samples.length);
    for (let i = skip; i < count; i++) {
      const at = (seq + i) & this.mask;
      this.samples[at] = samples[i] ?? 0;
      this.heldSeq[at] = seq + i;
    }
    if (last > this.newestSeq) this.newestSeq = last;
    // A trace with no slot draws nothing, so what reaches it has no draw latency.
    if (t0 !== undefined && this.rect !== null && this.receiptCount < RECEIPTS_PER_FRAME) {
      this.receipts[this.receiptCount++] = t0 + ((count - 1) * 1000) / this.scaling.sampleRate;
    }
  }

  /** After the frame's strokes: how long each segment drawn in it waited since its receipt. */
  recordDrawLatency(drawnAt: number, histogram: DrawLatencyHistogram): void {
    for (let i = 0; i < this.receiptCount; i++) {
      histogram.record(drawnAt - (this.receipts[i] ?? drawnAt));
    }
    this.receiptCount = 0;
  }

  /** Where the slot is now (null when it has no room); the trace is redrawn there. */
  place(rect: SlotRect | null, lineInset: number): void {
    this.rect = rect;
    this.needsRedraw = true;
    if (rect === null) {
      this.receiptCount = 0;
      return;
    }
    const { scale, offset, displayMin, displayMax } = this.scaling;
    const range = displayMax > displayMin ? displayMax - displayMin : 1;
    this.yTop = rect.top + lineInset;
    this.yBottom = rect.top + rect.height - lineInset;
    const height = Math.max(0, this.yBottom - this.yTop);
    this.yPerUnit = -(scale / range) * height;
    this.yAtZero = this.yBottom - ((offset - displayMin) / range) * height;
  }

  /** First pass of a frame: clear what the new samples will need. */
  erase(canvas: TraceCanvas): void {
    const rect = this.rect;
    if (rect === null || this.newestSeq === NOT_HELD) return;
    if (this.isBehind()) this.needsRedraw = true;
    const to = this.newestSeq / this.samplesPerSweep + this.eraseSweeps;
    if (this.needsRedraw) {
      canvas.clearRect(rect.left, rect.top, rect.width, rect.height);
      this.erasedTo = to;
      return;
    }
    const spans = eraseSpans(this.erasedTo, to, rect.width, this.spans);
    for (let i = 0; i < spans; i++) {
      const x0 = Math.floor(this.spans[2 * i] ?? 0);
      const x1 = Math.ceil(this.spans[2 * i + 1] ?? 0);
      canvas.clearRect(rect.left + x0, rect.top, x1 - x0, rect.height);
    }
    if (to > this.erasedTo) this.erasedTo = to;
  }

  /**
   * Second pass: add segments for the samples not drawn yet to the current path (the caller
   * strokes once per colour). Returns how many new samples it drew.
   */
  trace(canvas: TraceCanvas): number {
    const rect = this.rect;
    const newest = this.newestSeq;
    if (rect === null || newest === NOT_HELD) return 0;
    if (!this.needsRedraw && this.drawnSeq === newest) return 0;
    const continuing = !this.needsRedraw && !this.isBehind();
    const firstNew = continuing ? this.drawnSeq + 1 : Math.max(0, newest - this.visibleSamples + 1);
    this.needsRedraw = false;
    let penDown = false;
    let lastX = 0;
    let drawn = 0;
    for (let seq = continuing ? this.drawnSeq : firstNew; seq <= newest; seq++) {
      const at = seq & this.mask;
      if (this.heldSeq[at] !== seq) {
        penDown = false;
        continue;
      }
      const x = rect.left + sampleX(seq, this.samplesPerSweep, rect.width);
      const y = Math.min(
        this.yBottom,
        Math.max(this.yTop, this.yAtZero + (this.samples[at] ?? 0) * this.yPerUnit),
      );
      // Back to the left edge is a new sweep, not a line across the slot.
      if (penDown && x >= lastX) canvas.lineTo(x, y);
      else canvas.moveTo(x, y);
      penDown = true;
      lastX = x;
      if (seq >= firstNew) drawn++;
    }
    this.drawnSeq = newest;
    return drawn;
  }

  /** More arrived than one sweep shows (a hidden tab, a stream just bound): start over. */
  private isBehind(): boolean {
    return this.drawnSeq === NOT_HELD || this.newestSeq - this.drawnSeq > this.visibleSamples;
  }

  private restart(): void {
    this.heldSeq.fill(NOT_HELD);
    this.newestSeq = NOT_HELD;
    this.drawnSeq = NOT_HELD;
    this.needsRedraw = true;
  }
}
