/**
 * Project-made S/5 records (built with the record codec, whose layout S5RecordCodec.test.ts
 * checks byte by byte) fed to the decoder as the monitor would send them.
 */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../../electron/contract/domain.js';
import { S5Decoder } from '../../../../electron/station/devices/drivers/ge-s5/S5Decoder.js';
import {
  S5Framer,
  encodeS5Frame,
} from '../../../../electron/station/devices/drivers/ge-s5/S5FrameCodec.js';
import {
  buildS5BasicSubrecord,
  buildS5Record,
  buildS5WaveSubrecord,
  readS5Request,
  type S5BasicClass,
  type S5Group,
} from '../../../../electron/station/devices/drivers/ge-s5/S5RecordCodec.js';

const CONTEXT = { bed: 'bed-4', device: 's5-link', demo: false };
const T = 1_700_000_000_000;

const HR = 147842;
const PULSE_RATE = 149514;
const RR_IMPEDANCE = 151578;
const ABP = [150037, 150038, 150039];
const GENERIC_BP = [150017, 150018, 150019];
const NIBP = [150021, 150022, 150023];
const TEMP = 150344;
const SPO2 = 150456;
const PR_OXIMETER = 149530;
const ETCO2 = 151728;
const RR_CO2 = 151594;

const ACTIVE = 0x3;
const ECG_SOURCE_ECG1 = 1 << 3;

function basicClass(overrides: Partial<S5BasicClass> = {}): Partial<S5BasicClass> {
  return {
    ecg: { status: ACTIVE | ECG_SOURCE_ECG1, label: 2 << 8, values: [72, 0, 0, 0, 14] },
    p1: { status: ACTIVE, label: 1, values: [12000, 8000, 9300, 72] },
    nibp: { status: ACTIVE, label: 0, values: [12100, 7900, 9300, 72] },
    t1: { status: ACTIVE, label: 11, values: [3700] },
    spo2: { status: ACTIVE, label: 0, values: [9750, 61, 200] },
    co2: { status: ACTIVE, label: 1, values: [500, 0, 14, 7600] },
    ...overrides,
  };
}

function numericsFrame(groups: Partial<S5BasicClass> = basicClass()): Uint8Array {
  const body = buildS5BasicSubrecord(1_700_000_000, groups, 11);
  return encodeS5Frame(buildS5Record({ mainType: 0, driLevel: 11 }, [{ type: 1, body }]));
}

interface WaveSpec {
  type: number;
  samples: number[];
  status?: number;
}

function waveFrame(...waves: WaveSpec[]): Uint8Array {
  return encodeS5Frame(
    buildS5Record(
      { mainType: 1, driLevel: 11 },
      waves.map((w) => ({
        type: w.type,
        body: buildS5WaveSubrecord(w.status ?? 0, Int16Array.from(w.samples)),
      })),
    ),
  );
}

/** 200 ms of the five requested waves, sample values counting up from `from`. */
function fiveWaves(from = 0, status = 0): Uint8Array {
  const ramp = (n: number): number[] => Array.from({ length: n }, (_, i) => from + i);
  return waveFrame(
    { type: 1, samples: ramp(60), status },
    { type: 4, samples: ramp(20), status },
    { type: 8, samples: ramp(20), status },
    { type: 9, samples: ramp(5), status },
    { type: 15, samples: ramp(5), status },
  );
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function values(observations: Observation[]): Array<[number, number | null, string]> {
  return observations.map((o) => [o.code, o.value, o.status]);
}

function valueOf(observations: Observation[], code: number): number | null | undefined {
  return observations.find((o) => o.code === code)?.value;
}

function decoder(sent: Uint8Array[] = []): S5Decoder {
  return new S5Decoder(CONTEXT, { send: (bytes) => sent.push(bytes) });
}

describe('S5Decoder numerics', () => {
  it('scales the basic class into MDC observations timed by arrival', () => {
    const batch = decoder().push(numericsFrame(), T);
    expect(values(batch.observations)).toEqual([
      [HR, 72, 'valid'],
      [RR_IMPEDANCE, 14, 'valid'],
      [ABP[0], 120, 'valid'],
      [ABP[1], 80, 'valid'],
      [ABP[2], 93, 'valid'],
      [NIBP[0], 121, 'valid'],
      [NIBP[1], 79, 'valid'],
      [NIBP[2], 93, 'valid'],
      [TEMP, 37, 'valid'],
      [SPO2, 97.5, 'valid'],
      [PR_OXIMETER, 61, 'valid'],
      [ETCO2, 38, 'valid'],
      [RR_CO2, 14, 'valid'],
    ]);
    expect(batch.observations[0]).toEqual({
      bed: 'bed-4',
      device: 's5-link',
      code: HR,
      value: 72,
      unit: '{beat}/min',
      time: T,
      status: 'valid',
      demo: false,
    });
    const units = Object.fromEntries(batch.observations.map((o) => [o.code, o.unit]));
    expect(units).toMatchObject({ [ABP[0]!]: 'mm[Hg]', [TEMP]: 'Cel', [ETCO2]: 'mm[Hg]' });
  });

  it('turns every flag value below -32000 into invalid/null, and keeps -32000 itself', () => {
    const flags = [-32767, -32766, -32765, -32764, -32763, -32762, -32001];
    for (const flag of flags) {
      const spo2: S5Group = { status: ACTIVE, label: 0, values: [flag, flag, 0] };
      const batch = decoder().push(numericsFrame({ spo2 }), T);
      expect(values(batch.observations)).toEqual([
        [SPO2, null, 'invalid'],
        [PR_OXIMETER, null, 'invalid'],
      ]);
    }
    const temperature: S5Group = { status: ACTIVE, label: 11, values: [-32000] };
    expect(values(decoder().push(numericsFrame({ t1: temperature }), T).observations)).toEqual([
      [TEMP, -320, 'valid'],
    ]);
  });

  it('needs both et and ambient pressure for EtCO2', () => {
    const co2: S5Group = { status: ACTIVE, label: 1, values: [500, 0, 14, -32767] };
    const batch = decoder().push(numericsFrame({ co2 }), T);
    expect(valueOf(batch.observations, ETCO2)).toBeNull();
    expect(valueOf(batch.observations, RR_CO2)).toBe(14);
  });

  it('reports nothing for an absent module, and nothing but invalid for an inactive one', () => {
    const absent: S5Group = { status: 0, label: 0, values: [9700, 60, 0] };
    expect(decoder().push(numericsFrame({ spo2: absent }), T).observations).toEqual([]);
    const inactive: S5Group = { status: 0x1, label: 0, values: [9700, 60, 0] };
    expect(values(decoder().push(numericsFrame({ spo2: inactive }), T).observations)).toEqual([
      [SPO2, null, 'invalid'],
      [PR_OXIMETER, null, 'invalid'],
    ]);
  });

  it('codes a heart rate from a pressure or SpO2 source as a pulse rate', () => {
    const fromPleth: S5Group = { status: ACTIVE | (6 << 3), label: 0, values: [80, 0, 0, 0, 14] };
    expect(values(decoder().push(numericsFrame({ ecg: fromPleth }), T).observations)[0]).toEqual([
      PULSE_RATE,
      80,
      'valid',
    ]);
  });

  it('marks the heart rate questionable on ECG noise or artifact', () => {
    const noisy: S5Group = { status: ACTIVE | (1 << 7), label: 0, values: [72, 0, 0, 0, 14] };
    expect(values(decoder().push(numericsFrame({ ecg: noisy }), T).observations)[0]).toEqual([
      HR,
      72,
      'questionable',
    ]);
  });

  it('codes an invasive pressure by its label: arterial, or unspecified blood pressure', () => {
    const cvp: S5Group = { status: ACTIVE, label: 2, values: [1200, 600, 800, 72] };
    const batch = decoder().push(numericsFrame({ p1: cvp }), T);
    expect(batch.observations.map((o) => o.code)).toEqual(expect.arrayContaining(GENERIC_BP));
    expect(batch.observations.map((o) => o.code)).not.toContain(ABP[0]);
  });

  it('reports an NIBP reading once, and again only when a new measurement is shown', () => {
    const d = decoder();
    const nibp = (sys: number, label = 0): S5Group => ({
      status: ACTIVE,
      label,
      values: [sys * 100, 7900, 9300, 72],
    });
    const nibpValues = (g: S5Group, at: number): Array<number | null> =>
      d
        .push(numericsFrame({ nibp: g }), at)
        .observations.filter((o) => NIBP.includes(o.code))
        .map((o) => o.value);
    expect(nibpValues(nibp(121), T)).toEqual([121, 79, 93]);
    expect(nibpValues(nibp(121), T + 5_000)).toEqual([]);
    expect(nibpValues(nibp(121, 1 << 8), T + 65_000)).toEqual([]);
    // Same values, but the "older than 60 s" flag cleared: a new measurement.
    expect(nibpValues(nibp(121), T + 300_000)).toEqual([121, 79, 93]);
    expect(nibpValues(nibp(118), T + 600_000)).toEqual([118, 79, 93]);
  });
});

describe('S5Decoder waves', () => {
  it('gives each wave its rate, scale and unit, with seq running on across pushes', () => {
    const d = decoder();
    d.push(numericsFrame(), T);
    const first = d.push(fiveWaves(), T + 200);
    const second = d.push(fiveWaves(60), T + 400);
    const summary = first.waves.map((w) => [w.code, w.sampleRate, w.scale, w.unit, w.seq]);
    expect(summary).toEqual([
      [131330, 300, 0.001, 'mV', 0],
      [150036, 100, 0.01, 'mm[Hg]', 0],
      [150452, 100, 0.01, '%', 0],
      [151700, 25, 0.01, '%', 0],
      [151780, 25, 0.01, 'Ohm', 0],
    ]);
    expect(second.waves.map((w) => [w.seq, w.samples.length])).toEqual([
      [60, 60],
      [20, 20],
      [20, 20],
      [5, 5],
      [5, 5],
    ]);
    const ecg = second.waves[0]!;
    expect(ecg.t0).toBeCloseTo(T + 400 - (59 * 1000) / 300, 6);
    expect([...ecg.samples.slice(0, 3)]).toEqual([60, 61, 62]);
    expect(d.counters).toMatchObject({ frames: 3, decodedSamples: 220, sampleGaps: 0 });
  });

  it('codes ECG channel 1 by its lead once numerics have said which', () => {
    const d = decoder();
    expect(d.push(fiveWaves(), T).waves[0]?.code).toBe(131328);
    const lead3: S5Group = { status: ACTIVE, label: 3 << 8, values: [72, 0, 0, 0, 14] };
    d.push(numericsFrame({ ecg: lead3 }), T + 100);
    const after = d.push(fiveWaves(), T + 200).waves[0];
    expect(after).toMatchObject({ code: 131389, seq: 60 });
  });

  it('skips the samples a gap-flagged subrecord says were lost, estimated from the time', () => {
    const d = decoder();
    d.push(fiveWaves(), T);
    // One 200 ms record never arrived; the next carries the gap bit.
    const after = d.push(fiveWaves(0, 0x0001), T + 400);
    expect(after.waves.map((w) => w.seq)).toEqual([120, 40, 40, 10, 10]);
    expect(d.counters.sampleGaps).toBe(5);
  });

  it('counts a frame with a bad checksum, skips it, and leaves a gap where it was', () => {
    const d = decoder();
    const corrupt = fiveWaves(60);
    corrupt[100] = (corrupt[100] ?? 0) ^ 0x01;
    d.push(fiveWaves(), T);
    d.push(corrupt, T + 200);
    const next = d.push(fiveWaves(120), T + 400);
    expect(d.counters.checksumErrors).toBe(1);
    expect(next.waves.map((w) => w.seq)).toEqual([120, 40, 40, 10, 10]);
    expect([...next.waves[0]!.samples.slice(0, 2)]).toEqual([120, 121]);
  });

  it('counts silence beyond two seconds as lost samples, but not ordinary jitter', () => {
    const d = decoder();
    d.push(fiveWaves(), T);
    expect(d.push(fiveWaves(), T + 500).waves[0]?.seq).toBe(60);
    expect(d.push(fiveWaves(), T + 3_700).waves[0]?.seq).toBe(120 + 900);
  });

  it('leaves control-code samples out as a gap in seq', () => {
    const d = decoder();
    const batch = d.push(
      waveFrame({ type: 8, samples: [10, 11, -32767, -32767, 12, -32000, 13] }),
      T,
    );
    expect(batch.waves.map((w) => [w.seq, [...w.samples]])).toEqual([
      [0, [10, 11]],
      [4, [12]],
      [6, [13]],
    ]);
    expect(d.counters).toMatchObject({ decodedSamples: 4, sampleGaps: 2 });
  });

  it('decodes the same whatever the split, at every byte boundary', () => {
    const stream = concat(numericsFrame(), fiveWaves(), fiveWaves(60), numericsFrame());
    const whole = decoder().push(stream, T);
    for (let cut = 1; cut < stream.length; cut++) {
      const d = decoder();
      const a = d.push(stream.subarray(0, cut), T);
      const b = d.push(stream.subarray(cut), T);
      expect(values([...a.observations, ...b.observations])).toEqual(values(whole.observations));
      const samples = [...a.waves, ...b.waves].reduce((n, w) => n + w.samples.length, 0);
      expect(samples).toBe(220);
      expect(d.counters).toMatchObject({ frames: 4, discardedBytes: 0, sampleGaps: 0 });
    }
  });

  it('keeps decoding after garbage and a truncated frame, and never throws on noise', () => {
    const d = decoder();
    const truncated = fiveWaves().subarray(0, 150);
    const noise = Uint8Array.from({ length: 3000 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(() => d.push(concat(noise, truncated, numericsFrame()), T)).not.toThrow();
    expect(valueOf(d.push(numericsFrame(), T + 5000).observations, HR)).toBe(72);
    expect(d.counters.discardedBytes).toBeGreaterThan(3000);
  });
});

describe('S5Decoder session', () => {
  function requestsIn(sent: Uint8Array[]): unknown[] {
    const framer = new S5Framer();
    return sent.flatMap((bytes) => framer.push(bytes).map((f) => readS5Request(f.record)));
  }

  it('asks for the displayed values every 5 s and the 550 samples/s wave set on connect', () => {
    const sent: Uint8Array[] = [];
    const d = decoder(sent);
    expect(d.associating).toBe(false);
    d.connected(T);
    expect(requestsIn(sent)).toEqual([
      { kind: 'numerics', recordType: 1, intervalSeconds: 5, classMask: 0 },
      { kind: 'waves', start: true, waves: [1, 4, 8, 9, 15] },
    ]);
    expect(d.associating).toBe(true);
    d.push(numericsFrame(), T + 800);
    expect(d.associating).toBe(false);
  });

  it('asks again when the monitor stays silent: waves after 5 s, numerics after 15 s', () => {
    const sent: Uint8Array[] = [];
    const d = decoder(sent);
    d.connected(T);
    sent.length = 0;
    d.tick(T + 4_900);
    expect(requestsIn(sent)).toEqual([]);
    d.tick(T + 5_000);
    expect(requestsIn(sent)).toEqual([{ kind: 'waves', start: true, waves: [1, 4, 8, 9, 15] }]);
    sent.length = 0;
    d.tick(T + 15_000);
    expect(requestsIn(sent).map((r) => (r as { kind: string }).kind)).toEqual([
      'numerics',
      'waves',
    ]);
  });

  it('does not ask again while data flows', () => {
    const sent: Uint8Array[] = [];
    const d = decoder(sent);
    d.connected(T);
    sent.length = 0;
    for (let t = T + 200; t <= T + 30_000; t += 200) {
      if ((t - T) % 5_000 === 0) d.push(numericsFrame(), t);
      d.push(fiveWaves(), t);
      d.tick(t);
    }
    expect(sent).toEqual([]);
  });

  it('sends nothing before connect, and its requests are whole frames', () => {
    const sent: Uint8Array[] = [];
    const d = decoder(sent);
    d.tick(T + 60_000);
    expect(sent).toEqual([]);
    d.connected(T);
    expect(sent.every((f) => f[0] === 0x7e && f[f.length - 1] === 0x7e)).toBe(true);
  });
});
