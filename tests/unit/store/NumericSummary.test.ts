import { describe, expect, it } from 'vitest';
import { summarize } from '../../../electron/station/store/NumericSummary.js';
import { summarizeMinute } from '../../../electron/station/store/Retention.js';

describe('summarize', () => {
  it('gives min, max and the middle value of an odd run', () => {
    expect(summarize([97, 92, 99, 95, 96])).toEqual({ min: 92, max: 99, median: 96, count: 5 });
  });

  it('averages the two middle values of an even run and leaves the input alone', () => {
    const values = [80, 60, 70, 90];
    expect(summarize(values)).toEqual({ min: 60, max: 90, median: 75, count: 4 });
    expect(values).toEqual([80, 60, 70, 90]);
  });

  it('is not dragged by one artefact the way a mean is', () => {
    expect(summarize([72, 73, 71, 72, 250])?.median).toBe(72);
  });

  it('has nothing to say about an empty run', () => {
    expect(summarize([])).toBeNull();
  });
});

describe('summarizeMinute', () => {
  it('summarises each bed and code on its own and keeps demo data marked', () => {
    const row = (bed: string, code: number, value: number, demo = 0) => ({
      bed,
      code,
      unit: '%',
      value,
      demo,
    });
    const summaries = summarizeMinute(60_000, [
      row('bed-1', 1, 90),
      row('bed-1', 1, 94),
      row('bed-1', 1, 92, 1),
      row('bed-2', 1, 99),
      row('bed-1', 2, 70),
    ]);
    expect(summaries).toEqual([
      {
        bed: 'bed-1',
        minute: 60_000,
        code: 1,
        unit: '%',
        min: 90,
        max: 94,
        median: 92,
        count: 3,
        demo: 1,
      },
      {
        bed: 'bed-2',
        minute: 60_000,
        code: 1,
        unit: '%',
        min: 99,
        max: 99,
        median: 99,
        count: 1,
        demo: 0,
      },
      {
        bed: 'bed-1',
        minute: 60_000,
        code: 2,
        unit: '%',
        min: 70,
        max: 70,
        median: 70,
        count: 1,
        demo: 0,
      },
    ]);
  });
});
