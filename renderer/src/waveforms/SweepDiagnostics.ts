/**
 * Counters of the live sweep, for benchmarks and end-to-end tests. The page exposes them
 * read-only as `window.__wardStationDiagnostics` (see exposeSweepDiagnostics).
 */
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
}
