/**
 * IHE PCD-04 Report Alert (ORU^R40): one alert per OBR group, its facets in OBX rows (TF2 §3.4,
 * App. E.3): the event code, its source, MDC_ATTR_EVENT_PHASE (start/continue/end),
 * MDC_ATTR_ALARM_STATE, priority and alert type either as OBX-8 flags (PH~SP) or as Dräger-style
 * attribute rows. Each becomes a DeviceAlarmReport, which the alarm registry turns into an alarm's
 * start, continuation or end. Facets are found by code, not by OBX-4 position, because senders
 * number them differently (1.3.1.150456.1 vs 1.1.1.1).
 */
import type { AlarmKind, AlarmPriority } from '../../contract/domain.js';
import type { DeviceAlarmReport } from '../devices/drivers/DeviceDriver.js';
import { Hl7ErrorCode, messageError } from './Hl7Issue.js';
import { EVENT_PARTITION, knownRefids, partitionOf } from './MdcVocabulary.js';
import type { ObservationGroup, ObxRow } from './ObxRows.js';
import { deviceId } from './Pcd01Mapper.js';

const ALERT_SOURCE = 68480;
const EVENT_PHASE = 68481;
const ALARM_STATE = 68482;
const ALARM_PRIORITY = 68484;
const ALERT_TYPE = 68485;
const GENERIC_ALARM = 196616;
const ATTRIBUTE_CODES = new Set([
  ALERT_SOURCE,
  EVENT_PHASE,
  ALARM_STATE,
  68483,
  ALARM_PRIORITY,
  ALERT_TYPE,
]);

const PRIORITY: Record<string, AlarmPriority> = { PH: 'high', PM: 'medium', PL: 'low', PN: 'low' };
const END_PHASES = new Set(['end', 'stop', 'reset']);
const START_PHASES = new Set(['start', 'start_only', 'tpoint']);
const INACTIVE_STATES = new Set(['inactive', 'off']);

export function mapAlerts(groups: readonly ObservationGroup[], bed: string): DeviceAlarmReport[] {
  return groups.map((group) => alertOf(group, bed));
}

function alertOf(group: ObservationGroup, bed: string): DeviceAlarmReport {
  const event = group.rows.find(
    (row) =>
      row.code.mdc !== null &&
      partitionOf(row.code.mdc) === EVENT_PARTITION &&
      !ATTRIBUTE_CODES.has(row.code.mdc),
  );
  if (!event) {
    throw messageError(
      Hl7ErrorCode.requiredFieldMissing,
      'A PCD-04 alert group has no OBX with an MDC event code (MDC_EVT_*)',
      { segment: 'OBR', sequence: 1 },
    );
  }
  const facet = (code: number): string =>
    group.rows
      .find((row) => row.code.mdc === code)
      ?.segment.text(5)
      .trim() ?? '';
  const { code, text } = eventOf(event);
  const phase = facet(EVENT_PHASE).toLowerCase();
  const state = facet(ALARM_STATE).toLowerCase();
  return {
    bed,
    device: deviceId(event.equipment),
    code: String(code),
    text,
    priority: priorityOf(facet(ALARM_PRIORITY), event.flags),
    kind: kindOf(facet(ALERT_TYPE), event.flags),
    phase:
      END_PHASES.has(phase) || INACTIVE_STATES.has(state)
        ? 'end'
        : START_PHASES.has(phase) || phase === ''
          ? 'start'
          : 'continue',
    time: event.time.time,
  };
}

/**
 * The alert's condition: the row's own MDC_EVT_* code, or — when the row is the generic
 * MDC_EVT_ALARM — the event coded in its CWE value (IHE E.3.2: `196940^MDC_EVT_FLUID_LINE_OCCL`).
 */
function eventOf(row: ObxRow): { code: number; text: string } {
  const segment = row.segment;
  const valueCode = segment.text(5, 1);
  if (row.code.mdc === GENERIC_ALARM && row.valueType === 'CWE' && /^\d+$/.test(valueCode)) {
    const text = segment.text(5, 9) || segment.text(5, 2) || row.code.refid;
    return { code: Number(valueCode), text };
  }
  const code = row.code.mdc!;
  const text =
    (row.valueType === 'ST' || row.valueType === 'TX' ? segment.text(5) : '') ||
    row.code.refid ||
    knownRefids(code)[0] ||
    `MDC event ${code}`;
  return { code, text };
}

function priorityOf(facet: string, flags: readonly string[]): AlarmPriority {
  const sent = PRIORITY[facet.toUpperCase()] ?? flags.map((f) => PRIORITY[f]).find(Boolean);
  // Not saying is no reason to play it down.
  return sent ?? 'medium';
}

function kindOf(facet: string, flags: readonly string[]): AlarmKind {
  return facet.toUpperCase() === 'ST' || flags.includes('ST') ? 'technical' : 'physiological';
}
