/**
 * The engine's alarm system in one place: limit evaluation per bed, the alarm list and its
 * states, the station's sound, and one timer that wakes exactly when something is due (a
 * condition delay ending, an escalation, a pause running out) rather than polling.
 */
import {
  ParameterLimits,
  type AlarmSignalState,
  type BedLimit,
  type Observation,
} from '../../contract/domain.js';
import { mdcTerm } from '../../contract/mdc.js';
import type { Log } from '../log/StationLog.js';
import type { AlarmPolicy } from './AlarmPolicy.js';
import { AlarmActionError, AlarmRegistry } from './AlarmRegistry.js';
import { AlarmSignals } from './AlarmSignals.js';
import {
  LimitAlarmEvaluator,
  limitAlarmCode,
  type LimitTransition,
} from './limits/LimitAlarmEvaluator.js';
import { defaultRules, type LimitRule } from './limits/LimitProfiles.js';

export class AlarmCenter {
  readonly registry: AlarmRegistry;
  private readonly signals: AlarmSignals;
  private readonly evaluator: LimitAlarmEvaluator;
  private readonly bedRules = new Map<string, Map<number, LimitRule>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSignals = '';
  private stopped = false;

  constructor(
    private readonly policy: AlarmPolicy,
    private readonly beds: readonly string[],
    log: Log,
    private readonly onSignals: (state: AlarmSignalState) => void,
  ) {
    this.registry = new AlarmRegistry(log, policy);
    this.signals = new AlarmSignals(policy);
    this.evaluator = new LimitAlarmEvaluator((bed, code) => this.rulesOf(bed)?.get(code));
    this.registry.onChange(() => {
      this.signals.expire(Date.now(), this.registry.list());
      this.publishSignals();
      this.schedule();
    });
  }

  observe(observations: readonly Observation[]): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const o of observations) this.apply(this.evaluator.evaluate(o, now));
    this.schedule();
  }

  acknowledge(id: string, actor: string): void {
    this.registry.acknowledge(id, actor);
  }

  pauseAudio(bed: string | null): void {
    this.checkBed(bed);
    this.signals.pauseAudio(bed, Date.now());
    this.publishSignals();
    this.schedule();
  }

  resumeAudio(bed: string | null): void {
    this.checkBed(bed);
    this.signals.resumeAudio(bed);
    this.publishSignals();
  }

  signalState(): AlarmSignalState {
    return this.signals.state(this.registry.list(), Date.now());
  }

  limits(bed: string): BedLimit[] {
    const rules = this.rulesOf(bed);
    if (!rules) throw new AlarmActionError(`no bed "${bed}" is configured`);
    return [...rules.values()].map((r) => ({
      code: r.code,
      label: mdcTerm(r.code)?.label ?? String(r.code),
      unit: mdcTerm(r.code)?.ucum ?? '',
      delayMs: r.delayMs,
      hysteresis: r.hysteresis,
      limits: { ...r.limits },
    }));
  }

  setLimits(bed: string, code: number, limits: ParameterLimits): BedLimit[] {
    const rule = this.rulesOf(bed)?.get(code);
    if (!rule) throw new AlarmActionError(`bed "${bed}" has no alarm limits for MDC ${code}`);
    rule.limits = ParameterLimits.parse(limits);
    return this.limits(bed);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private rulesOf(bed: string): Map<number, LimitRule> | undefined {
    if (!this.beds.includes(bed)) return undefined;
    let rules = this.bedRules.get(bed);
    if (!rules) {
      rules = defaultRules(this.policy.profile);
      this.bedRules.set(bed, rules);
    }
    return rules;
  }

  private checkBed(bed: string | null): void {
    if (bed !== null && !this.beds.includes(bed)) {
      throw new AlarmActionError(`no bed "${bed}" is configured`);
    }
  }

  private apply(transitions: readonly LimitTransition[]): void {
    for (const t of transitions) {
      if (t.type === 'end') {
        this.registry.clear({ code: limitAlarmCode(t.code), bed: t.bed, source: 'station' }, t.at);
        continue;
      }
      const c = t.condition;
      this.registry.raisePhysiological(
        {
          code: limitAlarmCode(c.code),
          bed: c.bed,
          source: 'station',
          text: c.text,
          priority: c.priority,
          parameter: c.code,
        },
        t.at,
      );
    }
  }

  private publishSignals(): void {
    const state = this.signalState();
    const text = JSON.stringify(state);
    if (text === this.lastSignals) return;
    this.lastSignals = text;
    this.onSignals(state);
  }

  /** One timer for everything that becomes due: the earliest deadline wins. */
  private schedule(): void {
    if (this.stopped) return;
    const due = [
      this.evaluator.nextDeadline(),
      this.registry.nextEscalation(),
      this.signals.nextChange(),
    ].filter((t): t is number => t !== null);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (due.length === 0) return;
    const delay = Math.max(0, Math.min(...due) - Date.now());
    this.timer = setTimeout(() => this.wake(), delay);
  }

  private wake(): void {
    this.timer = null;
    const now = Date.now();
    this.apply(this.evaluator.tick(now));
    this.registry.tick(now);
    this.signals.expire(now, this.registry.list());
    this.publishSignals();
    this.schedule();
  }
}
