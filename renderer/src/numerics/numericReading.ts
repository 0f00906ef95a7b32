/**
 * What a numeric shows. A value that is missing, invalid or no longer live never shows as a
 * number: a stale figure on a central station reads as a current one.
 */
import type { Observation } from '../../../electron/contract/domain.js';
import { strings } from '../strings.js';

export interface NumericReading {
  /** The number, or the placeholder for a missing or invalid value. */
  text: string;
  questionable: boolean;
}

export function numericReading(
  observation: Observation | undefined,
  live: boolean,
  decimals: number,
): NumericReading {
  if (!live || observation === undefined || observation.value === null) {
    return { text: strings.numeric.missing, questionable: false };
  }
  if (observation.status === 'invalid' || !Number.isFinite(observation.value)) {
    return { text: strings.numeric.invalid, questionable: false };
  }
  return {
    text: observation.value.toFixed(decimals),
    questionable: observation.status === 'questionable',
  };
}
