/**
 * How alarm indicators flash (IEC 60601-1-8 Table 2): high priority at 2 Hz (1.4–2.8 Hz allowed),
 * medium at 0.6 Hz (0.4–0.8 Hz), both on half of each period (20–60 % allowed); low priority is
 * steady. Every indicator of a priority follows the same clock, so the whole screen flashes in
 * one phase and a nurse sees one rhythm, not a flicker of tiles out of step.
 */
export type FlashingPriority = 'high' | 'medium';

export interface FlashPattern {
  periodMs: number;
  /** The on part comes first in every period. */
  onMs: number;
}

export const flashPatterns: Record<FlashingPriority, FlashPattern> = {
  high: { periodMs: 500, onMs: 250 },
  medium: { periodMs: 1000 / 0.6, onMs: 500 / 0.6 },
};

function phaseOf(pattern: FlashPattern, timeMs: number): number {
  return ((timeMs % pattern.periodMs) + pattern.periodMs) % pattern.periodMs;
}

export function isFlashOn(pattern: FlashPattern, timeMs: number): boolean {
  return phaseOf(pattern, timeMs) < pattern.onMs;
}

/** How long until the indicator next turns on or off. */
export function msToNextEdge(pattern: FlashPattern, timeMs: number): number {
  const phase = phaseOf(pattern, timeMs);
  return phase < pattern.onMs ? pattern.onMs - phase : pattern.periodMs - phase;
}
