import { describe, expect, it } from 'vitest';
import { highestPriority, orderAlarms } from '../../../renderer/src/alarms/orderAlarms.js';
import { alarm } from './fixtures.js';

describe('orderAlarms', () => {
  it('puts the highest priority first and, within a priority, the newest first', () => {
    const ordered = orderAlarms([
      alarm({ id: 'low-new', priority: 'low', startedAt: 9 }),
      alarm({ id: 'medium-old', priority: 'medium', startedAt: 1 }),
      alarm({ id: 'high-old', priority: 'high', startedAt: 2 }),
      alarm({ id: 'medium-new', priority: 'medium', startedAt: 5 }),
      alarm({ id: 'high-new', priority: 'high', startedAt: 3 }),
    ]);
    expect(ordered.map((a) => a.id)).toEqual([
      'high-new',
      'high-old',
      'medium-new',
      'medium-old',
      'low-new',
    ]);
  });

  it('leaves out ended alarms and keeps acknowledged and station-wide ones', () => {
    const ordered = orderAlarms([
      alarm({ id: 'ended', state: 'ended', priority: 'high' }),
      alarm({ id: 'acked', state: 'acknowledged' }),
      alarm({ id: 'restart', bed: null, code: 'station.engine-restarted', kind: 'technical' }),
    ]);
    expect(ordered.map((a) => a.id).sort()).toEqual(['acked', 'restart']);
  });

  it('does not reorder the list it was given', () => {
    const given = [alarm({ id: 'l', priority: 'low' }), alarm({ id: 'h', priority: 'high' })];
    orderAlarms(given);
    expect(given.map((a) => a.id)).toEqual(['l', 'h']);
  });
});

describe('highestPriority', () => {
  it('is the most urgent priority among alarms that are not ended, or null', () => {
    expect(highestPriority([])).toBeNull();
    expect(highestPriority([alarm({ priority: 'high', state: 'ended' })])).toBeNull();
    expect(
      highestPriority([alarm({ priority: 'low' }), alarm({ id: 'b', priority: 'medium' })]),
    ).toBe('medium');
  });
});
