/**
 * Batches what the engine decodes into one message per display frame: all new wave samples in
 * one binary frame and all new observations in one event, ~60 times a second, and only while
 * someone is watching.
 */
import type { Observation, WaveSegment, WaveStream } from '../../contract/domain.js';
import { encodeWaveFrame, type WaveFrameSegment } from '../../contract/WaveFrameCodec.js';
import { WaveStreamCatalog } from './WaveStreamCatalog.js';

export interface LiveFeedSink {
  hasClients(): boolean;
  waveFrame(frame: ArrayBuffer): void;
  observations(observations: Observation[]): void;
  streamsChanged(streams: WaveStream[]): void;
}

const FRAME_INTERVAL_MS = 16;

export class LiveFeed {
  readonly streams = new WaveStreamCatalog();
  private pendingWaves: WaveFrameSegment[] = [];
  private pendingObservations: Observation[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly sink: LiveFeedSink) {}

  start(): void {
    this.timer = setInterval(() => this.flush(), FRAME_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  addWaves(segments: readonly WaveSegment[]): void {
    for (const s of segments) {
      const { stream, changed } = this.streams.streamFor(s);
      if (changed) this.sink.streamsChanged(this.streams.list());
      if (s.samples.length > 0) {
        this.pendingWaves.push({
          streamId: stream.streamId,
          seq: s.seq,
          t0: s.t0,
          samples: s.samples,
        });
      }
    }
  }

  addObservations(observations: readonly Observation[]): void {
    for (const o of observations) this.pendingObservations.push(o);
  }

  private flush(): void {
    if (!this.sink.hasClients()) {
      this.pendingWaves = [];
      this.pendingObservations = [];
      return;
    }
    if (this.pendingWaves.length > 0) {
      this.sink.waveFrame(encodeWaveFrame({ time: Date.now(), segments: this.pendingWaves }));
      this.pendingWaves = [];
    }
    if (this.pendingObservations.length > 0) {
      this.sink.observations(this.pendingObservations);
      this.pendingObservations = [];
    }
  }
}
