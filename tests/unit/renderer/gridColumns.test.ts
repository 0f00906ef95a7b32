import { describe, expect, it } from 'vitest';
import { gridColumns, gridRows } from '../../../renderer/src/layout/gridColumns.js';

describe('gridColumns', () => {
  it('grows with the number of beds', () => {
    const columns = [1, 2, 4, 5, 9, 10, 16, 17, 32, 36, 40].map(gridColumns);
    expect(columns).toEqual([1, 2, 2, 3, 3, 4, 4, 6, 6, 6, 8]);
  });

  it('gives rows that hold every bed, at least one', () => {
    expect(gridRows(0)).toBe(1);
    expect(gridRows(3)).toBe(2);
    expect(gridRows(8)).toBe(3);
    expect(gridRows(32)).toBe(6);
    for (let beds = 1; beds <= 64; beds++) {
      expect(gridColumns(beds) * gridRows(beds)).toBeGreaterThanOrEqual(beds);
    }
  });
});
