/**
 * Default physiological alarm limits per unit profile. These are the station's factory
 * defaults, chosen from common monitor defaults for each population; a hospital sets its own
 * per unit and nurses adjust them per bed. Values are in the UCUM unit of each MDC code.
 *
 * low/high: medium priority ("SpO₂ low"). extremeLow/extremeHigh: high priority, for conditions
 * where harm is imminent ("desaturation", "extreme bradycardia").
 */
import { z } from 'zod';
import type { ParameterLimits } from '../../../contract/domain.js';
import { Mdc } from '../../../contract/mdc.js';

export const UnitProfile = z.enum(['adult', 'paediatric', 'neonatal']);
export type UnitProfile = z.infer<typeof UnitProfile>;

export interface LimitRule {
  code: number;
  /** How long a value must stay beyond a limit before the alarm condition is declared. */
  delayMs: number;
  /** How far back inside the limit a value must come before the condition ends. */
  hysteresis: number;
  limits: ParameterLimits;
}

type Defaults = Record<number, Omit<LimitRule, 'code'>>;

function limits(
  low: number | null,
  high: number | null,
  extremeLow: number | null,
  extremeHigh: number | null,
): ParameterLimits {
  return { low, high, extremeLow, extremeHigh };
}

const adult: Defaults = {
  [Mdc.HeartRate.code]: { delayMs: 5_000, hysteresis: 2, limits: limits(50, 120, 40, 150) },
  [Mdc.PulseRateOximeter.code]: { delayMs: 5_000, hysteresis: 2, limits: limits(50, 120, 40, 150) },
  [Mdc.SpO2.code]: { delayMs: 10_000, hysteresis: 1, limits: limits(90, null, 80, null) },
  [Mdc.RespRate.code]: { delayMs: 10_000, hysteresis: 1, limits: limits(8, 30, null, null) },
  [Mdc.NibpSys.code]: { delayMs: 0, hysteresis: 2, limits: limits(90, 160, 70, 200) },
  [Mdc.NibpDia.code]: { delayMs: 0, hysteresis: 2, limits: limits(50, 90, null, 120) },
  [Mdc.NibpMean.code]: { delayMs: 0, hysteresis: 2, limits: limits(65, 110, 50, null) },
  [Mdc.Temperature.code]: {
    delayMs: 30_000,
    hysteresis: 0.2,
    limits: limits(36, 38.5, null, null),
  },
};

const paediatric: Defaults = {
  [Mdc.HeartRate.code]: { delayMs: 5_000, hysteresis: 2, limits: limits(70, 160, 50, 190) },
  [Mdc.PulseRateOximeter.code]: { delayMs: 5_000, hysteresis: 2, limits: limits(70, 160, 50, 190) },
  [Mdc.SpO2.code]: { delayMs: 10_000, hysteresis: 1, limits: limits(90, null, 85, null) },
  [Mdc.RespRate.code]: { delayMs: 10_000, hysteresis: 1, limits: limits(15, 40, null, null) },
  [Mdc.NibpSys.code]: { delayMs: 0, hysteresis: 2, limits: limits(80, 130, 60, 160) },
  [Mdc.NibpDia.code]: { delayMs: 0, hysteresis: 2, limits: limits(40, 80, null, 100) },
  [Mdc.NibpMean.code]: { delayMs: 0, hysteresis: 2, limits: limits(55, 100, 45, null) },
  [Mdc.Temperature.code]: {
    delayMs: 30_000,
    hysteresis: 0.2,
    limits: limits(36, 38.5, null, null),
  },
};

const neonatal: Defaults = {
  [Mdc.HeartRate.code]: { delayMs: 5_000, hysteresis: 2, limits: limits(100, 200, 80, 220) },
  [Mdc.PulseRateOximeter.code]: {
    delayMs: 5_000,
    hysteresis: 2,
    limits: limits(100, 200, 80, 220),
  },
  // Too much oxygen harms a preterm infant's eyes: neonatal SpO2 has an upper limit.
  [Mdc.SpO2.code]: { delayMs: 10_000, hysteresis: 1, limits: limits(88, 95, 80, null) },
  [Mdc.RespRate.code]: { delayMs: 10_000, hysteresis: 1, limits: limits(30, 60, null, null) },
  [Mdc.NibpSys.code]: { delayMs: 0, hysteresis: 2, limits: limits(50, 90, 40, 110) },
  [Mdc.NibpDia.code]: { delayMs: 0, hysteresis: 2, limits: limits(25, 60, null, 70) },
  [Mdc.NibpMean.code]: { delayMs: 0, hysteresis: 2, limits: limits(30, 70, 25, null) },
  [Mdc.Temperature.code]: {
    delayMs: 30_000,
    hysteresis: 0.2,
    limits: limits(36.5, 37.5, null, null),
  },
};

const defaults: Record<UnitProfile, Defaults> = { adult, paediatric, neonatal };

/** The profile's rules, one per code, as fresh objects a bed may then change. */
export function defaultRules(profile: UnitProfile): Map<number, LimitRule> {
  return new Map(
    Object.entries(defaults[profile]).map(([code, rule]) => [
      Number(code),
      { code: Number(code), ...rule, limits: { ...rule.limits } },
    ]),
  );
}
