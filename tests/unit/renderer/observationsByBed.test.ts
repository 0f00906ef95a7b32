import { describe, expect, it } from 'vitest';
import {
  mergeObservations,
  noObservations,
} from '../../../renderer/src/state/observationsByBed.js';
import { observation } from './fixtures.js';

describe('mergeObservations', () => {
  it('keeps the newest observation per bed and code', () => {
    const merged = mergeObservations(noObservations, [
      observation({ value: 95, time: 1 }),
      observation({ value: 96, time: 2 }),
      observation({ code: 149530, value: 70, unit: '{beat}/min' }),
      observation({ bed: 'bed-2', value: 99 }),
    ]);
    expect(merged.get('bed-1')?.get(150456)?.value).toBe(96);
    expect(merged.get('bed-1')?.get(149530)?.value).toBe(70);
    expect(merged.get('bed-2')?.get(150456)?.value).toBe(99);
  });

  it('does not let a late, older observation replace a newer one', () => {
    const held = mergeObservations(noObservations, [observation({ value: 96, time: 5 })]);
    const merged = mergeObservations(held, [observation({ value: 90, time: 4 })]);
    expect(merged).toBe(held);
    expect(merged.get('bed-1')?.get(150456)?.value).toBe(96);
  });

  it('copies only the beds it changes, so untouched tiles keep their data by identity', () => {
    const held = mergeObservations(noObservations, [
      observation({ bed: 'bed-1' }),
      observation({ bed: 'bed-2' }),
    ]);
    const merged = mergeObservations(held, [observation({ bed: 'bed-1', time: 2_000 })]);
    expect(merged).not.toBe(held);
    expect(merged.get('bed-2')).toBe(held.get('bed-2'));
    expect(merged.get('bed-1')).not.toBe(held.get('bed-1'));
    expect(held.get('bed-1')?.get(150456)?.time).toBe(1_000);
  });
});
