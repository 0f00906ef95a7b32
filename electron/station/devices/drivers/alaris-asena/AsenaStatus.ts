/**
 * What the Asena's INF, INF_VTBI and ALARM replies mean for the station. Field positions and
 * alarm codes come from OpenICE (see PROTOCOL.md); which alarm codes end or hold an infusion is
 * read from their names and is marked there as inferred.
 */
import type { AlarmPriority, InfusionState } from '../../../../contract/domain.js';

/** INF reply fields by position (0 is the command name). */
const InfField = {
  MODE: 3,
  RATE: 4,
  RATE_UNIT: 5,
  DRUG: 6,
  VOLUME_INFUSED: 7,
  VOLUME_UNIT: 8,
} as const;

/** INF_VTBI reply: `INF_VTBI^ACTIV^<volume>^ml^<end action>` or `INF_VTBI^DEACT`. */
const VTBI_ACTIVE = 'ACTIV';
const VTBI_VOLUME = 2;
const VTBI_UNIT = 3;

const NO_ALARM = 'AL_NOALM';
/** Mode of a pump on hold, as in a captured INF line from a pump in alarm. */
export const MODE_HOLD = 'HLD';

export interface AsenaStatusReply {
  mode: string;
  rateMlPerH: number | null;
  drug: string | null;
  volumeInfusedMl: number | null;
}

export interface AsenaAlarmCondition {
  /** The pump's alarm code, e.g. AL_OCCLU. */
  code: string;
  text: string;
  priority: AlarmPriority;
}

interface KnownAlarm {
  text: string;
  priority: AlarmPriority;
  /** What the condition says about the infusion, where its name makes that plain. */
  state?: InfusionState;
}

const KNOWN_ALARMS: Readonly<Record<string, KnownAlarm>> = {
  AL_OCCLU: { text: 'occlusion', priority: 'high' },
  AL_EMBAT: { text: 'battery empty', priority: 'high' },
  AL_FAULT: { text: 'pump fault', priority: 'high' },
  AL_DRDIS: { text: 'syringe driver disengaged', priority: 'high' },
  AL_LWBAT: { text: 'battery low', priority: 'medium' },
  AL_EOIST: { text: 'end of infusion, pump stopped', priority: 'medium', state: 'complete' },
  AL_VTBIS: {
    text: 'volume to be infused delivered, pump stopped',
    priority: 'medium',
    state: 'complete',
  },
  AL_VTBIC: { text: 'volume to be infused delivered', priority: 'medium' },
  AL_COMTO: { text: 'communication timeout', priority: 'medium' },
  AL_EOIKV: { text: 'end of infusion, KVO running', priority: 'low', state: 'kvo' },
  AL_VTBIK: { text: 'volume to be infused delivered, KVO running', priority: 'low', state: 'kvo' },
  AL_NEOIN: { text: 'near end of infusion', priority: 'low' },
  AL_ACDIS: { text: 'mains power disconnected', priority: 'low' },
  AL_CALLB: { text: 'call back (pump needs attention)', priority: 'low' },
};

function number(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A value in a unit the station does not convert is reported as missing, never mislabelled. */
function inUnit(
  fields: readonly string[],
  value: number,
  unit: number,
  expected: string,
): number | null {
  return fields[unit]?.trim().toLowerCase() === expected ? value : null;
}

export function parseStatusReply(fields: readonly string[]): AsenaStatusReply {
  const rate = number(fields[InfField.RATE]);
  const volume = number(fields[InfField.VOLUME_INFUSED]);
  const drug = fields[InfField.DRUG]?.trim() ?? '';
  return {
    mode: fields[InfField.MODE]?.trim() ?? '',
    rateMlPerH: rate === null ? null : inUnit(fields, rate, InfField.RATE_UNIT, 'ml/h'),
    drug: drug === '' ? null : drug,
    volumeInfusedMl: volume === null ? null : inUnit(fields, volume, InfField.VOLUME_UNIT, 'ml'),
  };
}

/** null when no volume to be infused is set (DEACT) or it cannot be read. */
export function parseVtbiReply(fields: readonly string[]): number | null {
  if (fields[1] !== VTBI_ACTIVE) return null;
  const volume = number(fields[VTBI_VOLUME]);
  return volume === null ? null : inUnit(fields, volume, VTBI_UNIT, 'ml');
}

/** The alarm the pump reports now, or null for AL_NOALM. Unknown codes still alarm. */
export function parseAlarmReply(fields: readonly string[]): AsenaAlarmCondition | null {
  const code = fields[1]?.trim() ?? '';
  if (code === '' || code === NO_ALARM) return null;
  const known = KNOWN_ALARMS[code];
  if (known !== undefined) return { code, text: known.text, priority: known.priority };
  const pumpText = fields[2]?.trim();
  return {
    code,
    text: pumpText ? pumpText.toLowerCase() : `pump alarm ${code}`,
    priority: 'medium',
  };
}

/** The alarm decides first (end of infusion, KVO), then hold, then whether anything flows. */
export function asenaState(
  status: AsenaStatusReply,
  alarm: AsenaAlarmCondition | null,
): InfusionState {
  const byAlarm = alarm === null ? undefined : KNOWN_ALARMS[alarm.code]?.state;
  if (byAlarm !== undefined) return byAlarm;
  if (status.mode === MODE_HOLD) return 'paused';
  if (status.rateMlPerH === null) return 'unknown';
  return status.rateMlPerH > 0 ? 'infusing' : 'paused';
}
