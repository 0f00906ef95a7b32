import { decodeWaveSamples } from '../../../electron/station/store/waveCodec.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WaveSegment } from '../../../electron/contract/domain.js';
import { nextTurn, TempStation, waveSegment } from './storeFixtures.js';

const RATE_HZ = 75;
const SEGMENT_SAMPLES = 5;

interface StoredChunk {
  t0: number;
  seq: number;
  sample_count: number;
  sample_rate: number;
  scale: number;
  codec: string;
  data: Buffer;
}

let station: TempStation;

beforeEach(() => {
  station = new TempStation();
});

afterEach(() => {
  station.cleanUp();
});

/** The codec is tested on its own (tests/unit/store/RiceWaveformCodec.test.ts). */
function decodeChunk(codec: string, data: Buffer): number[] {
  return Array.from(decodeWaveSamples(codec, data));
}

/** `count` consecutive 5-sample segments starting at `firstSeq`, with distinct, signed samples. */
function segments(count: number, firstSeq = 0, fields: Partial<WaveSegment> = {}): WaveSegment[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = firstSeq + i * SEGMENT_SAMPLES;
    const samples = Int16Array.from(
      { length: SEGMENT_SAMPLES },
      (_, k) => (((seq + k) * 397) % 65536) - 32768,
    );
    return waveSegment({ seq, t0: 1_000 + (seq * 1000) / RATE_HZ, samples, ...fields });
  });
}

function storedChunks(): StoredChunk[] {
  return station.inspect((db) =>
    db
      .prepare<[], StoredChunk>(
        'SELECT t0, seq, sample_count, sample_rate, scale, codec, data FROM wave_chunks ORDER BY t0, id',
      )
      .all(),
  );
}

function samplesOf(written: WaveSegment[]): number[] {
  return written.flatMap((segment) => [...segment.samples]);
}

describe('wave chunks', () => {
  it('stores 5-sample segments at 75 Hz as one-second chunks that decode to the same samples', async () => {
    const store = station.open();
    const written = segments(45);
    for (const segment of written) store.writeWaves([segment]);
    await nextTurn();
    store.close();

    const chunks = storedChunks();
    expect(chunks.map((c) => [c.seq, c.sample_count, c.sample_rate, c.codec])).toEqual([
      [0, 75, 75, 'rice1'],
      [75, 75, 75, 'rice1'],
      [150, 75, 75, 'rice1'],
    ]);
    expect(chunks.map((c) => c.t0)).toEqual([1_000, 2_000, 3_000]);
    expect(chunks.flatMap((c) => decodeChunk(c.codec, c.data))).toEqual(samplesOf(written));
  });

  it('does not write a partial chunk until it is complete or the store closes', async () => {
    const store = station.open();
    let commits = 0;
    store.onCommit(() => commits++);
    const written = segments(20);
    store.writeWaves(written);
    await nextTurn();
    expect(storedChunks().map((c) => c.sample_count)).toEqual([75]);
    expect(commits).toBe(1);

    store.close();

    expect(storedChunks().map((c) => c.sample_count)).toEqual([75, 25]);
    expect(storedChunks().flatMap((c) => decodeChunk(c.codec, c.data))).toEqual(samplesOf(written));
  });

  it('starts a new chunk at a gap in seq', () => {
    const store = station.open();
    const beforeGap = segments(4, 0);
    const afterGap = segments(15, 500);
    store.writeWaves([...beforeGap, ...afterGap]);
    store.close();

    const chunks = storedChunks();
    expect(chunks.map((c) => [c.seq, c.sample_count])).toEqual([
      [0, 20],
      [500, 75],
    ]);
    expect(chunks.map((c) => decodeChunk(c.codec, c.data))).toEqual([
      samplesOf(beforeGap),
      samplesOf(afterGap),
    ]);
  });

  it('starts a new chunk when the scale changes', () => {
    const store = station.open();
    store.writeWaves([...segments(2, 0), ...segments(2, 10, { scale: 0.5 })]);
    store.close();

    expect(storedChunks().map((c) => [c.seq, c.sample_count, c.scale])).toEqual([
      [0, 10, 1],
      [10, 10, 0.5],
    ]);
  });

  it('keeps the streams of different beds and codes apart', () => {
    const store = station.open();
    const bed1 = segments(3, 0);
    const bed2 = segments(3, 0, { bed: 'bed-2' });
    const pleth = segments(3, 0, { code: 150456 });
    store.writeWaves(bed1.flatMap((segment, i) => [segment, bed2[i]!, pleth[i]!]));
    store.close();

    const rows = station.inspect((db) =>
      db
        .prepare<[], { bed: string; code: number; codec: string; data: Buffer }>(
          'SELECT bed, code, codec, data FROM wave_chunks ORDER BY bed, code',
        )
        .all(),
    );
    expect(rows.map((r) => [r.bed, r.code, decodeChunk(r.codec, r.data)])).toEqual([
      ['bed-1', 150452, samplesOf(bed1)],
      ['bed-1', 150456, samplesOf(pleth)],
      ['bed-2', 150452, samplesOf(bed2)],
    ]);
  });
});
