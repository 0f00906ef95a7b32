/**
 * What a bed tile shows of its bed's alarms: the one that colours and flashes the tile, whether
 * any is escalated, and per parameter the alarm whose value is highlighted.
 */
import type { Alarm } from '../../../electron/contract/domain.js';
import { groupByBed } from '../state/groupByBed.js';
import { orderAlarms } from './orderAlarms.js';

export interface BedAlarms {
  /**
   * The most urgent alarm that still calls for a nurse, else the most urgent acknowledged one:
   * a new medium alarm must flash even beside an acknowledged high one.
   */
  shown: Alarm;
  /** Alarms of the bed that are not ended. */
  count: number;
  escalated: boolean;
  /** MDC code → the most urgent alarm about that parameter. */
  byParameter: ReadonlyMap<number, Alarm>;
}

function summarise(alarms: readonly Alarm[]): BedAlarms | null {
  const ordered = orderAlarms(alarms);
  const shown = ordered.find((a) => a.state !== 'acknowledged') ?? ordered[0];
  if (shown === undefined) return null;
  const byParameter = new Map<number, Alarm>();
  for (const alarm of ordered) {
    if (typeof alarm.parameter === 'number' && !byParameter.has(alarm.parameter)) {
      byParameter.set(alarm.parameter, alarm);
    }
  }
  return {
    shown,
    count: ordered.length,
    escalated: ordered.some((a) => a.escalated === true),
    byParameter,
  };
}

/** Beds without alarms (or with ended ones only) are left out. */
export function alarmsByBed(alarms: readonly Alarm[]): ReadonlyMap<string, BedAlarms> {
  const byBed = new Map<string, BedAlarms>();
  for (const [bed, bedAlarms] of groupByBed(alarms)) {
    const summary = summarise(bedAlarms);
    if (summary !== null) byBed.set(bed, summary);
  }
  return byBed;
}
