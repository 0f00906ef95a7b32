import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alarm, Observation } from '../../../electron/contract/domain.js';
import { Retention, retentionPolicy } from '../../../electron/station/store/Retention.js';
import { StoreQueries } from '../../../electron/station/store/StoreQueries.js';
import { nextTurn, observation, RecordingLog, TempStation, waveSegment } from './storeFixtures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SPO2 = 150456;
const PULSE = 149530;
const ECG_II = 131330;
const RESP = 151780;
/** A whole hour, so bucket boundaries are plain numbers. */
const T0 = 1_699_999_200_000;

let station: TempStation;
let queries: StoreQueries | null;

beforeEach(() => {
  station = new TempStation();
  queries = null;
});

afterEach(() => {
  queries?.close();
  station.cleanUp();
});

function openQueries(): StoreQueries {
  queries = StoreQueries.open(station.file, { log: new RecordingLog() });
  return queries;
}

/** A deterministic, wandering SpO2 and pulse for `bed`, one value a second. */
function numerics(bed: string, from: number, seconds: number): Observation[] {
  return Array.from({ length: seconds }, (_, s) => [
    observation({ bed, code: SPO2, time: from + s * 1000, value: 90 + ((s * 7) % 10) }),
    observation({
      bed,
      code: PULSE,
      unit: '{beat}/min',
      time: from + s * 1000,
      value: 60 + ((s * 13) % 40),
    }),
  ]).flat();
}

/** Independent of the store: min, max and median the slow, obvious way. */
function expectedBucket(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, max: sorted.at(-1)!, median, count: sorted.length };
}

function valuesIn(written: Observation[], code: number, from: number, to: number): number[] {
  return written
    .filter((o) => o.code === code && o.time >= from && o.time < to && o.value !== null)
    .map((o) => o.value!);
}

function rollUp(now: number): void {
  const db = new Database(station.file);
  try {
    const retention = new Retention(
      db,
      retentionPolicy({ fullDisclosureHours: 96, numericsHours: 96, trendDays: 30 }),
    );
    while (retention.step(now).more);
  } finally {
    db.close();
  }
}

describe('trends', () => {
  it('gives min, max and median per bucket from native rows, for the codes asked', async () => {
    const store = station.open();
    const written = numerics('bed-1', T0, 3600);
    store.writeObservations(written);
    store.writeObservations(numerics('bed-2', T0, 60));
    store.writeObservations([observation({ time: T0 + 5, value: 10, status: 'invalid' })]);
    await nextTurn();

    const trend = openQueries().trend({
      bed: 'bed-1',
      from: T0,
      to: T0 + HOUR,
      bucketMs: 10 * MINUTE,
      codes: [SPO2],
    });

    expect(trend.series.map((s) => [s.code, s.unit, s.buckets.length])).toEqual([[SPO2, '%', 6]]);
    trend.series[0]!.buckets.forEach((bucket, i) => {
      const from = T0 + i * 10 * MINUTE;
      expect(bucket).toEqual({
        t: from,
        ...expectedBucket(valuesIn(written, SPO2, from, from + 10 * MINUTE)),
      });
    });
  });

  it('reads long ranges from the one-minute summaries and the not-yet-summarised tail from native rows', async () => {
    const store = station.open();
    const written = numerics('bed-1', T0, 3 * 3600);
    store.writeObservations(written);
    await nextTurn();
    // Summarised up to T0 + 2 h; the last hour exists only as native rows.
    rollUp(T0 + 2 * HOUR + 15_000);
    const db = new Database(station.file);
    const summarisedUpTo = db
      .prepare<[], { value: number }>('SELECT value FROM maintenance_marks')
      .get()!.value;
    db.close();
    expect(summarisedUpTo).toBe(T0 + 2 * HOUR);

    const q = openQueries();
    const perMinute = q.trend({ bed: 'bed-1', from: T0, to: T0 + 3 * HOUR, bucketMs: MINUTE });
    const pulse = perMinute.series.find((s) => s.code === PULSE)!;
    expect(pulse.buckets).toHaveLength(180);
    pulse.buckets.forEach((bucket, i) => {
      const from = T0 + i * MINUTE;
      expect(bucket).toEqual({
        t: from,
        ...expectedBucket(valuesIn(written, PULSE, from, from + MINUTE)),
      });
    });

    const hourly = q.trend({ bed: 'bed-1', from: T0, to: T0 + 3 * HOUR, bucketMs: HOUR });
    const spo2 = hourly.series.find((s) => s.code === SPO2)!;
    const firstHour = expectedBucket(valuesIn(written, SPO2, T0, T0 + HOUR));
    const minuteMedians = Array.from(
      { length: 60 },
      (_, m) =>
        expectedBucket(valuesIn(written, SPO2, T0 + m * MINUTE, T0 + (m + 1) * MINUTE)).median,
    );
    expect(spo2.buckets[0]).toEqual({
      t: T0,
      min: firstHour.min,
      max: firstHour.max,
      // Summarised hours: the median of the minutes' medians.
      median: expectedBucket(minuteMedians).median,
      count: firstHour.count,
    });
    expect(spo2.buckets[2]).toEqual({
      t: T0 + 2 * HOUR,
      ...expectedBucket(valuesIn(written, SPO2, T0 + 2 * HOUR, T0 + 3 * HOUR)),
    });
  });
});

describe('full disclosure', () => {
  it('returns 10 s of every wave of a bed, cut to the window and split at gaps', async () => {
    const store = station.open();
    const ecg = Int16Array.from({ length: 250 * 30 }, (_, i) => ((i * 37) % 2001) - 1000);
    const resp = Int16Array.from({ length: 62.5 * 30 }, (_, i) => (i % 125) - 60);
    // ECG in 50-sample frames with a 2-second hole at 12 s; resp at 62.5 Hz in 25-sample frames.
    for (let i = 0; i < ecg.length; i += 50) {
      if (i >= 250 * 12 && i < 250 * 14) continue;
      store.writeWaves([
        waveSegment({
          code: ECG_II,
          sampleRate: 250,
          scale: 0.005,
          unit: 'mV',
          t0: T0 + (i * 1000) / 250,
          seq: i,
          samples: ecg.slice(i, i + 50),
        }),
      ]);
    }
    for (let i = 0; i < resp.length; i += 25) {
      store.writeWaves([
        waveSegment({
          code: RESP,
          sampleRate: 62.5,
          t0: T0 + (i * 1000) / 62.5,
          seq: i,
          samples: resp.slice(i, i + 25),
        }),
      ]);
    }
    store.writeWaves([waveSegment({ bed: 'bed-2', t0: T0, samples: Int16Array.of(1, 2, 3) })]);
    store.close();

    const at = T0 + 7_300;
    const page = openQueries().disclosurePage('bed-1', at, at + 10_000);

    expect(page.waves.map((w) => [w.code, w.sampleRate, w.scale, w.unit])).toEqual([
      [ECG_II, 250, 0.005, 'mV'],
      [RESP, 62.5, 1, '{unit}'],
    ]);
    const [ecgWave, respWave] = page.waves;
    const ecgIndex = (t: number) => Math.ceil(((t - T0) * 250) / 1000);
    expect(ecgWave!.segments.map((s) => s.t0)).toEqual([T0 + 7_300, T0 + 14_000]);
    expect(ecgWave!.segments[0]!.samples).toEqual(
      Array.from(ecg.slice(ecgIndex(at), ecgIndex(T0 + 12_000))),
    );
    expect(ecgWave!.segments[1]!.samples).toEqual(
      Array.from(ecg.slice(ecgIndex(T0 + 14_000), ecgIndex(at + 10_000))),
    );
    const respIndex = (t: number) => Math.ceil(((t - T0) * 62.5) / 1000);
    expect(respWave!.segments).toEqual([
      {
        t0: T0 + respIndex(at) * 16,
        samples: Array.from(resp.slice(respIndex(at), respIndex(at + 10_000))),
      },
    ]);
  });
});

describe('alarm history', () => {
  const base: Alarm = {
    id: 'a',
    bed: 'bed-1',
    source: 'limits',
    code: 'limit.spo2-low',
    text: 'SpO2 low',
    priority: 'medium',
    kind: 'physiological',
    state: 'ended',
    startedAt: T0,
    endedAt: T0 + MINUTE,
  };

  it('filters by bed, priority, kind and time, newest first, with who acknowledged', async () => {
    const store = station.open();
    store.upsertAlarm({ ...base, id: 'old', startedAt: T0 - HOUR, endedAt: T0 - HOUR + 1 });
    store.upsertAlarm({
      ...base,
      id: 'acked',
      priority: 'high',
      startedAt: T0 + MINUTE,
      endedAt: null,
      state: 'acknowledged',
      acknowledgedAt: T0 + 2 * MINUTE,
      acknowledgedBy: 'nurse 7',
    });
    store.upsertAlarm({ ...base, id: 'other-bed', bed: 'bed-2', startedAt: T0 + 3 * MINUTE });
    store.upsertAlarm({
      ...base,
      id: 'technical',
      kind: 'technical',
      priority: 'low',
      startedAt: T0 + 4 * MINUTE,
    });
    store.upsertAlarm({ ...base, id: 'plain', startedAt: T0 + 5 * MINUTE });
    await nextTurn();
    const q = openQueries();
    const ids = (filters: Parameters<StoreQueries['alarmHistory']>[0]) =>
      q.alarmHistory(filters).map((a) => a.id);

    expect(ids({ limit: 100 })).toEqual(['plain', 'technical', 'other-bed', 'acked', 'old']);
    expect(ids({ bed: 'bed-1', from: T0, limit: 100 })).toEqual(['plain', 'technical', 'acked']);
    expect(ids({ priorities: ['high', 'low'], limit: 100 })).toEqual(['technical', 'acked']);
    expect(ids({ kind: 'physiological', to: T0 + 4 * MINUTE, limit: 100 })).toEqual([
      'other-bed',
      'acked',
      'old',
    ]);
    expect(ids({ limit: 2 })).toEqual(['plain', 'technical']);
    expect(q.alarmHistory({ priorities: ['high'], limit: 1 })[0]).toMatchObject({
      id: 'acked',
      acknowledgedAt: T0 + 2 * MINUTE,
      acknowledgedBy: 'nurse 7',
    });
  });
});

describe('link counters', () => {
  it('returns the saved snapshots of a link, newest first', async () => {
    const store = station.open();
    let now = T0;
    const maintenance = store.startMaintenance({
      dataDir: station.dataDir,
      policy: retentionPolicy({ fullDisclosureHours: 96, numericsHours: 96, trendDays: 30 }),
      minFreeBytes: 1,
      now: () => now,
    });
    const status = (id: string, frames: number) => ({
      id,
      bed: 'bed-1',
      protocol: 'nonin',
      endpoint: 'tcp 127.0.0.1:4001',
      state: 'streaming' as const,
      lastError: null,
      demo: false,
      counters: {
        bytesIn: frames * 5,
        bytesOut: 0,
        frames,
        checksumErrors: 1,
        discardedBytes: 2,
        decodedSamples: frames * 3,
        sampleGaps: 0,
        reconnects: 0,
        lastDataAt: now,
      },
    });
    maintenance.recordLinkCounters([status('link-1', 10), status('link-2', 1)]);
    now += MINUTE;
    maintenance.recordLinkCounters([status('link-1', 70), status('link-2', 2)]);

    const snapshots = openQueries().linkCounters({
      link: 'link-1',
      from: T0,
      to: T0 + HOUR,
      limit: 10,
    });

    expect(snapshots.map((s) => [s.time, s.counters.frames, s.state])).toEqual([
      [T0 + MINUTE, 70, 'streaming'],
      [T0, 10, 'streaming'],
    ]);
    expect(snapshots[0]?.counters).toEqual({
      bytesIn: 350,
      bytesOut: 0,
      frames: 70,
      checksumErrors: 1,
      discardedBytes: 2,
      decodedSamples: 210,
      sampleGaps: 0,
      reconnects: 0,
    });
  });
});
