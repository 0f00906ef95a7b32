import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Retention,
  retentionPolicy,
  type RetentionStep,
} from '../../../electron/station/store/Retention.js';
import type {
  StoreProblem,
  StoreProblemCode,
} from '../../../electron/station/store/StationStore.js';
import { nextTurn, observation, TempStation, waveSegment } from './storeFixtures.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SPO2 = 150456;
/** A whole minute, so minute boundaries in the expectations are plain numbers. */
const NOW = 1_700_000_040_000;

let station: TempStation;

beforeEach(() => {
  station = new TempStation();
});

afterEach(() => {
  station.cleanUp();
});

const policy = retentionPolicy({ fullDisclosureHours: 96, numericsHours: 96, trendDays: 30 });

/** One-second wave chunks of `seconds` length starting at `t0`, 10 Hz. */
function waveSeconds(t0: number, seconds: number, seq0 = 0) {
  return Array.from({ length: seconds }, (_, i) =>
    waveSegment({
      sampleRate: 10,
      t0: t0 + i * 1000,
      seq: seq0 + i * 10,
      samples: Int16Array.from({ length: 10 }, (_, k) => k * i),
    }),
  );
}

function withWriter<T>(work: (db: Database.Database) => T): T {
  const db = new Database(station.file);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function stepUntilDone(retention: Retention, now: number): RetentionStep[] {
  const steps: RetentionStep[] = [];
  for (let i = 0; i < 1_000; i++) {
    const step = retention.step(now);
    steps.push(step);
    if (!step.more) return steps;
  }
  throw new Error('retention never caught up');
}

function count(table: string, where = '1'): number {
  return station.inspect(
    (db) =>
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get()!.n,
  );
}

describe('retention', () => {
  it('rolls each completed minute up into min, max and median, leaving out invalid values', async () => {
    const store = station.open();
    const minuteStart = NOW - 10 * MINUTE;
    store.writeObservations([
      observation({ time: minuteStart + 1_000, value: 91 }),
      observation({ time: minuteStart + 2_000, value: 97 }),
      observation({ time: minuteStart + 3_000, value: 95 }),
      observation({ time: minuteStart + 4_000, value: 20, status: 'invalid' }),
      observation({ time: minuteStart + 5_000, value: null }),
      observation({ time: minuteStart + MINUTE + 1_000, value: 99, demo: true }),
      // The current minute is still filling: it must wait.
      observation({ time: NOW + 1_000, value: 50 }),
    ]);
    await nextTurn();
    store.close();

    withWriter((db) => stepUntilDone(new Retention(db, policy), NOW + 20_000));

    const minutes = station.inspect((db) =>
      db
        .prepare(
          'SELECT bed, minute, code, median, min, max, count, demo FROM numeric_minutes ORDER BY minute',
        )
        .all(),
    );
    expect(minutes).toEqual([
      {
        bed: 'bed-1',
        minute: minuteStart,
        code: SPO2,
        median: 95,
        min: 91,
        max: 97,
        count: 3,
        demo: 0,
      },
      {
        bed: 'bed-1',
        minute: minuteStart + MINUTE,
        code: SPO2,
        median: 99,
        min: 99,
        max: 99,
        count: 1,
        demo: 1,
      },
    ]);
  });

  it('deletes full disclosure, numerics and summaries past their periods, in bounded steps', async () => {
    const store = station.open();
    store.writeWaves(waveSeconds(NOW - 97 * HOUR, 2_500));
    store.writeWaves(waveSeconds(NOW - HOUR, 30, 100_000));
    store.writeObservations(
      Array.from({ length: 300 }, (_, i) => observation({ time: NOW - 97 * HOUR + i * 1_000 })),
    );
    store.writeObservations([observation({ time: NOW - HOUR })]);
    await nextTurn();
    store.close();

    const steps = withWriter((db) => {
      db.prepare(
        `INSERT INTO numeric_minutes (bed, minute, code, unit, median, min, max, count, demo)
         VALUES ('bed-1', ?, 1, '%', 1, 1, 1, 1, 0)`,
      ).run(NOW - 31 * 24 * HOUR);
      return stepUntilDone(new Retention(db, policy), NOW);
    });

    expect(Math.max(...steps.map((s) => s.deletedWaveChunks))).toBe(1_000);
    expect(steps.reduce((n, s) => n + s.deletedWaveChunks, 0)).toBe(2_500);
    expect(count('wave_chunks')).toBe(30);
    expect(count('wave_chunks', `t0 < ${NOW - 96 * HOUR}`)).toBe(0);
    // Old numerics went only after their minutes were summarised.
    expect(count('observations')).toBe(1);
    expect(count('numeric_minutes', `minute < ${NOW - 96 * HOUR}`)).toBe(5);
    expect(count('numeric_minutes', `minute < ${NOW - 30 * 24 * HOUR}`)).toBe(0);
  });

  it('keeps the audit log append-only', async () => {
    station.open().close();
    withWriter((db) => {
      db.prepare(
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (1, 'a', 'export.csv', 'bed-1', '{}')",
      ).run();
      expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(
        'audit_log is append-only',
      );
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
    });
    expect(count('audit_log')).toBe(1);
  });
});

describe('store maintenance', () => {
  it('raises disk-low, prunes the oldest full disclosure but not the newest hour, and clears when space returns', async () => {
    const store = station.open();
    const problems: StoreProblem[] = [];
    const resolved: StoreProblemCode[] = [];
    store.onProblem((p) => problems.push(p));
    store.onProblemResolved((code) => resolved.push(code));
    store.writeWaves(waveSeconds(NOW - 3 * HOUR, 2_100));
    store.writeWaves(waveSeconds(NOW - HOUR + 60_000, 60, 100_000));
    store.flush();
    let freeBytes = 50 * 1_048_576;
    const maintenance = store.startMaintenance({
      dataDir: station.dataDir,
      policy,
      minFreeBytes: 100 * 1_048_576,
      readDiskSpace: async () => ({ freeBytes }),
      now: () => NOW,
    });

    await maintenance.checkDisk();
    expect(problems.map((p) => p.code)).toEqual(['store.disk-low']);
    expect(problems[0]?.message).toContain('50 MB free');
    while (maintenance.step()?.more);

    expect(count('wave_chunks', `t0 < ${NOW - HOUR}`)).toBe(0);
    expect(count('wave_chunks')).toBe(60);

    freeBytes = 500 * 1_048_576;
    await maintenance.checkDisk();
    expect(resolved).toEqual(['store.disk-low']);
  });

  it('reports housekeeping that fails and clears the report when it works again', () => {
    const store = station.open();
    const problems: StoreProblem[] = [];
    const resolved: StoreProblemCode[] = [];
    store.onProblem((p) => problems.push(p));
    store.onProblemResolved((code) => resolved.push(code));
    const maintenance = store.startMaintenance({
      dataDir: station.dataDir,
      policy,
      minFreeBytes: 1,
      now: () => NOW,
    });
    const link = {
      id: 'link-1',
      bed: 'bed-1',
      protocol: 'nonin',
      endpoint: 'tcp 127.0.0.1:4001',
      state: 'streaming' as const,
      lastError: null,
      demo: false,
      counters: {
        bytesIn: 10,
        bytesOut: 0,
        frames: 2,
        checksumErrors: 0,
        discardedBytes: 0,
        decodedSamples: 150,
        sampleGaps: 0,
        reconnects: 1,
        lastDataAt: NOW,
      },
    };

    store.setSizeLimit(1);
    const manyLinks = Array.from({ length: 5_000 }, () => link);
    maintenance.recordLinkCounters(manyLinks);
    maintenance.recordLinkCounters(manyLinks);
    expect(problems.map((p) => p.code)).toEqual(['store.maintenance-failed']);
    expect(problems[0]?.message).toContain('SQLITE_FULL');

    store.setSizeLimit(null);
    maintenance.recordLinkCounters([link]);
    expect(resolved).toEqual(['store.maintenance-failed']);
    expect(count('link_counters')).toBe(1);
  });
});
