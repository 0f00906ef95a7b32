import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../electron/contract/domain.js';
import { Mdc } from '../../../electron/contract/mdc.js';
import {
  classify,
  LimitAlarmEvaluator,
  type LimitTransition,
} from '../../../electron/station/alarms/limits/LimitAlarmEvaluator.js';
import { defaultRules } from '../../../electron/station/alarms/limits/LimitProfiles.js';

const adult = defaultRules('adult');

function spo2(value: number | null, status: Observation['status'] = 'valid'): Observation {
  return {
    bed: 'b1',
    device: 'ox',
    code: Mdc.SpO2.code,
    value,
    unit: '%',
    time: 0,
    status,
    demo: false,
  };
}

function run(values: (number | null)[], stepMs = 1_000): { at: number; t: LimitTransition }[] {
  const evaluator = new LimitAlarmEvaluator((_bed, code) => adult.get(code));
  const out: { at: number; t: LimitTransition }[] = [];
  values.forEach((v, i) => {
    for (const t of evaluator.evaluate(spo2(v), i * stepMs)) out.push({ at: i * stepMs, t });
  });
  return out;
}

describe('LimitAlarmEvaluator', () => {
  it('ignores a single noisy value below the limit (condition delay)', () => {
    expect(run([97, 97, 85, 97, 97, 97])).toEqual([]);
  });

  it('starts a medium alarm once the value stayed below the limit for the delay (10 s)', () => {
    const t = run([97, 88, 88, 88, 88, 88, 88, 88, 88, 88, 88, 88, 88]);
    expect(t).toHaveLength(1);
    expect(t[0]?.at).toBe(11_000);
    expect(t[0]?.t).toMatchObject({
      type: 'start',
      condition: {
        bed: 'b1',
        code: Mdc.SpO2.code,
        violation: 'low',
        priority: 'medium',
        limit: 90,
      },
    });
  });

  it('does not chatter around the limit (hysteresis)', () => {
    const values = [88, 88, 88, 88, 88, 88, 88, 88, 88, 88, 88, 90, 89, 90, 90.5, 89.5, 90];
    const t = run(values);
    expect(t.map((x) => x.t.type)).toEqual(['start']);
    // Back above limit + hysteresis (90 + 1): the condition ends at once.
    const ended = run([...values, 91]);
    expect(ended.map((x) => x.t.type)).toEqual(['start', 'end']);
  });

  it('escalates the active condition to high priority below the extreme limit, at once', () => {
    const t = run([88, 88, 88, 88, 88, 88, 88, 88, 88, 88, 88, 78]);
    expect(t.map((x) => [x.t.type, x.t.type === 'end' ? null : x.t.condition.priority])).toEqual([
      ['start', 'medium'],
      ['update', 'high'],
    ]);
  });

  it('ends the condition when the device reports the value invalid', () => {
    const evaluator = new LimitAlarmEvaluator((_b, code) => adult.get(code));
    for (let i = 0; i <= 11; i++) evaluator.evaluate(spo2(85), i * 1000);
    expect(evaluator.evaluate(spo2(null, 'invalid'), 12_000)).toEqual([
      { type: 'end', bed: 'b1', code: Mdc.SpO2.code, at: 12_000 },
    ]);
  });

  it('starts the condition on tick when its delay ends between observations', () => {
    const evaluator = new LimitAlarmEvaluator((_b, code) => adult.get(code));
    expect(evaluator.evaluate(spo2(85), 0)).toEqual([]);
    expect(evaluator.nextDeadline()).toBe(10_000);
    expect(evaluator.tick(9_999)).toEqual([]);
    expect(evaluator.tick(10_000).map((t) => t.type)).toEqual(['start']);
    expect(evaluator.nextDeadline()).toBeNull();
  });

  it('follows limits changed while running', () => {
    const rules = defaultRules('adult');
    const evaluator = new LimitAlarmEvaluator((_b, code) => rules.get(code));
    evaluator.evaluate(spo2(92), 0);
    rules.get(Mdc.SpO2.code)!.limits.low = 94;
    expect(evaluator.evaluate(spo2(92), 1_000)).toEqual([]);
    expect(evaluator.tick(11_000).map((t) => t.type)).toEqual(['start']);
  });

  it('classifies with widened limits only for the side that is active', () => {
    const limits = { low: 90, high: 120, extremeLow: 80, extremeHigh: 150 };
    expect(classify(90.5, limits, 1, null)).toBeNull();
    expect(classify(90.5, limits, 1, 'low')).toBe('low');
    expect(classify(119.5, limits, 1, 'low')).toBeNull();
    expect(classify(119.5, limits, 1, 'high')).toBe('high');
    expect(classify(79, limits, 1, null)).toBe('extremeLow');
    expect(classify(151, limits, 1, null)).toBe('extremeHigh');
  });

  it('uses the neonatal upper SpO2 limit that adults do not have', () => {
    const neonatal = defaultRules('neonatal');
    expect(neonatal.get(Mdc.SpO2.code)?.limits.high).toBe(95);
    expect(adult.get(Mdc.SpO2.code)?.limits.high).toBeNull();
  });
});
