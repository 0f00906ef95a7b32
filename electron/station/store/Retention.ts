/**
 * How long the station keeps what, and the work that keeps it so: rolling completed minutes of
 * numerics up into one-minute summaries (the 30-day trend), then deleting what has aged out.
 *
 * Every step is one short transaction with bounded DELETEs, run on the writer connection between
 * group commits, so ingest never waits behind a long purge; a step that had more to do says so
 * and the scheduler runs the next one soon.
 */
import type Database from 'better-sqlite3';
import { summarize } from './NumericSummary.js';

export interface RetentionPolicy {
  fullDisclosureMs: number;
  numericsMs: number;
  /** One-minute summaries and link-counter snapshots. */
  trendMs: number;
}

export interface RetentionSettings {
  fullDisclosureHours: number;
  numericsHours: number;
  trendDays: number;
}

const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export function retentionPolicy(settings: RetentionSettings): RetentionPolicy {
  return {
    fullDisclosureMs: settings.fullDisclosureHours * HOUR_MS,
    numericsMs: settings.numericsHours * HOUR_MS,
    trendMs: settings.trendDays * 24 * HOUR_MS,
  };
}

/** Per step: about 1,000 s of one wave and 5,000 numerics, a few ms of work each. */
const WAVE_CHUNKS_PER_STEP = 1_000;
const ROWS_PER_STEP = 5_000;
/** A minute is summarised once devices catching up after a short stall are likely in. */
const ROLLUP_GRACE_MS = 15_000;
/** maintenance_marks row: numerics before this time are summarised in numeric_minutes. */
export const ROLLED_UP_TO = 'numeric-minutes-rolled-up-to';

export interface RetentionStep {
  rolledUpMinutes: number;
  deletedWaveChunks: number;
  deletedObservations: number;
  deletedMinutes: number;
  deletedLinkCounters: number;
  /** Something was left over: the next step should follow soon. */
  more: boolean;
}

interface ObservationValueRow {
  bed: string;
  code: number;
  unit: string;
  value: number;
  demo: number;
}

function prepareStatements(db: Database.Database) {
  return {
    mark: db.prepare<[string], { value: number }>(
      'SELECT value FROM maintenance_marks WHERE name = ?',
    ),
    setMark: db.prepare<[string, number]>(
      'INSERT INTO maintenance_marks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    ),
    firstObservationFrom: db.prepare<[number], { time: number | null }>(
      'SELECT min(time) AS time FROM observations WHERE time >= ?',
    ),
    minuteValues: db.prepare<[number, number], ObservationValueRow>(
      `SELECT bed, code, unit, value, demo FROM observations
       WHERE time >= ? AND time < ? AND value IS NOT NULL AND status <> 'invalid'`,
    ),
    insertMinute: db.prepare(
      `INSERT OR REPLACE INTO numeric_minutes
         (bed, minute, code, unit, median, min, max, count, demo)
       VALUES (@bed, @minute, @code, @unit, @median, @min, @max, @count, @demo)`,
    ),
    deleteWaveChunks: db.prepare<[number, number]>(
      'DELETE FROM wave_chunks WHERE id IN (SELECT id FROM wave_chunks WHERE t0 < ? LIMIT ?)',
    ),
    deleteOldestWaveChunks: db.prepare<[number, number]>(
      'DELETE FROM wave_chunks WHERE id IN (SELECT id FROM wave_chunks WHERE t0 < ? ORDER BY t0 LIMIT ?)',
    ),
    deleteObservations: db.prepare<[number, number]>(
      'DELETE FROM observations WHERE id IN (SELECT id FROM observations WHERE time < ? LIMIT ?)',
    ),
    deleteMinutes: db.prepare<[number, number]>(
      `DELETE FROM numeric_minutes WHERE (bed, minute, code) IN
         (SELECT bed, minute, code FROM numeric_minutes WHERE minute < ? LIMIT ?)`,
    ),
    deleteLinkCounters: db.prepare<[number, number]>(
      'DELETE FROM link_counters WHERE id IN (SELECT id FROM link_counters WHERE time < ? LIMIT ?)',
    ),
  };
}

type RetentionStatements = ReturnType<typeof prepareStatements>;

export class Retention {
  private readonly runStep: (now: number) => RetentionStep;
  private readonly statements: RetentionStatements;

  constructor(
    db: Database.Database,
    private readonly policy: RetentionPolicy,
  ) {
    this.statements = prepareStatements(db);
    this.runStep = db.transaction((now: number) => this.stepInTransaction(now));
  }

  /** One bounded unit of roll-up and pruning, in its own transaction. */
  step(now: number): RetentionStep {
    return this.runStep(now);
  }

  /** Up to the time the minute roll-up has reached; trends read later times from raw rows. */
  rolledUpTo(): number | null {
    return this.statements.mark.get(ROLLED_UP_TO)?.value ?? null;
  }

  /**
   * Disk pressure: deletes up to `limit` of the oldest wave chunks, but none newer than
   * `keepAfter`, whatever the retention period says. Returns how many went.
   */
  pruneOldestWaves(keepAfter: number, limit: number): number {
    return this.statements.deleteOldestWaveChunks.run(keepAfter, limit).changes;
  }

  private stepInTransaction(now: number): RetentionStep {
    const { policy, statements } = this;
    const rolled = this.rollUpNextMinute(now);
    // Raw numerics go only once their minute is summarised, even if that is past retention.
    const rolledUpTo = this.rolledUpTo() ?? Number.NEGATIVE_INFINITY;
    const numericsCutoff = Math.min(now - policy.numericsMs, rolledUpTo);
    const deletedWaveChunks = statements.deleteWaveChunks.run(
      now - policy.fullDisclosureMs,
      WAVE_CHUNKS_PER_STEP,
    ).changes;
    const deletedObservations = statements.deleteObservations.run(
      numericsCutoff,
      ROWS_PER_STEP,
    ).changes;
    const deletedMinutes = statements.deleteMinutes.run(
      now - policy.trendMs,
      ROWS_PER_STEP,
    ).changes;
    const deletedLinkCounters = statements.deleteLinkCounters.run(
      now - policy.trendMs,
      ROWS_PER_STEP,
    ).changes;
    return {
      rolledUpMinutes: rolled.minutes,
      deletedWaveChunks,
      deletedObservations,
      deletedMinutes,
      deletedLinkCounters,
      more:
        rolled.more ||
        deletedWaveChunks === WAVE_CHUNKS_PER_STEP ||
        deletedObservations === ROWS_PER_STEP ||
        deletedMinutes === ROWS_PER_STEP ||
        deletedLinkCounters === ROWS_PER_STEP,
    };
  }

  /**
   * Summarises the next completed minute that has numerics, skipping empty stretches (a
   * station that was off) in one jump.
   */
  private rollUpNextMinute(now: number): { minutes: number; more: boolean } {
    const { statements } = this;
    const completeBefore = floorToMinute(now - ROLLUP_GRACE_MS);
    const from = this.rolledUpTo() ?? Number.NEGATIVE_INFINITY;
    const first = statements.firstObservationFrom.get(from)?.time ?? null;
    if (first === null || first >= completeBefore) {
      if (completeBefore > from) statements.setMark.run(ROLLED_UP_TO, completeBefore);
      return { minutes: 0, more: false };
    }
    const minute = floorToMinute(first);
    const rows = statements.minuteValues.all(minute, minute + MINUTE_MS);
    for (const summary of summarizeMinute(minute, rows)) statements.insertMinute.run(summary);
    statements.setMark.run(ROLLED_UP_TO, minute + MINUTE_MS);
    return { minutes: 1, more: minute + MINUTE_MS < completeBefore };
  }
}

export function floorToMinute(time: number): number {
  return Math.floor(time / MINUTE_MS) * MINUTE_MS;
}

interface MinuteSummary {
  bed: string;
  minute: number;
  code: number;
  unit: string;
  median: number;
  min: number;
  max: number;
  count: number;
  demo: number;
}

/** Pure: one minute's valid values → one summary per (bed, code). */
export function summarizeMinute(
  minute: number,
  rows: readonly ObservationValueRow[],
): MinuteSummary[] {
  const groups = new Map<string, { first: ObservationValueRow; values: number[]; demo: boolean }>();
  for (const row of rows) {
    const key = `${row.bed}\u0000${row.code}`;
    const group = groups.get(key);
    if (group) {
      group.values.push(row.value);
      group.demo ||= row.demo === 1;
    } else {
      groups.set(key, { first: row, values: [row.value], demo: row.demo === 1 });
    }
  }
  const summaries: MinuteSummary[] = [];
  for (const { first, values, demo } of groups.values()) {
    const summary = summarize(values);
    if (!summary) continue;
    summaries.push({
      bed: first.bed,
      minute,
      code: first.code,
      unit: first.unit,
      ...summary,
      demo: demo ? 1 : 0,
    });
  }
  return summaries;
}
