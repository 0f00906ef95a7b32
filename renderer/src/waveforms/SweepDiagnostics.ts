/**
 * Counters of the live sweep, for benchmarks and end-to-end tests. The page exposes them
 * read-only as `window.__wardStationDiagnostics` (see exposeSweepDiagnostics).
 */

/** Latencies from this up share the last bucket and read back as this value. */
const LATENCY_CEILING_MS = 1000;

/**
 * A fixed histogram of 1-ms buckets, so recording never allocates however long the page runs.
 * Percentiles read back as the upper edge of their bucket (never optimistic by more than 1 ms).
 */
export class DrawLatencyHistogram {
  private readonly buckets = new Uint32Array(LATENCY_CEILING_MS + 1);
  private recorded = 0;

  get count(): number {
    return this.recorded;
  }

  /** A negative latency (an estimated receipt time a little late) counts as 0. */
  record(latencyMs: number): void {
    if (!Number.isFinite(latencyMs)) return;
    const bucket = Math.min(LATENCY_CEILING_MS, Math.max(0, Math.floor(latencyMs)));
    this.buckets[bucket] = (this.buckets[bucket] ?? 0) + 1;
    this.recorded++;
  }

  /** In milliseconds; NaN before anything was recorded. */
  percentile(p: number): number {
    if (this.recorded === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.recorded));
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms] ?? 0;
      if (seen >= rank) return Math.min(ms + 1, LATENCY_CEILING_MS);
    }
    return LATENCY_CEILING_MS;
  }
}

export class SweepDiagnostics {
  /** Animation frames the sweep renderer has run since the page loaded. */
  framesDrawn = 0;
  /** New wave samples drawn since the page loaded (redraws after a resize count again). */
  samplesDrawn = 0;
  /** Script time of the most recent frame, in milliseconds. */
  lastFrameScriptMs = 0;
  /** Wave slots currently showing a live stream. */
  boundSlots = 0;
  /** Binary wave frames that could not be decoded and were dropped. */
  rejectedFrames = 0;
  /**
   * Per wave segment drawn: from the engine's receipt of its newest sample to the stroke that
   * drew it (one clock: engine and renderer run on the same machine).
   */
  readonly drawLatency = new DrawLatencyHistogram();
}
