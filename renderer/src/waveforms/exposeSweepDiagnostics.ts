import type { SweepDiagnostics } from './SweepDiagnostics.js';

export const DIAGNOSTICS_GLOBAL = '__wardStationDiagnostics';

/**
 * Publishes the sweep's counters as `window.__wardStationDiagnostics`:
 *   { framesDrawn, samplesDrawn, lastFrameScriptMs, boundSlots, rejectedFrames } (all numbers)
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
  });
  Object.defineProperty(target, DIAGNOSTICS_GLOBAL, { value: view, configurable: true });
}
