import { describe, expect, it } from 'vitest';
import type { Observation, WaveSegment } from '../../../../electron/contract/domain.js';
import { Mdc } from '../../../../electron/contract/mdc.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';
import { encodeIntelliVueFloat } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFloat.js';
import { IntelliVueDecoder } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueDecoder.js';
import { encodeIntelliVueFrame } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';
import { parseDataExportMessage } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueMessages.js';
import {
  CAPTURE,
  ava,
  captureWireFrames,
  list,
  mdsCreateEvent,
  numericValue,
  pollResult,
  sampleArray,
  u16,
  u32,
  userDataOf,
  type HandBuiltObservation,
} from './intellivueTestBytes.js';

const CONTEXT = { bed: 'bed-3', device: 'mp-3', demo: false };
const T = 1_700_000_000_000;

interface Decoded {
  observations: Observation[];
  waves: WaveSegment[];
  alarms: DeviceAlarmReport[];
}

function newDecoder(sent: Uint8Array[] = []): IntelliVueDecoder {
  return new IntelliVueDecoder(CONTEXT, { send: (bytes) => sent.push(bytes) });
}

function decode(decoder: IntelliVueDecoder, bytes: Uint8Array, chunk = 4096, at = T): Decoded {
  const out: Decoded = { observations: [], waves: [], alarms: [] };
  for (let i = 0; i < bytes.length; i += chunk) {
    const batch = decoder.push(bytes.subarray(i, i + chunk), at + i / 11.52);
    out.observations.push(...batch.observations);
    out.waves.push(...batch.waves);
    out.alarms.push(...(batch.alarms ?? []));
  }
  return out;
}

function byCode(waves: WaveSegment[]): Map<number, WaveSegment[]> {
  const streams = new Map<number, WaveSegment[]>();
  for (const w of waves) streams.set(w.code, [...(streams.get(w.code) ?? []), w]);
  return streams;
}

function physical(segment: WaveSegment | undefined, i: number): number {
  if (!segment) throw new Error('no segment');
  return (segment.samples[i] ?? NaN) * segment.scale + segment.offset;
}

describe('IntelliVueDecoder on the REAL capture', () => {
  const decoder = newDecoder();
  const decoded = decode(decoder, CAPTURE);
  const streams = byCode(decoded.waves);

  it('decodes every frame with no FCS error, no discarded byte and no sample gap', () => {
    expect(decoder.counters).toEqual({
      frames: 2887,
      checksumErrors: 0,
      discardedBytes: 0,
      decodedSamples: 3 * 91_840 + 45_920,
      sampleGaps: 0,
    });
    expect(decoder.associating).toBe(false);
  });

  it('gives ECG II, aVR and V at 250 Hz and pleth at 125 Hz, each sequence contiguous', () => {
    const expected = new Map([
      [Mdc.EcgII.code, { rate: 250, samples: 91_840, perPoll: 64 }],
      [Mdc.EcgAvr.code, { rate: 250, samples: 91_840, perPoll: 64 }],
      [Mdc.EcgV.code, { rate: 250, samples: 91_840, perPoll: 64 }],
      [Mdc.Pleth.code, { rate: 125, samples: 45_920, perPoll: 32 }],
    ]);
    expect([...streams.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [code, segments] of streams) {
      const want = expected.get(code);
      expect(segments.every((s) => s.sampleRate === want?.rate)).toBe(true);
      expect(segments.every((s) => s.samples.length === want?.perPoll)).toBe(true);
      expect(segments.reduce((n, s) => n + s.samples.length, 0)).toBe(want?.samples);
      segments.forEach((s, i) => {
        const previous = segments[i - 1];
        expect(s.seq).toBe(previous ? previous.seq + previous.samples.length : 0);
      });
    }
  });

  it('scales ECG in mV from ScaleRangeSpec16 (5 µV a step) and pleth to 0..1', () => {
    const ecgII = streams.get(Mdc.EcgII.code)?.[0];
    expect(ecgII?.unit).toBe('mV');
    // First raw samples 0x201F 0x2021 0x2022 0x2023: −40.96 + raw · 81.915 / 16383.
    expect([0, 1, 2, 3].map((i) => physical(ecgII, i))).toEqual([
      expect.closeTo(0.155, 9),
      expect.closeTo(0.165, 9),
      expect.closeTo(0.17, 9),
      expect.closeTo(0.175, 9),
    ]);
    const pleth = streams.get(Mdc.Pleth.code)?.[0];
    expect(pleth?.unit).toBe('1');
    // Pleth is flat at raw 0x0800 of 0..0x0FFF (no sensor).
    expect(physical(pleth, 0)).toBeCloseTo(2048 / 4095, 9);
  });

  it('never shows SpO2 as a number: every SpO2 is invalid with value null', () => {
    const spo2 = decoded.observations.filter((o) => o.code === Mdc.SpO2.code);
    expect(spo2).toHaveLength(361);
    expect(spo2.every((o) => o.value === null && o.status === 'invalid' && o.unit === '%')).toBe(
      true,
    );
  });

  it('reports the other numerics with their states', () => {
    const last = new Map(decoded.observations.map((o) => [o.code, o]));
    expect(last.get(Mdc.HeartRate.code)).toMatchObject({
      value: 60,
      unit: '{beat}/min',
      status: 'valid',
      bed: 'bed-3',
      device: 'mp-3',
      demo: false,
    });
    expect(last.get(Mdc.PvcRate.code)).toMatchObject({ value: 0, status: 'valid' });
    for (const code of [Mdc.NibpSys.code, Mdc.NibpDia.code, Mdc.NibpMean.code]) {
      // NBP: MeasurementState 0x2000 (unavailable), value NaN.
      expect(last.get(code)).toMatchObject({ value: null, status: 'invalid', unit: 'mm[Hg]' });
    }
    // Pulse and perfusion index: invalid (0x8001 / 0x8000), NaN.
    expect(last.get(Mdc.PlethPulseRate.code)).toMatchObject({ value: null, status: 'invalid' });
    expect(last.get(Mdc.PerfusionIndex.code)).toMatchObject({ value: null, status: 'invalid' });
    expect(last.get(Mdc.StII.code)).toMatchObject({ unit: 'mm', status: 'valid' });
  });

  it('agrees with the numerics JVSCapture decoded at RelativeTime 1,971,200', () => {
    const poll = newDecoder();
    const observations: Observation[] = [];
    for (const wire of captureWireFrames()) {
      const batch = poll.push(wire, T);
      const message = parseDataExportMessage(userDataOf(wire));
      if (message.kind === 'poll-result' && message.relativeTime === 1_971_200) {
        observations.push(...batch.observations);
      }
    }
    const value = (code: number): number | null | undefined =>
      observations.find((o) => o.code === code)?.value;
    // decoded-numerics.csv, first row: HR 60, ST I, II, III, aVR, aVL, aVF, V, MCL.
    expect(value(Mdc.HeartRate.code)).toBe(60);
    expect(
      [Mdc.StI, Mdc.StII, Mdc.StIII, Mdc.StAvr, Mdc.StAvl, Mdc.StAvf, Mdc.StV, Mdc.StMcl].map((t) =>
        value(t.code),
      ),
    ).toEqual([-0.9, -1.5, -0.5, 1.2, -0.1, -1.0, 0.7, 0.8]);
  });

  it('decodes the same whatever the chunking (here: byte by byte)', () => {
    const head = CAPTURE.subarray(0, 60_000);
    const whole = decode(newDecoder(), head, head.length);
    const bytewise = decode(newDecoder(), head, 1);
    expect(bytewise.waves.map((w) => [w.code, w.seq, [...w.samples]])).toEqual(
      whole.waves.map((w) => [w.code, w.seq, [...w.samples]]),
    );
    expect(bytewise.observations.map((o) => [o.code, o.value, o.status])).toEqual(
      whole.observations.map((o) => [o.code, o.value, o.status]),
    );
  });
});

describe('IntelliVueDecoder with damaged input (REAL frames, damaged here)', () => {
  it('counts a corrupted wave frame, leaves a gap of exactly its samples and decodes on', () => {
    const frames = captureWireFrames().map((f) => f.slice());
    const damagedIndex = 40;
    const damaged = frames[damagedIndex];
    if (!damaged) throw new Error('no frame');
    expect(parseDataExportMessage(userDataOf(damaged))).toMatchObject({ objectClass: 9 });
    damaged[200] = (damaged[200] ?? 0) ^ 0x10;
    const decoder = newDecoder();
    const { waves } = decode(decoder, Uint8Array.from(frames.flatMap((f) => [...f])));
    expect(decoder.counters).toMatchObject({ frames: 2886, checksumErrors: 1, sampleGaps: 4 });
    for (const [code, segments] of byCode(waves)) {
      const jumps = segments.slice(1).flatMap((s, i) => {
        const previous = segments[i];
        const expected = previous ? previous.seq + previous.samples.length : 0;
        return s.seq === expected ? [] : [s.seq - expected];
      });
      expect(jumps).toEqual([code === Mdc.Pleth.code ? 32 : 64]);
    }
  });

  it('skips noise between frames and counts it', () => {
    const frames = captureWireFrames().slice(0, 300);
    const noise = Uint8Array.of(0x00, 0x41, 0x7d, 0xc0, 0x13, 0x37);
    const noisy = Uint8Array.from(frames.flatMap((f) => [...noise, ...f]));
    const decoder = newDecoder();
    decode(decoder, noisy, 777);
    expect(decoder.counters).toMatchObject({
      frames: 300,
      checksumErrors: 0,
      discardedBytes: 300 * noise.length,
      sampleGaps: 0,
    });
  });
});

// ---- HAND-BUILT messages (layouts from PROTOCOL.md) ----

const NU = 0x06;
const WAVE = 0x09;
const ALERTS = 0x36;

function frame(userData: Uint8Array): Uint8Array {
  return encodeIntelliVueFrame(userData);
}

function float(value: number, exponent = 0): number {
  return encodeIntelliVueFloat(value, exponent);
}

function numerics(...values: number[][]): Uint8Array {
  return frame(
    pollResult({
      relativeTime: 8000,
      objectClass: NU,
      observations: values.map((v, i) => ({ handle: 100 + i, attributes: [v] })),
    }),
  );
}

describe('IntelliVueDecoder numerics (HAND-BUILT)', () => {
  it('maps MeasurementState and FLOAT specials to status, value and demo', () => {
    const { observations } = decode(
      newDecoder(),
      numerics(
        ava(0x0950, numericValue(0x4182, 0x0000, 0x0aa0, float(72))),
        ava(0x0950, numericValue(0x4bb8, 0x4000, 0x0220, float(95))),
        ava(0x0950, numericValue(0x500a, 0x0400, 0x0ae0, float(14))),
        ava(0x0950, numericValue(0x4b48, 0x2000, 0x17a0, float(37.2, -1))),
        ava(0x0950, numericValue(0x50b0, 0x8000, 0x0f20, float(38))),
        ava(0x0950, numericValue(0x4822, 0x0000, 0x0aa0, float(NaN))),
        ava(0x0950, numericValue(0x4a15, 0x0000, 0x0f20, float(Infinity))),
        ava(0x0950, numericValue(0x4b48, 0x1000, 0x1234, float(36.5, -1))),
      ),
    );
    expect(observations.map((o) => [o.code, o.value, o.unit, o.status, o.demo])).toEqual([
      [Mdc.HeartRate.code, 72, '{beat}/min', 'valid', false],
      [Mdc.SpO2.code, 95, '%', 'questionable', false],
      [Mdc.RespRate.code, 14, '{breath}/min', 'valid', true],
      [Mdc.Temperature.code, null, 'Cel', 'invalid', false],
      [Mdc.EtCo2.code, null, 'mm[Hg]', 'invalid', false],
      [Mdc.PlethPulseRate.code, null, '{beat}/min', 'invalid', false],
      [Mdc.AbpSys.code, null, 'mm[Hg]', 'invalid', false],
      // Calibrating: questionable; an unknown unit keeps its code.
      [Mdc.Temperature.code, 36.5, '{NOM_DIM 4660}', 'questionable', false],
    ]);
  });

  it('reads a compound numeric (NBP systolic / diastolic / mean)', () => {
    const nbp = ava(
      0x094b,
      list([
        numericValue(0x4a05, 0, 0x0f20, float(120)),
        numericValue(0x4a06, 0, 0x0f20, float(80)),
        numericValue(0x4a07, 0, 0x0f20, float(93)),
      ]),
    );
    const { observations } = decode(newDecoder(), numerics(nbp));
    expect(observations.map((o) => [o.code, o.value])).toEqual([
      [Mdc.NibpSys.code, 120],
      [Mdc.NibpDia.code, 80],
      [Mdc.NibpMean.code, 93],
    ]);
  });

  it('skips a value too short for its layout and keeps the others', () => {
    const { observations } = decode(
      newDecoder(),
      numerics(
        ava(0x0950, [0x41, 0x82, 0x00]),
        ava(0x0950, numericValue(0x4182, 0, 0x0aa0, float(61))),
      ),
    );
    expect(observations.map((o) => o.value)).toEqual([61]);
  });
});

/** A wave object: format attributes (first poll only) and samples. */
function waveObservation(
  handle: number,
  samples: number[],
  format: { significantBits: number; period: number; scale: number[]; unit: number } | null,
  physioId = 0x0102,
): HandBuiltObservation {
  const values = ava(0x096e, sampleArray(physioId, 0, samples));
  if (!format) return { handle, attributes: [values] };
  return {
    handle,
    attributes: [
      ava(0x096d, [...u16(samples.length), 16, format.significantBits, ...u16(0)]),
      ava(0x098d, u32(format.period)),
      ava(0x096f, format.scale),
      ava(0x0996, u16(format.unit)),
      values,
    ],
  };
}

const ECG_FORMAT = {
  significantBits: 14,
  period: 32,
  // −40.96 … 40.955 mV over 0 … 0x3FFF, as in the capture.
  scale: [...u32(0xfefff000), ...u32(0xfd009ffb), ...u16(0), ...u16(0x3fff)],
  unit: 0x10b2,
};

function wavePoll(relativeTime: number, observation: HandBuiltObservation): Uint8Array {
  return frame(pollResult({ relativeTime, objectClass: WAVE, observations: [observation] }));
}

describe('IntelliVueDecoder waves (HAND-BUILT)', () => {
  it('masks marker bits above the significant bits', () => {
    const { waves } = decode(
      newDecoder(),
      wavePoll(1000, waveObservation(7, [0x2000, 0xa000, 0x6001], ECG_FORMAT)),
    );
    expect([...(waves[0]?.samples ?? [])]).toEqual([0x2000, 0x2000, 0x2001]);
    expect(physical(waves[0], 0)).toBeCloseTo(0, 9);
  });

  it('stores 16-bit unsigned samples shifted into int16 and scales them back', () => {
    const format = {
      significantBits: 16,
      period: 64,
      scale: [...u32(float(-100)), ...u32(float(100)), ...u16(0), ...u16(0xffff)],
      unit: 0x0f20,
    };
    const { waves } = decode(
      newDecoder(),
      wavePoll(1000, waveObservation(8, [0, 0x8000, 0xffff], format, 0x4a14)),
    );
    const segment = waves[0];
    expect(segment).toMatchObject({ code: Mdc.AbpWave.code, sampleRate: 125, unit: 'mm[Hg]' });
    expect([...(segment?.samples ?? [])]).toEqual([-32768, 0, 32767]);
    expect([0, 1, 2].map((i) => physical(segment, i))).toEqual([
      expect.closeTo(-100, 9),
      expect.closeTo(0.0015, 4),
      expect.closeTo(100, 9),
    ]);
  });

  it('numbers samples from RelativeTime: a lost poll is a gap, a repeated poll is dropped', () => {
    const decoder = newDecoder();
    const four = [0x2000, 0x2001, 0x2002, 0x2003];
    // 4 samples at 32 ticks: one poll every 128 ticks.
    const { waves } = decode(
      decoder,
      Uint8Array.from([
        ...wavePoll(1000, waveObservation(7, four, ECG_FORMAT)),
        ...wavePoll(1128, waveObservation(7, four, null)),
        ...wavePoll(1128, waveObservation(7, four, null)),
        ...wavePoll(1384, waveObservation(7, four, null)),
      ]),
    );
    expect(waves.map((w) => w.seq)).toEqual([0, 4, 12]);
    expect(decoder.counters).toMatchObject({ sampleGaps: 1, decodedSamples: 12 });
    // t0 follows the monitor clock: 128 ticks = 16 ms between polls.
    expect((waves[1]?.t0 ?? 0) - (waves[0]?.t0 ?? 0)).toBeCloseTo(16, 9);
  });

  it('asks for the wave format again when samples come without it, and counts the loss', () => {
    const sent: Uint8Array[] = [];
    const decoder = newDecoder(sent);
    decoder.push(frame(mdsCreateEvent(1, 0)), T);
    const afterSetup = sent.length;
    const batch = decoder.push(wavePoll(1000, waveObservation(9, [1, 2, 3], null)), T + 10_000);
    expect(batch.waves).toEqual([]);
    expect(decoder.counters.sampleGaps).toBe(1);
    const requests = sent.slice(afterSetup).map((b) => parseDataExportMessage(userDataOf(b)));
    expect(requests).toContainEqual(
      expect.objectContaining({ kind: 'poll-request', objectClass: WAVE }),
    );
  });

  it('marks a gap when a new association restarts the monitor clock', () => {
    const decoder = newDecoder();
    const two = [0x2000, 0x2001];
    const { waves } = decode(
      decoder,
      Uint8Array.from([
        ...wavePoll(5000, waveObservation(7, two, ECG_FORMAT)),
        ...frame(mdsCreateEvent(2, 0)),
        ...wavePoll(100, waveObservation(7, two, null)),
      ]),
    );
    expect(waves.map((w) => w.seq)).toEqual([0, 3]);
    expect(decoder.counters.sampleGaps).toBe(1);
  });
});

/** DevAlarmEntry: source, code, AlertType, AlertState, object, info id, info. */
function alarmEntry(source: number, code: number, type: number, text: string | null): number[] {
  const general = [...u16(0), ...u32(0x00020000), ...u16(0), ...u16(0)];
  const info =
    text === null
      ? general
      : [
          ...general,
          ...u16((text.length + 1) * 2),
          ...[...text, '\0'].flatMap((c) => u16(c.charCodeAt(0))),
        ];
  return [
    ...u16(source),
    ...u16(code),
    ...u16(type),
    ...u16(0),
    ...[0x00, 0x06, 0, 0, 0, 0],
    ...u16(text === null ? 0x0201 : 0x0204),
    ...u16(info.length),
    ...info,
  ];
}

function alarmPoll(patient: number[][], technical: number[][]): Uint8Array {
  return frame(
    pollResult({
      relativeTime: 8000,
      objectClass: ALERTS,
      attributeGroup: 0x0801,
      observations: [
        { handle: 1, attributes: [ava(0x0902, list(patient)), ava(0x0904, list(technical))] },
      ],
    }),
  );
}

describe('IntelliVueDecoder alarms (HAND-BUILT)', () => {
  const hrHigh = alarmEntry(0x4182, 40, 0x0400, null);
  const leadsOff = alarmEntry(0x0100, 274, 0x0002, 'LEADS OFF');

  it('turns alarm list snapshots into start, continue and end', () => {
    const decoder = newDecoder();
    const first = decoder.push(alarmPoll([hrHigh], [leadsOff]), T).alarms ?? [];
    expect(first.map((a) => [a.code, a.text, a.priority, a.kind, a.phase])).toEqual([
      ['intellivue.16770.40', 'HR high', 'high', 'physiological', 'start'],
      ['intellivue.256.274', 'LEADS OFF', 'medium', 'technical', 'start'],
    ]);
    expect(first[0]).toMatchObject({ bed: 'bed-3', device: 'mp-3', time: T });
    const second = decoder.push(alarmPoll([], [leadsOff]), T + 1000).alarms ?? [];
    expect(second.map((a) => [a.code, a.phase])).toEqual([
      ['intellivue.16770.40', 'end'],
      ['intellivue.256.274', 'continue'],
    ]);
    const third = decoder.push(alarmPoll([], []), T + 2000).alarms ?? [];
    expect(third.map((a) => [a.code, a.phase])).toEqual([['intellivue.256.274', 'end']]);
    expect(decoder.push(alarmPoll([], []), T + 3000).alarms).toBeUndefined();
  });

  it('maps low priority and names unknown sources and events by number', () => {
    const decoder = newDecoder();
    const alarms = decoder.push(alarmPoll([alarmEntry(0x7777, 9999, 0x0100, null)], []), T).alarms;
    expect(alarms?.map((a) => [a.text, a.priority, a.kind])).toEqual([
      ['source 30583 alert 9999', 'low', 'physiological'],
    ]);
  });
});
