/**
 * One colour per physiological parameter, shared by its numeric and its waveform, so a nurse
 * matches a number to its trace by colour alone. Follows the common monitor convention: the
 * oximetry family (SpO2, its pulse rate and the pleth) in cyan.
 */
import { Mdc } from '../../../electron/contract/mdc.js';

const OXIMETRY_CYAN = '#3fd8ff';
/** For a parameter without a convention: readable on black, and clearly not an alarm colour. */
const UNASSIGNED_WHITE = '#e8eef2';

const colourByCode: ReadonlyMap<number, string> = new Map([
  [Mdc.SpO2.code, OXIMETRY_CYAN],
  [Mdc.PulseRateOximeter.code, OXIMETRY_CYAN],
  [Mdc.Pleth.code, OXIMETRY_CYAN],
]);

export function parameterColour(mdcCode: number): string {
  return colourByCode.get(mdcCode) ?? UNASSIGNED_WHITE;
}
