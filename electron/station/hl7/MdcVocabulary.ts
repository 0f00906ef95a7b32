/**
 * The IEEE 11073-10101 vocabulary HL7 device messages arrive in: reference ids to cross-check
 * numeric codes against, MDC units as UCUM, and Philips MDIL hex codes. Codes and REFIDs come from
 * ../shared/reference/hl7-and-ihe-pcd.md §1.6 (Harmonized Rosetta, IHE PCD and GE examples) and
 * the station's own contract/mdc.ts. Public samples often carry wrong codes, so a mismatch is
 * logged, never a reason to refuse data: the numeric code is what the station keys on.
 */
import { Mdc } from '../../contract/mdc.js';

/** Context-free code = partition × 65536 + term code. */
export const PARTITION_SIZE = 65_536;
export const EVENT_PARTITION = 3;
export const DEVICE_PARTITION = 1;

const REFERENCE_REFIDS: [number, string][] = [
  [147842, 'MDC_ECG_HEART_RATE'],
  [147842, 'MDC_ECG_CARD_BEAT_RATE'],
  [150456, 'MDC_PULS_OXIM_SAT_O2'],
  [149530, 'MDC_PULS_OXIM_PULS_RATE'],
  [149514, 'MDC_PULS_RATE'],
  [149546, 'MDC_PULS_RATE_NON_INV'],
  [149522, 'MDC_BLD_PULS_RATE_INV'],
  [150021, 'MDC_PRESS_BLD_NONINV_SYS'],
  [150022, 'MDC_PRESS_BLD_NONINV_DIA'],
  [150023, 'MDC_PRESS_BLD_NONINV_MEAN'],
  [150301, 'MDC_PRESS_CUFF_SYS'],
  [150302, 'MDC_PRESS_CUFF_DIA'],
  [150303, 'MDC_PRESS_CUFF_MEAN'],
  [150037, 'MDC_PRESS_BLD_ART_ABP_SYS'],
  [150038, 'MDC_PRESS_BLD_ART_ABP_DIA'],
  [150039, 'MDC_PRESS_BLD_ART_ABP_MEAN'],
  [150033, 'MDC_PRESS_BLD_ART_SYS'],
  [150034, 'MDC_PRESS_BLD_ART_DIA'],
  [150035, 'MDC_PRESS_BLD_ART_MEAN'],
  [150045, 'MDC_PRESS_BLD_ART_PULM_SYS'],
  [150046, 'MDC_PRESS_BLD_ART_PULM_DIA'],
  [150047, 'MDC_PRESS_BLD_ART_PULM_MEAN'],
  [150087, 'MDC_PRESS_BLD_VEN_CENT_MEAN'],
  [151562, 'MDC_RESP_RATE'],
  [151578, 'MDC_TTHOR_RESP_RATE'],
  [151594, 'MDC_CO2_RESP_RATE'],
  [151570, 'MDC_AWAY_RESP_RATE'],
  [150344, 'MDC_TEMP'],
  [150364, 'MDC_TEMP_BODY'],
  [150368, 'MDC_TEMP_CORE'],
  [150388, 'MDC_TEMP_SKIN'],
  [151728, 'MDC_AWAY_CO2_ET'],
  [151708, 'MDC_CONC_AWAY_CO2_ET'],
  [131330, 'MDC_ECG_ELEC_POTL_II'],
  [131329, 'MDC_ECG_ELEC_POTL_I'],
  [131389, 'MDC_ECG_ELEC_POTL_III'],
  [131331, 'MDC_ECG_ELEC_POTL_V1'],
  [150452, 'MDC_PULS_OXIM_PLETH'],
  [151780, 'MDC_IMPED_TTHOR'],
  [151724, 'MDC_AWAY_CO2'],
  [151700, 'MDC_CONC_AWAY_CO2'],
  [150036, 'MDC_PRESS_BLD_ART_ABP'],
  [157784, 'MDC_FLOW_FLUID_PUMP'],
  [157884, 'MDC_VOL_FLUID_TBI'],
  [157872, 'MDC_VOL_FLUID_TBI_REMAIN'],
  [157864, 'MDC_VOL_FLUID_DELIV'],
  [157993, 'MDC_VOL_FLUID_DELIV_TOTAL'],
  [157924, 'MDC_RATE_DOSE'],
  [157916, 'MDC_TIME_PD_REMAIN'],
  [157760, 'MDC_CONC_DRUG'],
  [69965, 'MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS'],
  [69985, 'MDC_DEV_PUMP_INFUS_MDS'],
  [69986, 'MDC_DEV_PUMP_INFUS_VMD'],
  [70049, 'MDC_DEV_PUMP_INFUS_LVP_MDS'],
  [70050, 'MDC_DEV_PUMP_INFUS_LVP_VMD'],
  [69798, 'MDC_DEV_ECG_VMD'],
  [196616, 'MDC_EVT_ALARM'],
  [196648, 'MDC_EVT_HI'],
  [196650, 'MDC_EVT_HI_GT_LIM'],
  [196670, 'MDC_EVT_LO'],
  [196672, 'MDC_EVT_LO_LT_LIM'],
  [196660, 'MDC_EVT_INOP'],
  [196688, 'MDC_EVT_OCCL'],
  [196630, 'MDC_EVT_DISCONN'],
  [196634, 'MDC_EVT_EMPTY'],
  [196638, 'MDC_EVT_ERR'],
  [196646, 'MDC_EVT_FAIL'],
  [196880, 'MDC_EVT_LEAD_OFF'],
  [196920, 'MDC_EVT_SENSOR_PROB'],
  [196988, 'MDC_EVT_SIG_LO'],
  [196802, 'MDC_EVT_BATT_LO'],
  [196836, 'MDC_EVT_CUFF_LEAK'],
  [197206, 'MDC_EVT_PUMP_FLOW_FREE'],
  [196940, 'MDC_EVT_FLUID_LINE_OCCL'],
  [199680, 'MDC_EVT_APNEA'],
  [199684, 'MDC_EVT_ECG_ASYSTOLE'],
  [199696, 'MDC_EVT_ECG_BRADY_SUST'],
  [199728, 'MDC_EVT_ECG_TACHY'],
  [199874, 'MDC_EVT_ECG_ARRHY'],
  [202822, 'MDC_EVT_STAT_AL_SILENCE'],
  [68480, 'MDC_ATTR_ALERT_SOURCE'],
  [68481, 'MDC_ATTR_EVENT_PHASE'],
  [68482, 'MDC_ATTR_ALARM_STATE'],
  [68483, 'MDC_ATTR_ALARM_INACTIVATION_STATE'],
  [68484, 'MDC_ATTR_ALARM_PRIORITY'],
  [68485, 'MDC_ATTR_ALERT_TYPE'],
  [197288, 'MDC_EVT_PUMP_DELIV_START'],
];

const refidsByCode = new Map<number, Set<string>>();
for (const [code, refid] of [
  ...REFERENCE_REFIDS,
  ...Object.values(Mdc).map((t): [number, string] => [t.code, t.refid]),
]) {
  const known = refidsByCode.get(code) ?? new Set<string>();
  known.add(refid);
  refidsByCode.set(code, known);
}

/**
 * 'match' or 'unknown' (code or REFID not in the table: nothing to say), 'mismatch' when this
 * station knows the code under other REFIDs.
 */
export function checkRefid(code: number, refid: string): 'match' | 'mismatch' | 'unknown' {
  const known = refidsByCode.get(code);
  if (!known || refid === '') return 'unknown';
  return known.has(refid) ? 'match' : 'mismatch';
}

export function knownRefids(code: number): string[] {
  return [...(refidsByCode.get(code) ?? [])];
}

/** MDC unit codes (partition 4) as UCUM. */
const UNIT_UCUM = new Map<number, string>([
  [262688, '%'],
  [264864, '{beat}/min'],
  [266016, 'mm[Hg]'],
  [264928, '{breath}/min'],
  [268192, 'Cel'],
  [263762, 'mL'],
  [265266, 'mL/h'],
  [265619, 'ug/kg/min'],
  [263875, 'kg'],
  [264338, 'ms'],
  [264320, 's'],
  [264352, 'min'],
  [264306, 'mg/mL'],
  [262656, '1'],
  [263890, 'mg'],
]);

export function ucumForMdcUnit(code: number): string | undefined {
  return UNIT_UCUM.get(code);
}

/**
 * Philips MDIL ids are `PPPP-CCCC` in hex: partition and term, so 0002-4182 (HR) is
 * 2 × 65536 + 0x4182 = 147842, the same context-free code MDC uses.
 */
export function mdilToMdc(id: string): number | null {
  const match = /^([0-9A-Fa-f]{1,4})-([0-9A-Fa-f]{1,4})$/.exec(id.trim());
  if (!match) return null;
  return parseInt(match[1]!, 16) * PARTITION_SIZE + parseInt(match[2]!, 16);
}

export function partitionOf(code: number): number {
  return Math.floor(code / PARTITION_SIZE);
}

/** Sample rates of waves whose messages do not carry one (HL7 NA/MA have no rate of their own). */
export function typicalSampleRate(code: number): number {
  if (code >= 131328 && code < 131584) return 500;
  if (code === 151780 || code === 151724 || code === 151700) return 62.5;
  return 125;
}
