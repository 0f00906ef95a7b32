/**
 * The order a nurse must see alarms in: the most urgent first and, within a priority, the newest
 * first. Ended alarms are not shown.
 */
import type { Alarm, AlarmPriority } from '../../../electron/contract/domain.js';

const urgency: Record<AlarmPriority, number> = { high: 0, medium: 1, low: 2 };

export function orderAlarms(alarms: readonly Alarm[]): Alarm[] {
  return alarms
    .filter((alarm) => alarm.state !== 'ended')
    .sort((a, b) => urgency[a.priority] - urgency[b.priority] || b.startedAt - a.startedAt);
}

/** The most urgent priority among a bed's alarms, or null when it has none. */
export function highestPriority(alarms: readonly Alarm[]): AlarmPriority | null {
  return orderAlarms(alarms)[0]?.priority ?? null;
}
