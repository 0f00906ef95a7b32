/**
 * What one pump's BCC parameters mean for the station: its infusion and its alarm conditions.
 * Parameter ids and meanings are from B. Braun's "Technical Interface Specification BCC"
 * (BCC 3.26 parameter set: INRT, INVTB, INVI, INSOL, INMx status flags, INAx alarm flags);
 * priorities are the station's choice, argued in PROTOCOL.md.
 */
import type { AlarmPriority, InfusionState } from '../../../../contract/domain.js';

/** A pump's latest parameter values by id; null where the pump sent _NV / _NA. */
export type BccPumpValues = ReadonlyMap<string, string | null>;

export interface BccAlarmCondition {
  /** The BCC parameter that carries the condition, or a station-derived id. */
  id: string;
  text: string;
  priority: AlarmPriority;
}

/** Alarm flags the pump sets to 1 while the condition lasts (`INAx`, 0 = no, 1 = alarm). */
const PUMP_ALARM_FLAGS: readonly BccAlarmCondition[] = [
  { id: 'INA3', text: 'occlusion (pressure alarm)', priority: 'high' },
  { id: 'INA15', text: 'air in line', priority: 'high' },
  { id: 'INA14', text: 'drop alarm (no, too few or too many drops / free flow)', priority: 'high' },
  { id: 'INA1', text: 'battery empty', priority: 'high' },
  { id: 'INA9', text: 'syringe alarm', priority: 'medium' },
  { id: 'INA13', text: 'pump door open', priority: 'medium' },
  { id: 'INA7', text: 'infusion complete (volume to be infused delivered)', priority: 'medium' },
  { id: 'INA2', text: 'syringe empty', priority: 'medium' },
  { id: 'INA8', text: 'infusion time over', priority: 'medium' },
  { id: 'INA16', text: 'KVO ended', priority: 'medium' },
  { id: 'INA5', text: 'standby time over', priority: 'medium' },
  { id: 'INA6', text: 'CC alarm', priority: 'medium' },
  { id: 'INA11', text: 'battery low (pre-alarm)', priority: 'medium' },
  { id: 'INA12', text: 'syringe nearly empty (pre-alarm)', priority: 'low' },
];

/**
 * BCC 3.26 has no flag for "volume to be infused nearly delivered", but INRMT (remaining time
 * until end of infusion, seconds) is there; the station warns at this much time left.
 */
export const NEAR_END_SECONDS = 180;
/** INRMT saturates here when no end is programmed. */
const REMAINING_TIME_UNKNOWN = 65_535;
export const NEAR_END_CONDITION: BccAlarmCondition = {
  id: 'near-end',
  text: 'near end of infusion',
  priority: 'low',
};

/** DSSTATUS value of a pump that is switched off. */
const SWITCHED_OFF = '00050';

function flag(values: BccPumpValues, id: string): boolean | null {
  const value = values.get(id);
  if (value === '1') return true;
  if (value === '0') return false;
  return null;
}

export function numberValue(values: BccPumpValues, id: string): number | null {
  const value = values.get(id);
  if (value === undefined || value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Order matters: a pump in KVO also reports "pumping" and may still hold "end of volume";
 * a bolus runs on top of the basal infusion.
 */
export function pumpState(values: BccPumpValues): InfusionState {
  if (values.get('DSSTATUS') === SWITCHED_OFF) return 'stopped';
  if (flag(values, 'INM2') === true) return 'bolus';
  if (flag(values, 'INM10') === true) return 'kvo';
  if (flag(values, 'INM3') === true) {
    // INM3 is also set while the line is primed (INM14): nothing reaches the patient.
    return flag(values, 'INM14') === true ? 'stopped' : 'infusing';
  }
  if (flag(values, 'INA7') === true) return 'complete';
  const known = ['INM1', 'INM3', 'INM6'].some((id) => flag(values, id) !== null);
  return known ? 'paused' : 'unknown';
}

/** Long drug name, else the short one; the pump sends _NV when no drug is assigned. */
export function drugName(values: BccPumpValues): string | null {
  return values.get('INSOL') ?? values.get('INSOLSN') ?? null;
}

/**
 * The conditions active now. A flag the pump reports as _NV keeps whatever state it had, since
 * "no value" must not be read as "no alarm".
 */
export function activeConditions(
  values: BccPumpValues,
  previouslyActive: ReadonlySet<string>,
): BccAlarmCondition[] {
  const active = PUMP_ALARM_FLAGS.filter((c) => {
    const set = flag(values, c.id);
    return set ?? previouslyActive.has(c.id);
  });
  if (isNearEnd(values)) active.push(NEAR_END_CONDITION);
  return active;
}

function isNearEnd(values: BccPumpValues): boolean {
  const remaining = numberValue(values, 'INRMT');
  if (remaining === null || remaining <= 0 || remaining >= REMAINING_TIME_UNKNOWN) return false;
  return pumpState(values) === 'infusing' && remaining <= NEAR_END_SECONDS;
}
