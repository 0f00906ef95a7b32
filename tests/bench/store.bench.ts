/**
 * The store under a full unit: 32 beds × (ECG 500 Hz + pleth 125 Hz + resp 62.5 Hz + ABP
 * 125 Hz) + 8 numerics a second.
 *
 * 1. One simulated hour through the real StationStore as fast as it goes (device frames of
 *    250 ms, one group commit per simulated second): throughput as a multiple of real time,
 *    and bytes on disk per bed-hour.
 * 2. The codec on the same signals against gzip level 6, chunk by chunk as the store keeps them.
 * 3. A 96 h × 32-bed database generated quickly — NOT through the store: pre-encoded real
 *    chunks bulk-inserted by SQL in time order (as ingest writes them), one-minute summaries
 *    for all 96 h, native numerics for the last hour only (the trend reads native rows only past
 *    the roll-up mark) — and the review queries timed on it through StoreQueries.
 *
 * STORE_BENCH_HOURS=N generates N hours instead of 96, for a quick look.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Migrator } from '../../electron/station/store/Migrator.js';
import { migrations } from '../../electron/station/store/migrations/index.js';
import { ROLLED_UP_TO } from '../../electron/station/store/Retention.js';
import { decodeWaveform, encodeWaveform } from '../../electron/station/store/RiceWaveformCodec.js';
import { DATABASE_FILE_NAME, StationStore } from '../../electron/station/store/StationStore.js';
import { StoreQueries } from '../../electron/station/store/StoreQueries.js';
import { percentile, type Benchmark, type BenchRow } from './BenchTable.js';
import {
  BENCH_NUMERIC_CODES,
  BENCH_WAVES,
  bedSecondNumerics,
  bedSecondWaves,
  loadBenchEcg,
  waveSamples,
  type BenchWave,
} from './support/wardSignals.js';

const BEDS = 32;
const HOUR_S = 3_600;
const FRAMES_PER_SECOND = 4;
const REVIEW_HOURS = Number(process.env['STORE_BENCH_HOURS'] ?? '96');
const START = Date.UTC(2026, 0, 5);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function row(
  fields: Omit<BenchRow, 'baseline' | 'baselineLabel' | 'ratio'> & Partial<BenchRow>,
): BenchRow {
  return { baseline: null, baselineLabel: '-', ratio: null, ...fields };
}

async function ingestOneHour(dir: string, ecg: Int16Array): Promise<BenchRow[]> {
  const store = StationStore.open({ dataDir: dir, log: quiet });
  const began = performance.now();
  for (let second = 0; second < HOUR_S; second++) {
    const time = START + second * 1000;
    for (let bed = 0; bed < BEDS; bed++) {
      store.writeWaves(bedSecondWaves(ecg, bed, second, START, FRAMES_PER_SECOND));
      store.writeObservations(bedSecondNumerics(bed, second, time));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  store.close();
  const seconds = (performance.now() - began) / 1000;
  const speed = HOUR_S / seconds;
  const bytesPerBedHour = statSync(join(dir, DATABASE_FILE_NAME)).size / BEDS;
  const rawPerBedHour = BENCH_WAVES.reduce((n, w) => n + w.rate * 2 * HOUR_S, 0);
  return [
    row({
      name: 'store ingest, 32 beds, 1 simulated hour',
      figure: speed,
      unit: 'x real time',
      target: '>= 50x',
      met: speed >= 50,
    }),
    row({
      name: 'store bytes on disk per bed-hour (waves + numerics)',
      figure: bytesPerBedHour / 1e6,
      unit: 'MB',
      target: 'report',
      met: true,
      baseline: rawPerBedHour / 1e6,
      baselineLabel: 'raw int16 waves alone',
      ratio: rawPerBedHour / bytesPerBedHour,
    }),
  ];
}

/** Seconds of each wave, as the store chunks them (one chunk a second). */
function chunksOf(ecg: Int16Array, wave: BenchWave): Int16Array[] {
  const seconds = wave.code === BENCH_WAVES[0]!.code ? Math.floor(ecg.length / 500) : 120;
  return Array.from({ length: seconds }, (_, s) => waveSamples(ecg, wave, 0, s));
}

function mbPerSecond(inputBytes: number, work: () => void): number {
  work();
  let rounds = 0;
  const began = performance.now();
  while (performance.now() - began < 1_000) {
    work();
    rounds++;
  }
  return (inputBytes * rounds) / 1e6 / ((performance.now() - began) / 1000);
}

function codecFigures(ecg: Int16Array): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const wave of BENCH_WAVES) {
    const chunks = chunksOf(ecg, wave);
    const raw = chunks.reduce((n, c) => n + c.byteLength, 0);
    const rice = chunks.map((c) => encodeWaveform(c));
    const gzip = chunks.map((c) => gzipSync(new Uint8Array(c.buffer), { level: 6 }));
    const riceBytes = rice.reduce((n, c) => n + c.byteLength, 0);
    const gzipBytes = gzip.reduce((n, c) => n + c.byteLength, 0);
    rows.push(
      row({
        name: `codec ratio, ${wave.label}, 1 s chunks`,
        figure: raw / riceBytes,
        unit: 'x',
        target: wave.code === BENCH_WAVES[0]!.code ? '>= 3x' : 'report',
        met: wave.code !== BENCH_WAVES[0]!.code || raw / riceBytes >= 3,
        baseline: raw / gzipBytes,
        baselineLabel: 'gzip -6, same chunks',
        ratio: gzipBytes / riceBytes,
      }),
    );
    if (wave.code !== BENCH_WAVES[0]!.code) continue;
    const encode = mbPerSecond(raw, () => chunks.forEach((c) => encodeWaveform(c)));
    const gzipEncode = mbPerSecond(raw, () =>
      chunks.forEach((c) => gzipSync(new Uint8Array(c.buffer), { level: 6 })),
    );
    const decode = mbPerSecond(raw, () => rice.forEach((c) => decodeWaveform(c)));
    const gzipDecode = mbPerSecond(raw, () => gzip.forEach((c) => gunzipSync(c)));
    rows.push(
      row({
        name: `codec encode, ${wave.label}`,
        figure: encode,
        unit: 'MB/s int16 in',
        target: '>= 50',
        met: encode >= 50,
        baseline: gzipEncode,
        baselineLabel: 'gzip -6',
        ratio: encode / gzipEncode,
      }),
      row({
        name: `codec decode, ${wave.label}`,
        figure: decode,
        unit: 'MB/s int16 out',
        target: '>= 100',
        met: decode >= 100,
        baseline: gzipDecode,
        baselineLabel: 'gunzip',
        ratio: decode / gzipDecode,
      }),
    );
  }
  return rows;
}

/** Distinct real chunks per wave, cycled through the generated database. */
const BLOB_VARIANTS = 64;

function generateReviewDatabase(dir: string, ecg: Int16Array): { file: string; end: number } {
  const file = join(dir, DATABASE_FILE_NAME);
  const db = new Database(file);
  const end = START + REVIEW_HOURS * HOUR_S * 1000;
  try {
    // Bulk load: no journal, no fsync; indexes are rebuilt after the rows are in.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    db.pragma('temp_store = MEMORY');
    new Migrator(migrations, quiet).migrate(db, file);
    const indexes = db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_schema
         WHERE type = 'index' AND tbl_name IN ('wave_chunks', 'observations') AND sql IS NOT NULL`,
      )
      .all();
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    db.exec(`CREATE TEMP TABLE blobs (k INTEGER, code INTEGER, rate REAL, scale REAL, unit TEXT,
      count INTEGER, data BLOB)`);
    const insertBlob = db.prepare('INSERT INTO blobs VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const wave of BENCH_WAVES) {
      for (let k = 0; k < BLOB_VARIANTS; k++) {
        const samples = waveSamples(ecg, wave, k, k);
        const data = encodeWaveform(samples);
        insertBlob.run(k, wave.code, wave.rate, wave.scale, wave.unit, samples.length, data);
      }
    }
    db.exec(`CREATE TEMP TABLE beds AS
      WITH RECURSIVE b(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM b WHERE n < ${BEDS})
      SELECT n FROM b`);
    // One hour per transaction, seconds in time order, every bed and wave within a second.
    const insertHour = db.prepare<{ start: number; first: number }>(`
      WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${HOUR_S - 1})
      INSERT INTO wave_chunks
        (bed, device, code, sample_rate, t0, seq, sample_count, scale, "offset", unit, demo, codec, data)
      SELECT 'bed-' || beds.n, 'bed-' || beds.n || '/monitor', blobs.code, blobs.rate,
             @start + (@first + s.i) * 1000, CAST((@first + s.i) * blobs.rate AS INTEGER), blobs.count,
             blobs.scale, 0, blobs.unit, 0, 'rice1', blobs.data
      FROM s, beds JOIN blobs ON blobs.k = (s.i + beds.n) % ${BLOB_VARIANTS}`);
    for (let hour = 0; hour < REVIEW_HOURS; hour++) {
      db.transaction(() => insertHour.run({ start: START, first: hour * HOUR_S }))();
    }
    const codes = JSON.stringify(BENCH_NUMERIC_CODES);
    db.prepare(
      `WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < ?)
       INSERT INTO numeric_minutes (bed, minute, code, unit, median, min, max, count, demo)
       SELECT 'bed-' || beds.n, ? + m.i * 60000, c.value, '1', 60 + (m.i % 40), 50 + (m.i % 40),
              70 + (m.i % 40), 60, 0
       FROM m, beds, json_each(?) AS c`,
    ).run(REVIEW_HOURS * 60 - 2, START, codes);
    db.prepare('INSERT INTO maintenance_marks (name, value) VALUES (?, ?)').run(
      ROLLED_UP_TO,
      end - 60_000,
    );
    db.prepare(
      `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${HOUR_S - 1})
       INSERT INTO observations (bed, device, code, value, unit, time, status, demo)
       SELECT 'bed-' || beds.n, 'monitor', c.value, 50 + (s.i % 50), '1', ? + s.i * 1000,
              'valid', 0
       FROM s, beds, json_each(?) AS c`,
    ).run(end - HOUR_S * 1000, codes);
    for (const index of indexes) db.exec(index.sql);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  return { file, end };
}

function time<T>(work: () => T): number {
  const began = performance.now();
  work();
  return performance.now() - began;
}

async function reviewQueries(dir: string, ecg: Int16Array): Promise<BenchRow[]> {
  const began = performance.now();
  const { file, end } = generateReviewDatabase(dir, ecg);
  const generateSeconds = (performance.now() - began) / 1000;
  const sizeGb = statSync(file).size / 1e9;
  const queries = StoreQueries.open(file, { log: quiet });
  try {
    const trendTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const bed = `bed-${(i % BEDS) + 1}`;
      trendTimes.push(
        time(() =>
          queries.trend({ bed, from: end - 24 * HOUR_S * 1000, to: end, bucketMs: 60_000 }),
        ),
      );
    }
    const pageTimes: number[] = [];
    let pageSamples = 0;
    for (let i = 0; i < 100; i++) {
      // Anywhere in the 96 h, any bed: mostly pages the OS has not cached for this bed.
      const at = START + Math.floor(Math.random() * (end - START - 10_000));
      const bed = `bed-${1 + Math.floor(Math.random() * BEDS)}`;
      pageTimes.push(
        time(() => {
          const page = queries.disclosurePage(bed, at, at + 10_000);
          pageSamples = page.waves.reduce(
            (n, w) => n + w.segments.reduce((m, s) => m + s.samples.length, 0),
            pageSamples,
          );
        }),
      );
    }
    trendTimes.sort((a, b) => a - b);
    pageTimes.sort((a, b) => a - b);
    const trend95 = percentile(trendTimes, 95);
    const page95 = percentile(pageTimes, 95);
    const expectedPageSamples = 100 * 10 * BENCH_WAVES.reduce((n, w) => n + w.rate, 0);
    return [
      row({
        name: `review db generated: ${REVIEW_HOURS} h × 32 beds (bulk SQL, not the store)`,
        figure: generateSeconds,
        unit: `s (${sizeGb.toFixed(1)} GB)`,
        target: 'report',
        met: true,
      }),
      row({
        name: '24 h trend, one bed, 1-min buckets, p95 of 20',
        figure: trend95,
        unit: 'ms',
        target: '< 50 ms',
        met: trend95 < 50,
        baseline: percentile(trendTimes, 50),
        baselineLabel: 'p50',
        ratio: null,
      }),
      row({
        name: '10 s full-disclosure page, 4 waves, p95 of 100',
        figure: page95,
        unit: 'ms',
        target: '< 20 ms',
        // A page that came back short would make the timing meaningless.
        met: page95 < 20 && Math.abs(pageSamples - expectedPageSamples) < 100 * 8,
        baseline: percentile(pageTimes, 50),
        baselineLabel: 'p50',
        ratio: null,
      }),
    ];
  } finally {
    queries.close();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'store: ingest, codec, review queries',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'ward-station-store-bench-'));
      const ecg = loadBenchEcg();
      try {
        const ingest = await ingestOneHour(join(dir, 'ingest'), ecg);
        const codec = codecFigures(ecg);
        const review = await reviewQueries(dir, ecg);
        return [...ingest, ...codec, ...review];
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
