/**
 * One colour per physiological parameter, shared by its numeric and its waveform, so a nurse
 * matches a number to its trace by colour alone. Follows the common monitor convention: ECG
 * and heart rate green, the oximetry family (SpO2, its pulse rate, the pleth) cyan, arterial
 * pressure red, CO2 yellow, respiration white.
 */
import { Mdc } from '../../../electron/contract/mdc.js';

const OXIMETRY_CYAN = '#3fd8ff';
const ECG_GREEN = '#4be36b';
const ARTERIAL_RED = '#ff5a5a';
const CO2_YELLOW = '#ffd84a';
/** For a parameter without a convention: readable on black, and clearly not an alarm colour. */
const UNASSIGNED_WHITE = '#e8eef2';

const colourByCode: ReadonlyMap<number, string> = new Map([
  [Mdc.SpO2.code, OXIMETRY_CYAN],
  [Mdc.PulseRateOximeter.code, OXIMETRY_CYAN],
  [Mdc.Pleth.code, OXIMETRY_CYAN],
  [Mdc.HeartRate.code, ECG_GREEN],
  ...[Mdc.EcgI, Mdc.EcgII, Mdc.EcgIII, Mdc.EcgAvr, Mdc.EcgAvl, Mdc.EcgAvf, Mdc.EcgV].map(
    (t) => [t.code, ECG_GREEN] as const,
  ),
  ...[Mdc.AbpWave, Mdc.AbpSys, Mdc.AbpDia, Mdc.AbpMean, Mdc.ArtWave, Mdc.ArtSys].map(
    (t) => [t.code, ARTERIAL_RED] as const,
  ),
  ...[Mdc.Co2Wave, Mdc.AirwayCo2Wave, Mdc.EtCo2].map((t) => [t.code, CO2_YELLOW] as const),
]);

export function parameterColour(mdcCode: number): string {
  return colourByCode.get(mdcCode) ?? UNASSIGNED_WHITE;
}
