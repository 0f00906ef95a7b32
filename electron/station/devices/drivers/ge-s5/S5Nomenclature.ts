/**
 * Which MDC term an S/5 value or wave is. The monitor labels its channels (the lead on ECG
 * channel 1, the site of each invasive pressure, the source of the heart rate), so the code
 * follows the label the latest numerics record carried.
 */
import { Mdc, type MdcTerm } from '../../../../contract/mdc.js';

/** ECG group label bits 8..11: the lead shown on ECG channel 1 (DRI spec tables 3-12, 3-13). */
const ECG_CHANNEL_1_LEADS: ReadonlyMap<number, MdcTerm> = new Map([
  [1, Mdc.EcgI],
  [2, Mdc.EcgII],
  [3, Mdc.EcgIII],
  [4, Mdc.EcgAvr],
  [5, Mdc.EcgAvl],
  [6, Mdc.EcgAvf],
  // "V" without a number: the monitor reports every chest lead as V.
  [7, Mdc.EcgV],
]);

export function ecgWaveTerm(ecgLabel: number | null): MdcTerm {
  if (ecgLabel === null) return Mdc.EcgUnspecifiedLead;
  return ECG_CHANNEL_1_LEADS.get((ecgLabel >> 8) & 0x0f) ?? Mdc.EcgUnspecifiedLead;
}

/** Invasive pressure labels that are arterial: ART (1) and ABP (8) (DRI spec table 3-16). */
const ARTERIAL_LABELS = new Set([1, 8]);

export interface PressureTerms {
  wave: MdcTerm;
  sys: MdcTerm;
  dia: MdcTerm;
  mean: MdcTerm;
}

const ARTERIAL: PressureTerms = {
  wave: Mdc.AbpWave,
  sys: Mdc.AbpSys,
  dia: Mdc.AbpDia,
  mean: Mdc.AbpMean,
};

/** Sites without a code of their own here (CVP, PA, ICP, P1…) stay generic blood pressure. */
const UNSPECIFIED_SITE: PressureTerms = {
  wave: Mdc.BloodPressureWave,
  sys: Mdc.BloodPressureSys,
  dia: Mdc.BloodPressureDia,
  mean: Mdc.BloodPressureMean,
};

export function pressureTerms(label: number | null): PressureTerms {
  return label !== null && ARTERIAL_LABELS.has(label) ? ARTERIAL : UNSPECIFIED_SITE;
}

/**
 * ECG status bits 3..6 say where the displayed heart rate comes from (table 3-11): ECG (1),
 * ECG Mortara (9) or not selected (0) is a heart rate; a pressure or SpO2 source is a pulse rate.
 */
const ECG_HEART_RATE_SOURCES = new Set([0, 1, 9]);

export function heartRateTerm(ecgStatus: number): MdcTerm {
  const source = (ecgStatus >> 3) & 0x0f;
  return ECG_HEART_RATE_SOURCES.has(source) ? Mdc.HeartRate : Mdc.PulseRate;
}
