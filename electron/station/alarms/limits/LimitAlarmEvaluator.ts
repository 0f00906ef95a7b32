/**
 * Physiological limit alarms, evaluated by the station from numerics. Per bed and parameter:
 * a value must stay beyond a limit for the rule's condition delay before the alarm starts (a
 * single noisy value does not alarm), and must come back inside the limit by the hysteresis
 * margin before it ends (a borderline value does not chatter). Crossing an extreme limit turns
 * the same condition high priority.
 *
 * Time is passed in, never read, so the whole state machine is tested without timers; the
 * engine calls `tick` at `nextDeadline()` so a condition starts when its delay ends, not when the
 * next observation happens to arrive.
 */
import type { AlarmPriority, Observation, ParameterLimits } from '../../../contract/domain.js';
import { mdcTerm } from '../../../contract/mdc.js';
import type { LimitRule } from './LimitProfiles.js';

export type Violation = 'extremeLow' | 'low' | 'high' | 'extremeHigh';

export interface LimitCondition {
  bed: string;
  code: number;
  violation: Violation;
  priority: AlarmPriority;
  /** The value that confirmed the condition. */
  value: number;
  limit: number;
  text: string;
}

export type LimitTransition =
  | { type: 'start'; condition: LimitCondition; at: number }
  /** The same condition changed level (e.g. low → extreme low). */
  | { type: 'update'; condition: LimitCondition; at: number }
  | { type: 'end'; bed: string; code: number; at: number };

interface ParameterState {
  /** The violation seen in the newest value, and since when it has lasted. */
  pending: Violation | null;
  pendingSince: number;
  lastValue: number;
  active: LimitCondition | null;
}

export function limitAlarmCode(code: number): string {
  return `limit.${code}`;
}

const PRIORITY: Record<Violation, AlarmPriority> = {
  extremeLow: 'high',
  low: 'medium',
  high: 'medium',
  extremeHigh: 'high',
};

const WORDS: Record<Violation, string> = {
  extremeLow: 'extreme low',
  low: 'low',
  high: 'high',
  extremeHigh: 'extreme high',
};

function isLow(v: Violation | null): boolean {
  return v === 'low' || v === 'extremeLow';
}

function isHigh(v: Violation | null): boolean {
  return v === 'high' || v === 'extremeHigh';
}

/**
 * Which limit a value violates. While a condition is active, its limits are widened by the
 * hysteresis so the value must come clearly back before it counts as normal.
 */
export function classify(
  value: number,
  limits: ParameterLimits,
  hysteresis: number,
  active: Violation | null,
): Violation | null {
  const lowMargin = isLow(active) ? hysteresis : 0;
  const highMargin = isHigh(active) ? hysteresis : 0;
  const extremeLowMargin = active === 'extremeLow' ? hysteresis : 0;
  const extremeHighMargin = active === 'extremeHigh' ? hysteresis : 0;
  if (limits.extremeLow !== null && value < limits.extremeLow + extremeLowMargin)
    return 'extremeLow';
  if (limits.low !== null && value < limits.low + lowMargin) return 'low';
  if (limits.extremeHigh !== null && value > limits.extremeHigh - extremeHighMargin) {
    return 'extremeHigh';
  }
  if (limits.high !== null && value > limits.high - highMargin) return 'high';
  return null;
}

function limitOf(violation: Violation, limits: ParameterLimits): number {
  return limits[violation] ?? NaN;
}

/** No live value in the text: it would change every second; the tile shows the value. */
function describe(code: number, violation: Violation, limit: number): string {
  const term = mdcTerm(code);
  const label = term?.label ?? `MDC ${code}`;
  const sign = isLow(violation) ? '<' : '>';
  return `${label} ${WORDS[violation]} (${sign} ${formatValue(limit)})`;
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export class LimitAlarmEvaluator {
  private readonly states = new Map<string, ParameterState>();

  /** @param rulesFor the current rule of a bed's parameter (limits can change at any time). */
  constructor(private readonly rulesFor: (bed: string, code: number) => LimitRule | undefined) {}

  evaluate(observation: Observation, now: number): LimitTransition[] {
    const rule = this.rulesFor(observation.bed, observation.code);
    if (!rule) return [];
    const key = `${observation.bed}|${observation.code}`;
    const state = this.states.get(key);
    // A value the device itself calls invalid proves nothing about the patient; the device's
    // own technical alarm (sensor off, artefact) speaks for that time.
    if (observation.status === 'invalid' || observation.value === null) {
      if (!state) return [];
      state.pending = null;
      if (!state.active) return [];
      state.active = null;
      return [{ type: 'end', bed: observation.bed, code: observation.code, at: now }];
    }
    const value = observation.value;
    const current = state ?? { pending: null, pendingSince: now, lastValue: value, active: null };
    if (!state) this.states.set(key, current);
    const violation = classify(
      value,
      rule.limits,
      rule.hysteresis,
      current.active?.violation ?? null,
    );
    if (violation !== current.pending) {
      current.pending = violation;
      current.pendingSince = now;
    }
    current.lastValue = value;
    return this.settle(observation.bed, observation.code, current, rule, now);
  }

  /** Conditions whose delay has run out by `now`. */
  tick(now: number): LimitTransition[] {
    const out: LimitTransition[] = [];
    for (const [key, state] of this.states) {
      if (state.pending === null || state.active?.violation === state.pending) continue;
      const [bed, codeText] = key.split('|') as [string, string];
      const code = Number(codeText);
      const rule = this.rulesFor(bed, code);
      if (rule) out.push(...this.settle(bed, code, state, rule, now));
    }
    return out;
  }

  /** When the next pending condition's delay ends, or null if none is pending. */
  nextDeadline(): number | null {
    let next: number | null = null;
    for (const [key, state] of this.states) {
      if (state.pending === null || state.active?.violation === state.pending) continue;
      const [bed, code] = key.split('|') as [string, string];
      const rule = this.rulesFor(bed, Number(code));
      if (!rule) continue;
      const due = state.pendingSince + rule.delayMs;
      if (next === null || due < next) next = due;
    }
    return next;
  }

  private settle(
    bed: string,
    code: number,
    state: ParameterState,
    rule: LimitRule,
    now: number,
  ): LimitTransition[] {
    if (state.pending === null) {
      if (!state.active) return [];
      state.active = null;
      return [{ type: 'end', bed, code, at: now }];
    }
    const violation = state.pending;
    // Escalating from low to extreme low of an active condition waits for no second delay:
    // the condition has already lasted its delay.
    const confirmed =
      now - state.pendingSince >= rule.delayMs ||
      (state.active !== null && isLow(state.active.violation) === isLow(violation));
    if (!confirmed) return [];
    const limit = limitOf(violation, rule.limits);
    const condition: LimitCondition = {
      bed,
      code,
      violation,
      priority: PRIORITY[violation],
      value: state.lastValue,
      limit,
      text: describe(code, violation, limit),
    };
    const previous = state.active;
    if (previous?.violation === violation) return [];
    state.active = condition;
    return [{ type: previous ? 'update' : 'start', condition, at: now }];
  }
}
