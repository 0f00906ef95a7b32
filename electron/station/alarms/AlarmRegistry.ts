/**
 * The station's alarm list. For this slice it holds the technical alarms the station raises
 * itself (engine restarted, link silent, store problems); physiological and device alarms join
 * it with the alarms issue. Raising is idempotent per condition, so a repeated "no data" does
 * not stack up, and every change is persisted and broadcast.
 */
import type { Alarm, AlarmKind, AlarmPriority } from '../../contract/domain.js';
import type { DeviceAlarmReport } from '../devices/drivers/DeviceDriver.js';
import type { Log } from '../log/StationLog.js';

export interface TechnicalCondition {
  code: string;
  bed: string | null;
  source: string;
  text: string;
  priority: AlarmPriority;
}

function conditionKey(c: { code: string; bed: string | null; source: string }): string {
  return `${c.code}|${c.bed ?? ''}|${c.source}`;
}

export class AlarmRegistry {
  private readonly active = new Map<string, Alarm>();
  private readonly listeners: ((alarms: Alarm[], changed: Alarm) => void)[] = [];

  constructor(private readonly log: Log) {}

  onChange(listener: (alarms: Alarm[], changed: Alarm) => void): void {
    this.listeners.push(listener);
  }

  /** Alarms that are not ended: highest priority first, then newest. */
  list(): Alarm[] {
    const rank: Record<AlarmPriority, number> = { high: 0, medium: 1, low: 2 };
    return [...this.active.values()].sort(
      (a, b) => rank[a.priority] - rank[b.priority] || b.startedAt - a.startedAt,
    );
  }

  /** Puts back an alarm carried over from before a restart, without announcing it as new. */
  restore(alarm: Alarm): void {
    this.active.set(conditionKey(alarm), alarm);
  }

  raiseTechnical(condition: TechnicalCondition, at = Date.now()): Alarm {
    return this.raise({ ...condition, kind: 'technical' }, at);
  }

  /** A device's own alarm: its phases start and end it; the device identity is the source. */
  reportDevice(report: DeviceAlarmReport): void {
    const condition = { code: report.code, bed: report.bed, source: report.device };
    if (report.phase === 'end') this.clear(condition, report.time);
    else
      this.raise(
        { ...condition, text: report.text, priority: report.priority, kind: report.kind },
        report.time,
      );
  }

  private raise(condition: TechnicalCondition & { kind: AlarmKind }, at: number): Alarm {
    const key = conditionKey(condition);
    const existing = this.active.get(key);
    if (existing && existing.text === condition.text && existing.priority === condition.priority) {
      return existing;
    }
    const alarm: Alarm = {
      id: existing?.id ?? `${key}|${at}`,
      bed: condition.bed,
      source: condition.source,
      code: condition.code,
      text: condition.text,
      priority: condition.priority,
      kind: condition.kind,
      state: 'active',
      startedAt: existing?.startedAt ?? at,
      endedAt: null,
    };
    this.active.set(key, alarm);
    if (!existing)
      this.log.warn('alarm: raised', { code: alarm.code, bed: alarm.bed, text: alarm.text });
    this.notify(alarm);
    return alarm;
  }

  clear(condition: { code: string; bed: string | null; source: string }, at = Date.now()): void {
    const key = conditionKey(condition);
    const alarm = this.active.get(key);
    if (!alarm) return;
    this.active.delete(key);
    const ended: Alarm = { ...alarm, state: 'ended', endedAt: at };
    this.log.info('alarm: ended', { code: ended.code, bed: ended.bed });
    this.notify(ended);
  }

  private notify(changed: Alarm): void {
    const alarms = this.list();
    for (const l of this.listeners) l(alarms, changed);
  }
}
