/**
 * Fixed display scales per wave type: a monitor never auto-scales a live trace, so a flat line
 * looks flat and a big complex looks big. Values are physical units of the wave's MDC code.
 */
import { Mdc } from '../../contract/mdc.js';

export interface DisplayRange {
  min: number;
  max: number;
}

const fixedRanges = new Map<number, DisplayRange>([
  // Pleth is in arbitrary units: the driver scales it to 0..1 of the device's range.
  [Mdc.Pleth.code, { min: 0, max: 1 }],
]);

/** The fixed range for a code; an unknown wave gets the full range its int16 samples can hold. */
export function waveDisplayRange(code: number, scale: number, offset: number): DisplayRange {
  const fixed = fixedRanges.get(code);
  if (fixed) return fixed;
  const a = -32768 * scale + offset;
  const b = 32767 * scale + offset;
  return { min: Math.min(a, b), max: Math.max(a, b) };
}
