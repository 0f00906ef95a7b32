/**
 * Draws every live wave on ONE full-window canvas as a monitor sweep. Per frame it clears only
 * the erase band ahead of each wave and adds only the samples that arrived since the last frame,
 * with one stroke per colour: measured on a 2-core software-raster box, this holds 60 fps for 96
 * waves where redrawing each chart every frame does not (see
 * shared/reference/measured-live-waveforms.md).
 *
 * Tiles register the elements their waves go in (slots); the renderer measures them against the
 * canvas, and on any layout change clears the canvas and redraws every slot from its ring.
 */
import type { WaveStream } from '../../../electron/contract/domain.js';
import { parameterColour } from '../theme/parameterColours.js';
import { StreamTrace, type SlotRect, type SweepTiming } from './StreamTrace.js';
import type { SweepDiagnostics } from './SweepDiagnostics.js';
import type { WaveSink } from './WaveFrameRouter.js';

const TIMING: SweepTiming = { sweepSeconds: 6, eraseSeconds: 0.2 };
const LINE_WIDTH_CSS_PX = 1.5;

interface LiveStream {
  stream: WaveStream;
  trace: StreamTrace;
}

interface ColourGroup {
  colour: string;
  traces: StreamTrace[];
}

function slotKey(bed: string, code: number): string {
  return `${bed}|${code}`;
}

/** Whether a catalogue update leaves a stream drawn exactly as before (its ring can stay). */
function drawsTheSame(a: WaveStream, b: WaveStream): boolean {
  return (
    a.bed === b.bed &&
    a.device === b.device &&
    a.code === b.code &&
    a.sampleRate === b.sampleRate &&
    a.scale === b.scale &&
    a.offset === b.offset &&
    a.displayMin === b.displayMin &&
    a.displayMax === b.displayMax
  );
}

export class SweepRenderer implements WaveSink {
  private context: CanvasRenderingContext2D | null = null;
  /** The element each wave is drawn in, by slot key. */
  private readonly slots = new Map<string, HTMLElement>();
  private streams = new Map<number, LiveStream>();
  /** The trace shown in each slot, by slot key. */
  private bindings = new Map<string, StreamTrace>();
  private colourGroups: ColourGroup[] = [];
  private layoutDirty = true;
  private frameRequest = 0;
  private readonly resizeObserver = new ResizeObserver(() => this.requestLayout());

  constructor(private readonly diagnostics: SweepDiagnostics) {}

  /** Starts drawing on `canvas`; returns a function that stops. */
  attachCanvas(canvas: HTMLCanvasElement): () => void {
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('the live waveform canvas has no 2D context');
    this.context = context;
    // Device pixels, so a change of zoom or of monitor (devicePixelRatio) re-lays out as well.
    this.resizeObserver.observe(canvas, { box: 'device-pixel-content-box' });
    this.requestLayout();
    this.frameRequest = requestAnimationFrame(this.frame);
    return () => {
      cancelAnimationFrame(this.frameRequest);
      this.resizeObserver.unobserve(canvas);
      if (this.context === context) this.context = null;
    };
  }

  /** Shows the live wave of `code` for `bed` in `element`; returns a function that removes it. */
  registerSlot(bed: string, code: number, element: HTMLElement): () => void {
    const key = slotKey(bed, code);
    const previous = this.slots.get(key);
    if (previous) this.resizeObserver.unobserve(previous);
    this.slots.set(key, element);
    this.resizeObserver.observe(element);
    this.rebind();
    return () => {
      if (this.slots.get(key) !== element) return;
      this.slots.delete(key);
      this.resizeObserver.unobserve(element);
      this.rebind();
    };
  }

  /** Something may have moved without resizing: measure every slot again before the next frame. */
  requestLayout(): void {
    this.layoutDirty = true;
  }

  setStreams(streams: readonly WaveStream[]): void {
    const next = new Map<number, LiveStream>();
    for (const stream of streams) {
      const known = this.streams.get(stream.streamId);
      const trace =
        known && drawsTheSame(known.stream, stream) ? known.trace : new StreamTrace(stream, TIMING);
      next.set(stream.streamId, { stream, trace });
    }
    this.streams = next;
    this.rebind();
  }

  pushSegment(streamId: number, seq: number, samples: Int16Array, t0: number): void {
    this.streams.get(streamId)?.trace.push(seq, samples, t0);
  }

  /** Pairs slots with streams (the lowest stream id wins when two devices send the same wave). */
  private rebind(): void {
    const bindings = new Map<string, StreamTrace>();
    const groups = new Map<string, StreamTrace[]>();
    const ordered = [...this.streams.entries()].sort(([a], [b]) => a - b);
    for (const [, { stream, trace }] of ordered) {
      const key = slotKey(stream.bed, stream.code);
      if (!this.slots.has(key) || bindings.has(key)) continue;
      bindings.set(key, trace);
      const colour = parameterColour(stream.code);
      const group = groups.get(colour);
      if (group) group.push(trace);
      else groups.set(colour, [trace]);
    }
    this.bindings = bindings;
    this.colourGroups = [...groups].map(([colour, traces]) => ({ colour, traces }));
    this.diagnostics.boundSlots = bindings.size;
    this.requestLayout();
  }

  private readonly frame = (): void => {
    const started = performance.now();
    this.frameRequest = requestAnimationFrame(this.frame);
    const context = this.context;
    if (context === null) return;
    if (this.layoutDirty) this.layout(context);
    const groups = this.colourGroups;
    for (let g = 0; g < groups.length; g++) {
      const traces = groups[g]?.traces ?? [];
      for (let t = 0; t < traces.length; t++) traces[t]?.erase(context);
    }
    let samples = 0;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      if (group === undefined) continue;
      context.beginPath();
      let drawn = 0;
      for (let t = 0; t < group.traces.length; t++) drawn += group.traces[t]?.trace(context) ?? 0;
      if (drawn > 0) {
        context.strokeStyle = group.colour;
        context.stroke();
        samples += drawn;
      }
    }
    const d = this.diagnostics;
    const drawnAt = Date.now();
    for (let g = 0; g < groups.length; g++) {
      const traces = groups[g]?.traces ?? [];
      for (let t = 0; t < traces.length; t++) traces[t]?.recordDrawLatency(drawnAt, d.drawLatency);
    }
    d.framesDrawn++;
    d.samplesDrawn += samples;
    d.lastFrameScriptMs = performance.now() - started;
  };

  /** Sizes the canvas to the window in device pixels, clears it and places every trace. */
  private layout(context: CanvasRenderingContext2D): void {
    this.layoutDirty = false;
    const canvas = context.canvas;
    const pixelRatio = window.devicePixelRatio || 1;
    const frame = canvas.getBoundingClientRect();
    const width = Math.round(frame.width * pixelRatio);
    const height = Math.round(frame.height * pixelRatio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    } else {
      context.clearRect(0, 0, width, height);
    }
    // Resizing a canvas resets its state, so the pen is set up on every layout.
    const lineWidth = LINE_WIDTH_CSS_PX * pixelRatio;
    context.lineWidth = lineWidth;
    context.lineJoin = 'round';
    context.lineCap = 'round';
    const lineInset = Math.ceil(lineWidth);
    for (const { trace } of this.streams.values()) trace.place(null, lineInset);
    for (const [key, trace] of this.bindings) {
      const element = this.slots.get(key);
      const rect = element ? this.measure(element, frame, pixelRatio) : null;
      trace.place(rect, lineInset);
    }
  }

  /** The element's box relative to the canvas, snapped to device pixels so erasing is exact. */
  private measure(element: HTMLElement, frame: DOMRect, pixelRatio: number): SlotRect | null {
    const box = element.getBoundingClientRect();
    const left = Math.round((box.left - frame.left) * pixelRatio);
    const top = Math.round((box.top - frame.top) * pixelRatio);
    const width = Math.round((box.right - frame.left) * pixelRatio) - left;
    const height = Math.round((box.bottom - frame.top) * pixelRatio) - top;
    return width > 0 && height > 0 ? { left, top, width, height } : null;
  }
}
