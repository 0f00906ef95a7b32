/**
 * The review questions (trends, full disclosure, alarm history, link history, export reads) on
 * a second, read-only connection. In WAL mode a reader sees the last commit and never blocks the
 * writer, so a nurse scrolling back through days of waveforms costs ingest nothing but CPU.
 *
 * Every query is one bounded index range: a bed's codes are found by skipping through the
 * (bed, code, …) indexes rather than scanning them, and long trends read the one-minute
 * summaries instead of the native rows.
 */
import Database from 'better-sqlite3';
import {
  Alarm,
  type AlarmKind,
  type AlarmPriority,
  type DisclosurePage,
  type DisclosureWave,
  type LinkCounterSnapshot,
  type Trend,
  type TrendSeries,
} from '../../contract/domain.js';
import { Migrator } from './Migrator.js';
import { migrations } from './migrations/index.js';
import { summarize } from './NumericSummary.js';
import { MINUTE_MS, ROLLED_UP_TO } from './Retention.js';
import type { StoreLog } from './StationStore.js';
import { decodeWaveSamples } from './waveCodec.js';

export interface TrendQuery {
  bed: string;
  from: number;
  to: number;
  bucketMs: number;
  codes?: readonly number[] | undefined;
}

export interface AlarmHistoryQuery {
  bed?: string | undefined;
  priorities?: readonly AlarmPriority[] | undefined;
  kind?: AlarmKind | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
}

export interface LinkCounterQuery {
  link?: string | undefined;
  from: number;
  to: number;
  limit: number;
}

export interface StoredObservation {
  time: number;
  code: number;
  value: number | null;
  unit: string;
  status: string;
  device: string;
  demo: boolean;
}

/** One sample format a wave of a bed was stored in. */
export interface StoredWaveFormat {
  code: number;
  sampleRate: number;
  scale: number;
  offset: number;
  unit: string;
  demo: boolean;
}

export interface StoredWaveChunk {
  device: string;
  code: number;
  sampleRate: number;
  t0: number;
  seq: number;
  scale: number;
  offset: number;
  unit: string;
  demo: boolean;
  samples: Int16Array;
}

/** A chunk holds a second or two; this bounds how far before a window one can start. */
const LONGEST_CHUNK_MS = 30_000;

const BUSY_TIMEOUT_MS = 5_000;

interface ChunkRow {
  device: string;
  code: number;
  sample_rate: number;
  t0: number;
  seq: number;
  sample_count: number;
  scale: number;
  offset: number;
  unit: string;
  demo: number;
  codec: string;
  data: Buffer;
}

interface AlarmRow {
  id: string;
  bed: string | null;
  source: string;
  code: string;
  text: string;
  priority: string;
  kind: string;
  state: string;
  startedAt: number;
  endedAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

interface LinkCounterRow {
  link: string;
  bed: string;
  time: number;
  state: string;
  bytesIn: number;
  bytesOut: number;
  frames: number;
  checksumErrors: number;
  discardedBytes: number;
  decodedSamples: number;
  sampleGaps: number;
  reconnects: number;
}

/** The distinct codes of one bed, by hopping through an index that starts (bed, code, …). */
function distinctCodesSql(table: string): string {
  return `
    WITH RECURSIVE next_code(code) AS (
      SELECT min(code) FROM ${table} WHERE bed = @bed
      UNION ALL
      SELECT (SELECT min(code) FROM ${table} WHERE bed = @bed AND code > next_code.code)
      FROM next_code WHERE next_code.code IS NOT NULL
    )
    SELECT code FROM next_code WHERE code IS NOT NULL`;
}

function prepareStatements(db: Database.Database) {
  return {
    rolledUpTo: db.prepare<[string], { value: number }>(
      'SELECT value FROM maintenance_marks WHERE name = ?',
    ),
    observationCodes: db.prepare<{ bed: string }, { code: number }>(
      distinctCodesSql('observations'),
    ),
    waveCodes: db.prepare<{ bed: string }, { code: number }>(distinctCodesSql('wave_chunks')),
    observations: db.prepare<[string, number, number, number], StoredObservationRow>(
      `SELECT time, code, value, unit, status, device, demo FROM observations
       WHERE bed = ? AND code = ? AND time >= ? AND time < ? ORDER BY time, id`,
    ),
    minuteColumns: db.prepare<RangeParams, SeriesColumnsRow>(
      `SELECT code, max(unit) AS unit, max(demo) AS demo, group_concat(minute) AS times,
              group_concat(median) AS medians, group_concat(min) AS mins,
              group_concat(max) AS maxes, group_concat(count) AS counts
       FROM numeric_minutes WHERE bed = @bed AND minute >= @from AND minute < @to
       GROUP BY code`,
    ),
    nativeColumns: db.prepare<RangeParams & { code: number }, SeriesColumnsRow>(
      `SELECT @code AS code, max(unit) AS unit, max(demo) AS demo, group_concat(time) AS times,
              group_concat(value) AS medians, NULL AS mins, NULL AS maxes, NULL AS counts
       FROM observations
       WHERE bed = @bed AND code = @code AND time >= @from AND time < @to
         AND value IS NOT NULL AND status <> 'invalid'
       HAVING count(*) > 0`,
    ),
    chunks: db.prepare<[string, number, number, number], ChunkRow>(
      `SELECT device, code, sample_rate, t0, seq, sample_count, scale, "offset", unit, demo,
              codec, data
       FROM wave_chunks WHERE bed = ? AND code = ? AND t0 >= ? AND t0 < ? ORDER BY t0, seq`,
    ),
    waveFormats: db.prepare<
      [string, number, number, number],
      { sampleRate: number; scale: number; offset: number; unit: string; demo: number }
    >(
      `SELECT sample_rate AS sampleRate, scale, "offset" AS offset, unit, max(demo) AS demo
       FROM wave_chunks WHERE bed = ? AND code = ? AND t0 >= ? AND t0 < ?
       GROUP BY sample_rate, scale, "offset", unit`,
    ),
    linkCounters: db.prepare<
      { link: string | null; from: number; to: number; limit: number },
      LinkCounterRow
    >(
      `SELECT link, bed, time, state, bytes_in AS bytesIn, bytes_out AS bytesOut, frames,
              checksum_errors AS checksumErrors, discarded_bytes AS discardedBytes,
              decoded_samples AS decodedSamples, sample_gaps AS sampleGaps, reconnects
       FROM link_counters
       WHERE (@link IS NULL OR link = @link) AND time >= @from AND time < @to
       ORDER BY time DESC LIMIT @limit`,
    ),
  };
}

interface StoredObservationRow {
  time: number;
  code: number;
  value: number | null;
  unit: string;
  status: string;
  device: string;
  demo: number;
}

interface RangeParams {
  bed: string;
  from: number;
  to: number;
}

/**
 * One parameter's rows as comma-separated columns. On these machines every row that crosses
 * into JavaScript costs about a microsecond, and a 24-hour trend in one-minute buckets is
 * 11,000 rows; as five strings per parameter it costs a few milliseconds. Native rows carry
 * their values in `medians` and no min/max/count (each is its own).
 */
interface SeriesColumnsRow {
  code: number;
  unit: string;
  demo: number;
  times: string;
  medians: string;
  mins: string | null;
  maxes: string | null;
  counts: string | null;
}

export interface StoreQueriesOptions {
  log: StoreLog;
  nativeBinding?: string | null;
}

export class StoreQueries {
  private readonly statements: ReturnType<typeof prepareStatements>;

  private constructor(
    private readonly db: Database.Database,
    private readonly log: StoreLog,
  ) {
    this.statements = prepareStatements(db);
  }

  /** Opens the station database for reading only; refuses one written by a newer station. */
  static open(file: string, options: StoreQueriesOptions): StoreQueries {
    const db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      new Migrator(migrations, options.log).refuseNewer(db, file);
      return new StoreQueries(db, options.log);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  /**
   * Min/max/median per bucket for each parameter of a bed. Buckets are aligned to multiples of
   * bucketMs. Whole-minute buckets come from the one-minute summaries up to where the roll-up
   * has reached, and from native rows after that; such a bucket's median is the median of its
   * minutes' medians (its min and max are exact).
   */
  trend(query: TrendQuery): Trend {
    const { bed, from, to, bucketMs } = query;
    const first = Math.floor(from / bucketMs) * bucketMs;
    const wanted = query.codes ? new Set(query.codes) : null;
    const builder = new TrendBuilder(first, bucketMs);
    const rolledUpTo = this.statements.rolledUpTo.get(ROLLED_UP_TO)?.value ?? null;
    const minutesFit = bucketMs % MINUTE_MS === 0 && rolledUpTo !== null;
    const nativeFrom = minutesFit ? Math.max(first, Math.min(rolledUpTo, to)) : first;
    if (minutesFit && nativeFrom > first) {
      for (const row of this.statements.minuteColumns.all({ bed, from: first, to: nativeFrom })) {
        if (!wanted || wanted.has(row.code)) builder.add(row);
      }
    }
    if (nativeFrom < to) {
      for (const { code } of this.statements.observationCodes.all({ bed })) {
        if (wanted && !wanted.has(code)) continue;
        const row = this.statements.nativeColumns.get({ bed, code, from: nativeFrom, to });
        if (row) builder.add(row);
      }
    }
    return { bed, from, to, bucketMs, series: builder.series() };
  }

  /** Every wave of a bed from `from` to `to`, cut to the window, split at gaps. */
  disclosurePage(bed: string, from: number, to: number): DisclosurePage {
    const waves = new Map<string, DisclosureWave>();
    for (const chunk of this.waveChunks(bed, from, to)) {
      const cut = cutToWindow(chunk, from, to);
      if (!cut) continue;
      const key = JSON.stringify([
        chunk.code,
        chunk.device,
        chunk.sampleRate,
        chunk.scale,
        chunk.offset,
        chunk.unit,
      ]);
      let wave = waves.get(key);
      if (!wave) {
        const { code, device, sampleRate, scale, offset, unit, demo } = chunk;
        wave = { code, device, sampleRate, scale, offset, unit, demo, segments: [] };
        waves.set(key, wave);
      }
      const last = wave.segments.at(-1);
      const expectedT0 = last ? last.t0 + (last.samples.length * 1000) / chunk.sampleRate : NaN;
      // Chunks are consecutive when the next starts where the last ended, within half a sample.
      if (last && Math.abs(cut.t0 - expectedT0) < 500 / chunk.sampleRate) {
        for (const sample of cut.samples) last.samples.push(sample);
      } else {
        wave.segments.push({ t0: cut.t0, samples: Array.from(cut.samples) });
      }
    }
    return { bed, from, to, waves: [...waves.values()].sort((a, b) => a.code - b.code) };
  }

  /** Decoded wave chunks of a bed that overlap [from, to), per code, in time order. */
  waveChunks(bed: string, from: number, to: number): StoredWaveChunk[] {
    const chunks: StoredWaveChunk[] = [];
    for (const { code } of this.statements.waveCodes.all({ bed })) {
      for (const row of this.statements.chunks.all(bed, code, from - LONGEST_CHUNK_MS, to)) {
        // Only chunks that reach into the window are worth decoding.
        if (row.t0 + (row.sample_count * 1000) / row.sample_rate <= from) continue;
        const chunk = this.decodeChunk(row);
        if (chunk) chunks.push(chunk);
      }
    }
    return chunks;
  }

  /** The sample formats of a bed's waves with chunks starting in [from, to). */
  waveFormats(bed: string, from: number, to: number): StoredWaveFormat[] {
    return this.statements.waveCodes
      .all({ bed })
      .flatMap(({ code }) =>
        this.statements.waveFormats
          .all(bed, code, from - LONGEST_CHUNK_MS, to)
          .map((row) => ({ ...row, code, demo: row.demo === 1 })),
      );
  }

  /** A bed's observations in [from, to), in time order (then code). */
  observations(bed: string, from: number, to: number): StoredObservation[] {
    const rows: StoredObservation[] = [];
    for (const { code } of this.statements.observationCodes.all({ bed })) {
      for (const row of this.statements.observations.all(bed, code, from, to)) {
        rows.push({ ...row, demo: row.demo === 1 });
      }
    }
    return rows.sort((a, b) => a.time - b.time || a.code - b.code);
  }

  /** Alarms that overlap the time range, newest first. */
  alarmHistory(query: AlarmHistoryQuery): Alarm[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: query.limit };
    if (query.bed !== undefined) {
      where.push('a.bed = @bed');
      params['bed'] = query.bed;
    }
    if (query.kind !== undefined) {
      where.push('a.kind = @kind');
      params['kind'] = query.kind;
    }
    if (query.priorities && query.priorities.length > 0) {
      const names = query.priorities.map((priority, i) => {
        params[`priority${i}`] = priority;
        return `@priority${i}`;
      });
      where.push(`a.priority IN (${names.join(', ')})`);
    }
    if (query.to !== undefined) {
      where.push('a.started_at < @to');
      params['to'] = query.to;
    }
    if (query.from !== undefined) {
      where.push('(a.ended_at IS NULL OR a.ended_at >= @from)');
      params['from'] = query.from;
    }
    const rows = this.db
      .prepare<Record<string, string | number>, AlarmRow>(
        `SELECT a.id, a.bed, a.source, a.code, a.text, a.priority, a.kind, a.state,
                a.started_at AS startedAt, a.ended_at AS endedAt,
                ack.at AS acknowledgedAt, ack.actor AS acknowledgedBy
         FROM alarms AS a
         LEFT JOIN alarm_actions AS ack ON ack.id = (
           SELECT id FROM alarm_actions
           WHERE alarm_id = a.id AND action = 'acknowledged' ORDER BY at DESC LIMIT 1)
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.started_at DESC LIMIT @limit`,
      )
      .all(params);
    return rows.flatMap((row) => {
      const parsed = Alarm.safeParse(row);
      if (parsed.success) return [parsed.data];
      this.log.warn('store: stored alarm does not fit the domain; left out', { id: row.id });
      return [];
    });
  }

  linkCounters(query: LinkCounterQuery): LinkCounterSnapshot[] {
    const { from, to, limit } = query;
    const rows = this.statements.linkCounters.all({ link: query.link ?? null, from, to, limit });
    return rows.map(({ link, bed, time, state, ...counters }) => ({
      link,
      bed,
      time,
      state: state as LinkCounterSnapshot['state'],
      counters,
    }));
  }

  private decodeChunk(row: ChunkRow): StoredWaveChunk | null {
    let samples: Int16Array;
    try {
      samples = decodeWaveSamples(row.codec, row.data);
    } catch (error) {
      // One damaged chunk must not hide the rest of a page; it shows as a gap.
      this.log.error('store: wave chunk cannot be decoded; shown as a gap', {
        code: row.code,
        t0: row.t0,
        reason: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
    return {
      device: row.device,
      code: row.code,
      sampleRate: row.sample_rate,
      t0: row.t0,
      seq: row.seq,
      scale: row.scale,
      offset: row.offset,
      unit: row.unit,
      demo: row.demo === 1,
      samples,
    };
  }
}

/** The samples of a chunk whose times fall in [from, to), and the time of the first. */
export function cutToWindow(
  chunk: StoredWaveChunk,
  from: number,
  to: number,
): { t0: number; samples: Int16Array } | null {
  const periodMs = 1000 / chunk.sampleRate;
  const start = Math.max(0, Math.ceil((from - chunk.t0) / periodMs - 1e-9));
  const end = Math.min(chunk.samples.length, Math.ceil((to - chunk.t0) / periodMs - 1e-9));
  if (end <= start) return null;
  return { t0: chunk.t0 + start * periodMs, samples: chunk.samples.subarray(start, end) };
}

interface BucketValues {
  min: number;
  max: number;
  count: number;
  /** Native values, or minute medians. */
  medians: number[];
}

function numbers(columns: string): number[] {
  return columns.split(',').map(Number);
}

/** Gathers native values and one-minute summaries into buckets, per code. */
class TrendBuilder {
  private readonly codes = new Map<
    number,
    { unit: string; demo: boolean; buckets: Map<number, BucketValues> }
  >();

  constructor(
    private readonly first: number,
    private readonly bucketMs: number,
  ) {}

  add(row: SeriesColumnsRow): void {
    let perCode = this.codes.get(row.code);
    if (!perCode) {
      perCode = { unit: row.unit, demo: false, buckets: new Map() };
      this.codes.set(row.code, perCode);
    }
    perCode.demo ||= row.demo === 1;
    const times = numbers(row.times);
    const medians = numbers(row.medians);
    const mins = row.mins === null ? medians : numbers(row.mins);
    const maxes = row.maxes === null ? medians : numbers(row.maxes);
    const counts = row.counts === null ? null : numbers(row.counts);
    for (let i = 0; i < times.length; i++) {
      const t = this.first + Math.floor((times[i]! - this.first) / this.bucketMs) * this.bucketMs;
      const count = counts ? counts[i]! : 1;
      const bucket = perCode.buckets.get(t);
      if (!bucket) {
        perCode.buckets.set(t, { min: mins[i]!, max: maxes[i]!, count, medians: [medians[i]!] });
        continue;
      }
      bucket.min = Math.min(bucket.min, mins[i]!);
      bucket.max = Math.max(bucket.max, maxes[i]!);
      bucket.count += count;
      bucket.medians.push(medians[i]!);
    }
  }

  series(): TrendSeries[] {
    return [...this.codes.entries()]
      .sort(([a], [b]) => a - b)
      .map(([code, { unit, demo, buckets }]) => ({
        code,
        unit,
        demo,
        buckets: [...buckets.entries()]
          .sort(([a], [b]) => a - b)
          .map(([t, b]) => ({
            t,
            min: b.min,
            max: b.max,
            median: b.medians.length === 1 ? b.medians[0]! : (summarize(b.medians)?.median ?? NaN),
            count: b.count,
          })),
      }));
  }
}
