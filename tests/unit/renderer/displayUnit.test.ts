import { describe, expect, it } from 'vitest';
import { displayUnit } from '../../../renderer/src/numerics/displayUnit.js';

describe('displayUnit', () => {
  it('shows UCUM units the way a clinician reads them', () => {
    expect(displayUnit('%')).toBe('%');
    expect(displayUnit('{beat}/min')).toBe('/min');
    expect(displayUnit('{breath}/min')).toBe('/min');
    expect(displayUnit('mm[Hg]')).toBe('mmHg');
    expect(displayUnit('Cel')).toBe('°C');
    expect(displayUnit('1')).toBe('');
  });

  it('drops annotations from units it does not know rather than hiding them', () => {
    expect(displayUnit('mL/h')).toBe('mL/h');
    expect(displayUnit('{drop}/min/{kg}')).toBe('/min/');
  });
});
