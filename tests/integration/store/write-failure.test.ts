/**
 * A full disk, made real: max_page_count caps the file, so SQLite itself answers SQLITE_FULL on
 * the commit, exactly as it does when the disk is out of space.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alarm, Observation } from '../../../electron/contract/domain.js';
import type {
  StoreProblem,
  StoreProblemCode,
} from '../../../electron/station/store/StationStore.js';
import { nextTurn, observation, RecordingLog, TempStation, waveSegment } from './storeFixtures.js';

let station: TempStation;

beforeEach(() => {
  station = new TempStation();
});

afterEach(() => {
  station.cleanUp();
});

/** Enough rows to need new pages, which the cap refuses. */
function manyObservations(count: number): Observation[] {
  return Array.from({ length: count }, (_, i) =>
    observation({ bed: `bed-${i % 8}`, time: 1_000 + i, device: `link-${i}/a-long-device-name` }),
  );
}

const diskFullAlarm: Alarm = {
  id: 'store.write-failed||store|1',
  bed: null,
  source: 'store',
  code: 'store.write-failed',
  text: 'Station data cannot be saved',
  priority: 'medium',
  kind: 'technical',
  state: 'active',
  startedAt: 1_700_000_000_000,
  endedAt: null,
};

function countRows(table: string): unknown {
  return station.inspect((db) => db.prepare(`SELECT count(*) AS n FROM ${table}`).get());
}

describe('a commit that fails', () => {
  it('is reported once, keeps the data queued, and is written when the disk has room again', async () => {
    const log = new RecordingLog();
    const store = station.open(log);
    const problems: StoreProblem[] = [];
    const resolved: StoreProblemCode[] = [];
    let commits = 0;
    store.onProblem((problem) => problems.push(problem));
    store.onProblemResolved((code) => resolved.push(code));
    store.onCommit(() => commits++);

    store.setSizeLimit(1);
    store.writeObservations(manyObservations(2_000));
    store.upsertAlarm(diskFullAlarm);
    await nextTurn();
    store.writeObservations(manyObservations(10));
    store.flush();

    expect(commits).toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('store.write-failed');
    expect(problems[0]?.message).toContain('SQLITE_FULL');
    expect(log.entries.filter((e) => e.level === 'error')).toHaveLength(1);
    expect(resolved).toEqual([]);

    store.setSizeLimit(null);
    await vi.waitFor(() => expect(commits).toBe(1), { timeout: 3_000, interval: 50 });
    expect(log.messages()).toContain('store: writing again after failures');
    expect(resolved).toEqual(['store.write-failed']);
    store.close();

    expect(countRows('observations')).toEqual({ n: 2_010 });
    expect(countRows('alarms')).toEqual({ n: 1 });
  });

  it('drops the oldest wave chunks beyond the bound, but never an alarm', () => {
    const log = new RecordingLog();
    const store = station.open(log);
    store.setSizeLimit(1);

    // Every segment after the first starts past a gap, so each one completes a chunk.
    const chunkCount = 10_005;
    store.writeWaves(
      Array.from({ length: chunkCount + 1 }, (_, i) =>
        waveSegment({ seq: i * 10, samples: Int16Array.of(i, i) }),
      ),
    );
    store.upsertAlarm(diskFullAlarm);
    store.flush();

    const dropped = log.entries.find(
      (e) => e.msg === 'store: dropped the oldest unsaved wave chunks',
    );
    expect(dropped?.fields).toMatchObject({ dropped: 5 });

    store.setSizeLimit(null);
    store.flush();
    store.close();

    const kept = station.inspect((db) =>
      db
        .prepare<[], { n: number; first: number }>(
          'SELECT count(*) AS n, min(seq) AS first FROM wave_chunks',
        )
        .get(),
    );
    // 10,000 kept from the failed attempts, plus the open chunk written at close.
    expect(kept).toEqual({ n: 10_001, first: 50 });
    expect(countRows('alarms')).toEqual({ n: 1 });
  });

  it('does not throw out of the end-of-turn commit', async () => {
    const store = station.open();
    const uncaught: unknown[] = [];
    const recordUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', recordUncaught);
    try {
      store.setSizeLimit(1);
      store.writeObservations(manyObservations(2_000));
      await nextTurn();
      await nextTurn();
    } finally {
      process.off('uncaughtException', recordUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});
