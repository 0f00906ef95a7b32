/**
 * Fixed display scales per wave type: a monitor never auto-scales a live trace, so a flat line
 * looks flat and a big complex looks big. Values are in the physical unit the wave arrives in:
 * where devices report one code in different units (pleth as a fraction of range or as %
 * modulation) the unit picks the range.
 */
import { Mdc } from '../../contract/mdc.js';

export interface DisplayRange {
  min: number;
  max: number;
}

/** Ranges that depend on the unit as well as the code, keyed "code|unit". */
const unitRanges = new Map<string, DisplayRange>([
  // Pleth as a fraction of the device's range (Nonin, IntelliVue)…
  [`${Mdc.Pleth.code}|1`, { min: 0, max: 1 }],
  // …or as perfusion modulation in % (GE S/5): a few % is a good pulse.
  [`${Mdc.Pleth.code}|%`, { min: 0, max: 5 }],
]);

const fixedRanges = new Map<number, DisplayRange>([
  // ECG at the usual 10 mm/mV gain: ±2 mV holds a normal complex and most ectopic beats.
  ...[
    Mdc.EcgUnspecifiedLead,
    Mdc.EcgI,
    Mdc.EcgII,
    Mdc.EcgIII,
    Mdc.EcgAvr,
    Mdc.EcgAvl,
    Mdc.EcgAvf,
    Mdc.EcgV,
  ].map((t): [number, DisplayRange] => [t.code, { min: -2, max: 2 }]),
  [Mdc.AbpWave.code, { min: 0, max: 200 }],
  // Any invasive site (CVP, PA, ICP…): wide enough for arterial, still readable for venous.
  [Mdc.BloodPressureWave.code, { min: -10, max: 200 }],
  [Mdc.Co2Wave.code, { min: 0, max: 8 }],
  // Thoracic impedance swing around its baseline, in ohms.
  [Mdc.RespImpedanceWave.code, { min: -1.5, max: 1.5 }],
  // IntelliVue waves in mmHg: arterial, central venous, airway CO2 (usual bedside scales).
  [Mdc.ArtWave.code, { min: 0, max: 200 }],
  [Mdc.CvpWave.code, { min: -5, max: 30 }],
  [Mdc.AirwayCo2Wave.code, { min: 0, max: 60 }],
]);

/** The fixed range for a code; an unknown wave gets the full range its int16 samples can hold. */
export function waveDisplayRange(
  code: number,
  unit: string,
  scale: number,
  offset: number,
): DisplayRange {
  const fixed = unitRanges.get(`${code}|${unit}`) ?? fixedRanges.get(code);
  if (fixed) return fixed;
  const a = -32768 * scale + offset;
  const b = 32767 * scale + offset;
  return { min: Math.min(a, b), max: Math.max(a, b) };
}
