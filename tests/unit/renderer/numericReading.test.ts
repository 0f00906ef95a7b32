import { describe, expect, it } from 'vitest';
import { numericReading } from '../../../renderer/src/numerics/numericReading.js';
import { observation } from './fixtures.js';

describe('numericReading', () => {
  it('shows a valid live value as the number alone', () => {
    expect(numericReading(observation({ value: 97 }), true, 0)).toEqual({
      text: '97',
      questionable: false,
    });
    expect(numericReading(observation({ value: 36.84 }), true, 1).text).toBe('36.8');
  });

  it('marks a questionable value', () => {
    const reading = numericReading(observation({ status: 'questionable' }), true, 0);
    expect(reading).toEqual({ text: '97', questionable: true });
  });

  it('never shows a number for a missing, null, invalid or no longer live value', () => {
    expect(numericReading(undefined, true, 0).text).toBe('---');
    expect(numericReading(observation({ value: null }), true, 0).text).toBe('---');
    expect(numericReading(observation({ status: 'invalid' }), true, 0).text).toBe('-?-');
    expect(numericReading(observation({ value: 97 }), false, 0).text).toBe('---');
  });
});
