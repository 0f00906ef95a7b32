import { describe, expect, it } from 'vitest';
import { DiskWatch, type DiskState } from '../../../electron/station/store/DiskWatch.js';

const MB = 1_048_576;

function watchWith(readings: (number | Error)[]) {
  const changes: [DiskState['kind'], DiskState][] = [];
  let next = 0;
  const watch = new DiskWatch(
    '/data',
    100 * MB,
    (from, to) => changes.push([from, to]),
    async () => {
      const reading = readings[Math.min(next++, readings.length - 1)]!;
      if (reading instanceof Error) throw reading;
      return { freeBytes: reading };
    },
  );
  return { watch, changes };
}

describe('DiskWatch', () => {
  it('turns low below the threshold and back only above it plus a margin', async () => {
    const { watch, changes } = watchWith([500 * MB, 99 * MB, 105 * MB, 90 * MB, 111 * MB]);
    for (let i = 0; i < 5; i++) await watch.check();

    expect(changes).toEqual([
      ['ok', { kind: 'low', freeBytes: 99 * MB }],
      ['low', { kind: 'ok', freeBytes: 111 * MB }],
    ]);
    expect(watch.state).toBe('ok');
  });

  it('reports a disk it cannot ask, and the way back', async () => {
    const { watch, changes } = watchWith([new Error('ENOENT: no such directory'), 500 * MB]);
    await watch.check();
    await watch.check();

    expect(changes).toEqual([
      ['ok', { kind: 'unreadable', reason: 'ENOENT: no such directory' }],
      ['unreadable', { kind: 'ok', freeBytes: 500 * MB }],
    ]);
  });
});
