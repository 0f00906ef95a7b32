import type { SweepDiagnostics } from './SweepDiagnostics.js';

export const DIAGNOSTICS_GLOBAL = '__wardStationDiagnostics';

/**
 * Publishes the sweep's counters as `window.__wardStationDiagnostics`:
 *   { framesDrawn, samplesDrawn, lastFrameScriptMs, boundSlots, rejectedFrames,
 *     drawLatencyP50Ms, drawLatencyP99Ms, drawLatencySegments } (all numbers; the latencies are
 *     NaN until a segment was drawn, and 1000 means a second or more)
 * Each property is a getter over the live counters, so a benchmark reads current values and
 * nothing on the page can change them. JSON.stringify and Playwright's evaluate see plain numbers.
 */
export function exposeSweepDiagnostics(diagnostics: SweepDiagnostics, target: object): void {
  const view = Object.freeze({
    get framesDrawn() {
      return diagnostics.framesDrawn;
    },
    get samplesDrawn() {
      return diagnostics.samplesDrawn;
    },
    get lastFrameScriptMs() {
      return diagnostics.lastFrameScriptMs;
    },
    get boundSlots() {
      return diagnostics.boundSlots;
    },
    get rejectedFrames() {
      return diagnostics.rejectedFrames;
    },
    get drawLatencyP50Ms() {
      return diagnostics.drawLatency.percentile(50);
    },
    get drawLatencyP99Ms() {
      return diagnostics.drawLatency.percentile(99);
    },
    get drawLatencySegments() {
      return diagnostics.drawLatency.count;
    },
  });
  Object.defineProperty(target, DIAGNOSTICS_GLOBAL, { value: view, configurable: true });
}
