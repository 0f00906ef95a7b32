import { describe, expect, it } from 'vitest';
import { groupByBed } from '../../../renderer/src/state/groupByBed.js';

describe('groupByBed', () => {
  it('groups items per bed in their order and leaves station-wide items out', () => {
    const grouped = groupByBed([
      { bed: 'b', n: 1 },
      { bed: null, n: 2 },
      { bed: 'a', n: 3 },
      { bed: 'b', n: 4 },
    ]);
    expect([...grouped.keys()]).toEqual(['b', 'a']);
    expect(grouped.get('b')?.map((item) => item.n)).toEqual([1, 4]);
  });
});
