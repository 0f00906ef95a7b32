/**
 * The station's alarm list and each alarm's life: raised by a condition (a limit, a device, the
 * station itself), acknowledged by a nurse, latched after its condition ends where the unit's
 * policy says so, escalated when a high-priority alarm stays unacknowledged. Raising is
 * idempotent per condition, so a repeated "no data" does not stack up; every change is
 * persisted and broadcast by the listeners.
 */
import type { Alarm, AlarmKind, AlarmPriority } from '../../contract/domain.js';
import type { DeviceAlarmReport } from '../devices/drivers/DeviceDriver.js';
import type { Log } from '../log/StationLog.js';
import { DEFAULT_ALARM_POLICY, type AlarmPolicy } from './AlarmPolicy.js';

export interface AlarmCondition {
  code: string;
  bed: string | null;
  source: string;
  text: string;
  priority: AlarmPriority;
  /** MDC code of the parameter, for limit alarms. */
  parameter?: number;
}

export interface RaiseOptions {
  /** An event rather than an ongoing condition (engine restarted): acknowledging ends it. */
  endsOnAcknowledge?: boolean;
}

export class AlarmActionError extends Error {}

const RANK: Record<AlarmPriority, number> = { high: 0, medium: 1, low: 2 };

function conditionKey(c: { code: string; bed: string | null; source: string }): string {
  return `${c.code}|${c.bed ?? ''}|${c.source}`;
}

export class AlarmRegistry {
  private readonly alarms = new Map<string, Alarm>();
  private readonly endOnAcknowledge = new Set<string>();
  /** Keys of alarms a device reported, by source, so a new device session can end them. */
  private readonly deviceReported = new Map<string, Set<string>>();
  private readonly listeners: ((alarms: Alarm[], changed: Alarm) => void)[] = [];

  constructor(
    private readonly log: Log,
    private readonly policy: AlarmPolicy = DEFAULT_ALARM_POLICY,
  ) {}

  onChange(listener: (alarms: Alarm[], changed: Alarm) => void): void {
    this.listeners.push(listener);
  }

  /** Alarms that are not ended: highest priority first, then newest. */
  list(): Alarm[] {
    return [...this.alarms.values()].sort(
      (a, b) => RANK[a.priority] - RANK[b.priority] || b.startedAt - a.startedAt,
    );
  }

  /** Puts back an alarm carried over from before a restart, without announcing it as new. */
  restore(alarm: Alarm, options: RaiseOptions = {}): void {
    const key = conditionKey(alarm);
    this.alarms.set(key, alarm);
    if (options.endsOnAcknowledge) this.endOnAcknowledge.add(key);
  }

  raiseTechnical(condition: AlarmCondition, options: RaiseOptions = {}, at = Date.now()): Alarm {
    return this.raise({ ...condition, kind: 'technical' }, options, at);
  }

  raisePhysiological(condition: AlarmCondition, at = Date.now()): Alarm {
    return this.raise({ ...condition, kind: 'physiological' }, {}, at);
  }

  /** A device's own alarm: its phases start and end it; the device identity is the source. */
  reportDevice(report: DeviceAlarmReport): void {
    const condition = { code: report.code, bed: report.bed, source: report.device };
    const keys = this.deviceReported.get(report.device) ?? new Set<string>();
    this.deviceReported.set(report.device, keys);
    keys.add(conditionKey(condition));
    if (report.phase === 'end') {
      this.clear(condition, report.time);
      return;
    }
    this.raise(
      { ...condition, text: report.text, priority: report.priority, kind: report.kind },
      {},
      report.time,
    );
  }

  /** Ends every alarm a device reported (its session restarted and will report afresh). */
  clearDeviceReports(source: string, at = Date.now()): void {
    for (const key of this.deviceReported.get(source) ?? []) {
      const alarm = this.alarms.get(key);
      if (alarm) this.end(key, alarm, at);
    }
    this.deviceReported.delete(source);
  }

  /** The condition is over: the alarm ends, or latches if policy says so and nobody saw it. */
  clear(condition: { code: string; bed: string | null; source: string }, at = Date.now()): void {
    const key = conditionKey(condition);
    const alarm = this.alarms.get(key);
    if (!alarm || alarm.state === 'latched') return;
    const latches =
      alarm.kind === 'physiological' &&
      alarm.state === 'active' &&
      this.policy.latching[alarm.priority];
    if (latches) {
      this.update(key, { ...alarm, state: 'latched', conditionEndedAt: at });
      return;
    }
    this.end(key, alarm, at);
  }

  acknowledge(id: string, actor: string, at = Date.now()): Alarm {
    const entry = [...this.alarms.entries()].find(([, a]) => a.id === id);
    if (!entry) throw new AlarmActionError(`no alarm ${id} is active`);
    const [key, alarm] = entry;
    this.log.info('alarm: acknowledged', { id, code: alarm.code, bed: alarm.bed, actor });
    if (alarm.state === 'latched' || this.endOnAcknowledge.has(key)) {
      return this.end(key, { ...alarm, acknowledgedAt: at, acknowledgedBy: actor }, at);
    }
    return this.update(key, {
      ...alarm,
      state: 'acknowledged',
      escalated: false,
      acknowledgedAt: at,
      acknowledgedBy: actor,
    });
  }

  /** Escalates unacknowledged high-priority alarms that have waited too long. */
  tick(now: number): void {
    const limitMs = this.policy.escalateAfterSeconds * 1000;
    for (const [key, alarm] of this.alarms) {
      if (
        alarm.priority === 'high' &&
        alarm.state === 'active' &&
        !alarm.escalated &&
        now - alarm.startedAt >= limitMs
      ) {
        this.log.warn('alarm: escalated (unacknowledged)', { id: alarm.id, bed: alarm.bed });
        this.update(key, { ...alarm, escalated: true });
      }
    }
  }

  /** When the next escalation is due, so the engine can wake exactly then. */
  nextEscalation(): number | null {
    const limitMs = this.policy.escalateAfterSeconds * 1000;
    let next: number | null = null;
    for (const a of this.alarms.values()) {
      if (a.priority !== 'high' || a.state !== 'active' || a.escalated) continue;
      const due = a.startedAt + limitMs;
      if (next === null || due < next) next = due;
    }
    return next;
  }

  private raise(
    condition: AlarmCondition & { kind: AlarmKind },
    options: RaiseOptions,
    at: number,
  ): Alarm {
    const key = conditionKey(condition);
    if (options.endsOnAcknowledge) this.endOnAcknowledge.add(key);
    const existing = this.alarms.get(key);
    if (existing) {
      const worse = RANK[condition.priority] < RANK[existing.priority];
      const unchanged =
        existing.text === condition.text &&
        existing.priority === condition.priority &&
        existing.state !== 'latched';
      if (unchanged) return existing;
      // A condition that came back, or got worse, needs a nurse's attention again.
      const needsAttention = existing.state === 'latched' || worse;
      return this.update(key, {
        ...existing,
        text: condition.text,
        priority: condition.priority,
        state: needsAttention ? 'active' : existing.state,
        escalated: needsAttention ? false : existing.escalated,
        conditionEndedAt: null,
      });
    }
    const alarm: Alarm = {
      id: `${key}|${at}`,
      bed: condition.bed,
      source: condition.source,
      code: condition.code,
      text: condition.text,
      priority: condition.priority,
      kind: condition.kind,
      state: 'active',
      startedAt: at,
      endedAt: null,
      parameter: condition.parameter ?? null,
      escalated: false,
      acknowledgedAt: null,
      acknowledgedBy: null,
      conditionEndedAt: null,
    };
    this.log.warn('alarm: raised', {
      code: alarm.code,
      bed: alarm.bed,
      priority: alarm.priority,
      kind: alarm.kind,
      text: alarm.text,
    });
    return this.update(key, alarm);
  }

  private end(key: string, alarm: Alarm, at: number): Alarm {
    this.alarms.delete(key);
    this.endOnAcknowledge.delete(key);
    const ended: Alarm = { ...alarm, state: 'ended', endedAt: at };
    this.log.info('alarm: ended', { code: ended.code, bed: ended.bed });
    this.notify(ended);
    return ended;
  }

  private update(key: string, alarm: Alarm): Alarm {
    this.alarms.set(key, alarm);
    this.notify(alarm);
    return alarm;
  }

  private notify(changed: Alarm): void {
    const alarms = this.list();
    for (const l of this.listeners) l(alarms, changed);
  }
}
