/**
 * The byte streams here are project-made test data: Format 7 frames built from the layout in
 * electron/station/devices/drivers/nonin/PROTOCOL.md, checksums computed in this file.
 */
import { describe, expect, it } from 'vitest';
import type { Observation, WaveSegment } from '../../../../electron/contract/domain.js';
import { NoninDecoder } from '../../../../electron/station/devices/drivers/nonin/NoninDecoder.js';

const CONTEXT = { bed: 'bed-7', device: 'link-7', demo: true };
const T = 1_700_000_000_000;
const MS_PER_FRAME = 1000 / 75;

const SYNC = 0x01;
const START = 0x80;

function frame(status: number, pleth: number, data: number): number[] {
  const msb = pleth >> 8;
  const lsb = pleth & 0xff;
  return [status, msb, lsb, data, (status + msb + lsb + data) % 256];
}

interface PacketSpec {
  hr?: number;
  spo2?: number;
  /** Status bits added to the frames listed in `flaggedSlots`, or to every frame. */
  flags?: number;
  flaggedSlots?: number[];
  firstPleth?: number;
}

/** The 25 frames of one packet, each as its 5 bytes; pleth counts up so order is visible. */
function packetFrames(spec: PacketSpec = {}): number[][] {
  const { hr = 72, spo2 = 97, flags = 0, flaggedSlots, firstPleth = 0x8000 } = spec;
  const dataBySlot = new Map([
    [0, (hr >> 7) & 0x03],
    [1, hr & 0x7f],
    [2, spo2],
  ]);
  return Array.from({ length: 25 }, (_, slot) => {
    const flagged = flaggedSlots === undefined || flaggedSlots.includes(slot);
    const status = START | (slot === 0 ? SYNC : 0) | (flagged ? flags : 0);
    return frame(status, firstPleth + slot, dataBySlot.get(slot) ?? 0);
  });
}

function bytes(frames: number[][]): Uint8Array {
  return Uint8Array.from(frames.flat());
}

function valuesOf(observations: Observation[]): Array<[number, number | null, string]> {
  return observations.map((o) => [o.code, o.value, o.status]);
}

function only<T>(items: T[]): T {
  const [item] = items;
  if (items.length !== 1 || item === undefined)
    throw new Error(`expected one, got ${items.length}`);
  return item;
}

function seqRanges(waves: WaveSegment[]): Array<[number, number]> {
  return waves.map((w) => [w.seq, w.samples.length]);
}

const SPO2 = 150456;
const PULSE_RATE = 149530;

describe('NoninDecoder', () => {
  it('turns a packet into 25 pleth samples, then into SpO2 and pulse rate at the next SYNC', () => {
    const decoder = new NoninDecoder(CONTEXT);
    const first = decoder.push(bytes(packetFrames()), T);
    expect(first.observations).toEqual([]);
    const wave = only(first.waves);
    expect(wave).toMatchObject({
      bed: 'bed-7',
      device: 'link-7',
      code: 150452,
      sampleRate: 75,
      seq: 0,
      unit: '1',
      demo: true,
    });
    expect(wave.t0).toBeCloseTo(T - 24 * MS_PER_FRAME, 6);
    expect(wave.samples).toHaveLength(25);
    // Pleth 0x8000 is half of full scale; the int16 samples keep every step of the 16 bits.
    expect((wave.samples[0] ?? NaN) * wave.scale + wave.offset).toBeCloseTo(0.5, 9);
    expect([...wave.samples.slice(0, 3)]).toEqual([0, 1, 2]);

    const nextAt = T + MS_PER_FRAME;
    const next = decoder.push(bytes(packetFrames({ firstPleth: 0x1000 }).slice(0, 1)), nextAt);
    expect(next.observations).toEqual([
      {
        bed: 'bed-7',
        device: 'link-7',
        code: SPO2,
        value: 97,
        unit: '%',
        time: nextAt,
        status: 'valid',
        demo: true,
      },
      {
        bed: 'bed-7',
        device: 'link-7',
        code: PULSE_RATE,
        value: 72,
        unit: '{beat}/min',
        time: nextAt,
        status: 'valid',
        demo: true,
      },
    ]);
    expect(seqRanges(next.waves)).toEqual([[25, 1]]);
    expect(next.waves[0]?.t0).toBe(nextAt);
    expect(decoder.counters).toEqual({
      frames: 26,
      checksumErrors: 0,
      discardedBytes: 0,
      decodedSamples: 26,
      sampleGaps: 0,
    });
  });

  it('reads a 9-bit pulse rate above 127', () => {
    const decoder = new NoninDecoder(CONTEXT);
    const stream = [...packetFrames({ hr: 130, spo2: 88 }), ...packetFrames().slice(0, 1)];
    expect(valuesOf(decoder.push(bytes(stream), T).observations)).toEqual([
      [SPO2, 88, 'valid'],
      [PULSE_RATE, 130, 'valid'],
    ]);
  });

  it('reports the missing-data values (HR 511, SpO2 127) as invalid with no value', () => {
    const decoder = new NoninDecoder(CONTEXT);
    const stream = [...packetFrames({ hr: 511, spo2: 127 }), ...packetFrames().slice(0, 1)];
    expect(valuesOf(decoder.push(bytes(stream), T).observations)).toEqual([
      [SPO2, null, 'invalid'],
      [PULSE_RATE, null, 'invalid'],
    ]);
  });

  it.each([
    ['sensor disconnect', 0x40],
    ['out of track', 0x10],
    ['sensor alarm (finger out)', 0x08],
  ])('withholds the values while the status says %s', (_, flags) => {
    const decoder = new NoninDecoder(CONTEXT);
    const stream = [...packetFrames({ flags }), ...packetFrames().slice(0, 1)];
    expect(valuesOf(decoder.push(bytes(stream), T).observations)).toEqual([
      [SPO2, null, 'invalid'],
      [PULSE_RATE, null, 'invalid'],
    ]);
  });

  it('marks the values questionable when any frame of the packet flags artifact', () => {
    const decoder = new NoninDecoder(CONTEXT);
    const stream = [
      ...packetFrames({ flags: 0x20, flaggedSlots: [17] }),
      ...packetFrames().slice(0, 1),
    ];
    expect(valuesOf(decoder.push(bytes(stream), T).observations)).toEqual([
      [SPO2, 97, 'questionable'],
      [PULSE_RATE, 72, 'questionable'],
    ]);
  });

  it('leaves a one-sample gap where a frame failed its checksum', () => {
    const frames = packetFrames();
    const corrupt = [...(frames[10] ?? [])];
    corrupt[4] = ((corrupt[4] ?? 0) + 1) % 256;
    frames[10] = corrupt;
    const decoder = new NoninDecoder(CONTEXT);
    const batch = decoder.push(bytes([...frames, ...packetFrames().slice(0, 1)]), T);
    expect(seqRanges(batch.waves)).toEqual([
      [0, 10],
      [11, 15],
    ]);
    // Samples after the gap keep their place in time: the last one arrived at T.
    expect(batch.waves[1]?.t0).toBeCloseTo(T - 14 * MS_PER_FRAME, 6);
    expect(batch.waves[0]?.t0).toBeCloseTo(T - 25 * MS_PER_FRAME, 6);
    // The SYNC frame came exactly 25 frames on, so every byte is where it belongs.
    expect(valuesOf(batch.observations)).toEqual([
      [SPO2, 97, 'valid'],
      [PULSE_RATE, 72, 'valid'],
    ]);
    expect(decoder.counters).toMatchObject({ checksumErrors: 1, discardedBytes: 5, sampleGaps: 1 });
  });

  it('finds a frame lost without a trace at the next SYNC and distrusts that packet', () => {
    const frames = packetFrames();
    frames.splice(1, 1); // the HR LSB frame vanishes, bytes and all
    const decoder = new NoninDecoder(CONTEXT);
    expect(seqRanges(decoder.push(bytes(frames), T).waves)).toEqual([[0, 24]]);

    const next = decoder.push(bytes(packetFrames({ hr: 60 })), T + 333);
    expect(seqRanges(next.waves)).toEqual([[25, 25]]);
    expect(next.observations).toEqual([]);
    expect(decoder.counters.sampleGaps).toBe(1);

    const after = decoder.push(bytes(packetFrames().slice(0, 1)), T + 346);
    expect(valuesOf(after.observations)).toEqual([
      [SPO2, 97, 'valid'],
      [PULSE_RATE, 60, 'valid'],
    ]);
  });

  it.each([0, 35, -35])('counts link silence as lost samples (arrival jitter %i ms)', (jitter) => {
    const decoder = new NoninDecoder(CONTEXT);
    decoder.push(bytes(packetFrames()), T);
    // 375 frames (5 s) never arrive; the next packet's last frame arrives 400 frames later.
    const at = T + 400 * MS_PER_FRAME + jitter;
    const batch = decoder.push(bytes(packetFrames()), at);
    expect(seqRanges(batch.waves)).toEqual([[400, 25]]);
    expect(batch.waves[0]?.t0).toBeCloseTo(at - 24 * MS_PER_FRAME, 6);
    expect(decoder.counters.sampleGaps).toBe(1);
  });

  it('starts sampling mid-packet but reports values only from whole packets', () => {
    const decoder = new NoninDecoder(CONTEXT);
    const stream = [
      ...packetFrames().slice(12),
      ...packetFrames({ spo2: 91 }),
      ...packetFrames().slice(0, 1),
    ];
    const batch = decoder.push(bytes(stream), T);
    expect(seqRanges(batch.waves)).toEqual([[0, 39]]);
    expect(valuesOf(batch.observations)).toEqual([
      [SPO2, 91, 'valid'],
      [PULSE_RATE, 72, 'valid'],
    ]);
  });

  it('gives the same samples and values wherever the byte stream is split', () => {
    const stream = bytes([
      ...packetFrames({ spo2: 95, hr: 66 }),
      ...packetFrames({ spo2: 94, hr: 67, firstPleth: 0x4000 }),
      ...packetFrames({ spo2: 93, hr: 68, firstPleth: 0x2000 }),
    ]);
    const whole = new NoninDecoder(CONTEXT).push(stream, T);
    const expectedSamples = whole.waves.flatMap((w) => [...w.samples]);
    expect(expectedSamples).toHaveLength(75);
    expect(valuesOf(whole.observations)).toHaveLength(4);

    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new NoninDecoder(CONTEXT);
      const a = decoder.push(stream.slice(0, cut), T);
      const b = decoder.push(stream.slice(cut), T + 10);
      const waves = [...a.waves, ...b.waves];
      expect(
        waves.flatMap((w) => [...w.samples]),
        `cut at ${cut}`,
      ).toEqual(expectedSamples);
      const seqs = waves.flatMap((w) => Array.from(w.samples, (_, i) => w.seq + i));
      expect(seqs, `seq at cut ${cut}`).toEqual(expectedSamples.map((_, i) => i));
      expect(valuesOf([...a.observations, ...b.observations])).toEqual(
        valuesOf(whole.observations),
      );
    }
  });

  it('never throws on noise', () => {
    const decoder = new NoninDecoder(CONTEXT);
    let state = 99;
    for (let i = 0; i < 200; i++) {
      const chunk = Uint8Array.from({ length: 50 }, () => {
        state = (state * 1103515245 + 12345) >>> 0;
        return state >>> 24;
      });
      expect(() => decoder.push(chunk, T + i * 40)).not.toThrow();
    }
  });
});
