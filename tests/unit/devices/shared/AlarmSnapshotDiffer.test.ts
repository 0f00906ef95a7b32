import { describe, expect, it } from 'vitest';
import { AlarmSnapshotDiffer } from '../../../../electron/station/devices/drivers/shared/AlarmSnapshotDiffer.js';

const CONTEXT = { bed: 'bed-1', device: 'dev', demo: false };
const LOW = { code: 'x.low', text: 'Low', priority: 'high', kind: 'physiological' } as const;
const OFF = { code: 'x.off', text: 'Off', priority: 'medium', kind: 'technical' } as const;

describe('AlarmSnapshotDiffer', () => {
  it('starts what appears, ends what goes away, and repeats nothing in between', () => {
    const differ = new AlarmSnapshotDiffer(CONTEXT);
    expect(differ.update([LOW], 1)).toEqual([
      { bed: 'bed-1', device: 'dev', ...LOW, phase: 'start', time: 1 },
    ]);
    expect(differ.update([LOW], 2)).toEqual([]);
    expect(differ.update([OFF, LOW, OFF], 3).map((r) => [r.code, r.phase])).toEqual([
      ['x.off', 'start'],
    ]);
    expect(differ.update([], 4).map((r) => [r.code, r.phase, r.time])).toEqual([
      ['x.off', 'end', 4],
      ['x.low', 'end', 4],
    ]);
  });
});
