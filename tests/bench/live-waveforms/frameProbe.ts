/// <reference lib="dom" />
/**
 * The in-page measurement both variants share, as in the anchor measurement
 * (shared/reference/measured-live-waveforms.md): frame script time runs from the start of the
 * first animation-frame callback to a microtask queued by the last one, so work a callback
 * defers to a microtask (uPlot commits `setData` that way) is counted; frame intervals come from
 * the rAF timestamps. The page's own drawing registers its callback between the probe's two, and
 * since each callback re-requests itself first thing, that order holds on every frame.
 *
 * The bench drives it through `window.__liveWaveBench`. Recording writes into arrays allocated
 * when it starts, so measuring does not itself grow the heap being measured.
 */

export const BENCH_GLOBAL = '__liveWaveBench';

/** Generous: a frame rate of 75 Hz for the whole recording. */
const MOST_FRAMES_PER_SECOND = 75;
const HEAP_SAMPLE_MS = 1000;

export interface FrameRecording {
  scriptMs: number[];
  intervalsMs: number[];
  /** usedJSHeapSize once a second, first at the start of recording. */
  heapBytes: number[];
  heapStartBytes: number;
  heapEndBytes: number;
  /** More frames came than the arrays hold; the rest were not recorded. */
  overflowed: boolean;
}

export interface LiveWaveBenchPage {
  record(seconds: number): void;
  finish(): FrameRecording;
}

function usedHeapBytes(): number {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory?.usedJSHeapSize ?? NaN;
}

class Recorder {
  readonly scriptMs: Float64Array;
  readonly intervalsMs: Float64Array;
  readonly heapBytes: Float64Array;
  scripts = 0;
  intervals = 0;
  heapSamples = 0;
  overflowed = false;
  readonly heapStartBytes = usedHeapBytes();
  private nextHeapSampleAt = NaN;

  constructor(seconds: number) {
    const frames = Math.ceil(seconds * MOST_FRAMES_PER_SECOND) + 1;
    this.scriptMs = new Float64Array(frames);
    this.intervalsMs = new Float64Array(frames);
    this.heapBytes = new Float64Array(Math.ceil(seconds) + 2);
  }

  frame(time: number, intervalMs: number): void {
    if (Number.isNaN(this.nextHeapSampleAt) || time >= this.nextHeapSampleAt) {
      if (this.heapSamples < this.heapBytes.length)
        this.heapBytes[this.heapSamples++] = usedHeapBytes();
      this.nextHeapSampleAt = time + HEAP_SAMPLE_MS;
    }
    if (Number.isNaN(intervalMs)) return;
    if (this.intervals < this.intervalsMs.length) this.intervalsMs[this.intervals++] = intervalMs;
    else this.overflowed = true;
  }

  script(ms: number): void {
    if (this.scripts < this.scriptMs.length) this.scriptMs[this.scripts++] = ms;
    else this.overflowed = true;
  }

  result(): FrameRecording {
    return {
      scriptMs: Array.from(this.scriptMs.subarray(0, this.scripts)),
      intervalsMs: Array.from(this.intervalsMs.subarray(0, this.intervals)),
      heapBytes: Array.from(this.heapBytes.subarray(0, this.heapSamples)),
      heapStartBytes: this.heapStartBytes,
      heapEndBytes: usedHeapBytes(),
      overflowed: this.overflowed,
    };
  }
}

/**
 * Runs `onFrameStart` first in every animation frame with the ms since the first frame, lets
 * `startDrawing` register the page's own frame callback, and publishes the recorder.
 */
export function startFrameProbe(
  onFrameStart: (elapsedMs: number) => void,
  startDrawing: () => void,
): void {
  let recorder: Recorder | null = null;
  let firstTime = NaN;
  let previousTime = NaN;
  let frameStartedAt = 0;

  const endOfScript = (): void => recorder?.script(performance.now() - frameStartedAt);
  const openFrame = (time: number): void => {
    frameStartedAt = performance.now();
    requestAnimationFrame(openFrame);
    if (Number.isNaN(firstTime)) firstTime = time;
    recorder?.frame(time, time - previousTime);
    previousTime = time;
    onFrameStart(time - firstTime);
  };
  const closeFrame = (): void => {
    requestAnimationFrame(closeFrame);
    queueMicrotask(endOfScript);
  };

  requestAnimationFrame(openFrame);
  startDrawing();
  requestAnimationFrame(closeFrame);

  const page: LiveWaveBenchPage = {
    record(seconds) {
      recorder = new Recorder(seconds);
    },
    finish() {
      if (recorder === null) throw new Error('finish() before record()');
      const result = recorder.result();
      recorder = null;
      return result;
    },
  };
  Object.defineProperty(window, BENCH_GLOBAL, { value: page });
}
