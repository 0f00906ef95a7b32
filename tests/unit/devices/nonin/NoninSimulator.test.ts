import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation, WaveSegment } from '../../../../electron/contract/domain.js';
import { NoninDecoder } from '../../../../electron/station/devices/drivers/nonin/NoninDecoder.js';
import {
  NoninFrameGenerator,
  NoninSimulator,
} from '../../../../electron/station/devices/drivers/nonin/NoninSimulator.js';
import { noninFormat7Driver } from '../../../../electron/station/devices/drivers/nonin/index.js';

const CONTEXT = { bed: 'bed-1', device: 'sim-1', demo: true };
const T = 1_700_000_000_000;
const SPO2 = 150456;
const PULSE_RATE = 149530;

interface Decoded {
  observations: Observation[];
  waves: WaveSegment[];
}

/** Feeds `seconds` of generator output to a decoder in 40 ms chunks, as the simulator paces it. */
function decodeSeconds(
  generator: NoninFrameGenerator,
  decoder: NoninDecoder,
  seconds: number,
  startAt = T,
): Decoded {
  const decoded: Decoded = { observations: [], waves: [] };
  for (let frame = 0; frame < seconds * 75; frame += 3) {
    const batch = decoder.push(generator.nextBytes(3), startAt + ((frame + 3) * 1000) / 75);
    decoded.observations.push(...batch.observations);
    decoded.waves.push(...batch.waves);
  }
  return decoded;
}

function valuesOf(observations: Observation[], code: number): Array<number | null> {
  return observations.filter((o) => o.code === code).map((o) => o.value);
}

function samplesOf(waves: WaveSegment[]): number[] {
  return waves.flatMap((w) => [...w.samples]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('NoninFrameGenerator', () => {
  it('is repeatable for a seed and varies between seeds', () => {
    const a = new NoninFrameGenerator({ seed: 5 }).nextBytes(750);
    const b = new NoninFrameGenerator({ seed: 5 }).nextBytes(750);
    const c = new NoninFrameGenerator({ seed: 6 }).nextBytes(750);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('decodes back to the SpO2 and pulse rate it was set to, 75 samples a second', () => {
    const decoder = new NoninDecoder(CONTEXT);
    const decoded = decodeSeconds(
      new NoninFrameGenerator({ spo2: 93, pulseRate: 88 }),
      decoder,
      10,
    );
    // 30 packets; the last one is confirmed only by a SYNC that has not come yet.
    expect(valuesOf(decoded.observations, SPO2)).toEqual(Array(29).fill(93));
    expect(valuesOf(decoded.observations, PULSE_RATE)).toEqual(Array(29).fill(88));
    expect(decoded.observations.every((o) => o.status === 'valid' && o.demo)).toBe(true);
    expect(samplesOf(decoded.waves)).toHaveLength(750);
    expect(decoded.waves.every((w) => w.sampleRate === 75)).toBe(true);
    expect(decoder.counters).toMatchObject({ frames: 750, checksumErrors: 0, sampleGaps: 0 });
  });

  it('follows SpO2, pulse rate and sensor-off changes made while running', () => {
    const generator = new NoninFrameGenerator({ spo2: 97, pulseRate: 70 });
    const decoder = new NoninDecoder(CONTEXT);
    decodeSeconds(generator, decoder, 2);
    generator.setSpO2(85);
    generator.setPulseRate(140);
    const changed = decodeSeconds(generator, decoder, 2, T + 2000);
    expect(valuesOf(changed.observations, SPO2).slice(-3)).toEqual([85, 85, 85]);
    expect(valuesOf(changed.observations, PULSE_RATE).slice(-3)).toEqual([140, 140, 140]);

    generator.setSensorOff(true);
    const off = decodeSeconds(generator, decoder, 2, T + 4000);
    expect(off.observations.slice(-4).map((o) => [o.value, o.status])).toEqual(
      Array(4).fill([null, 'invalid']),
    );

    generator.setSensorOff(false);
    const on = decodeSeconds(generator, decoder, 2, T + 6000);
    expect(on.observations.slice(-2).map((o) => [o.value, o.status])).toEqual([
      [85, 'valid'],
      [140, 'valid'],
    ]);
  });

  it('draws one pulse per beat, each with a dicrotic notch', () => {
    const decoded = decodeSeconds(
      new NoninFrameGenerator({ pulseRate: 60 }),
      new NoninDecoder(CONTEXT),
      10,
    );
    const pleth = samplesOf(decoded.waves);
    const threshold = Math.min(...pleth) + 0.6 * (Math.max(...pleth) - Math.min(...pleth));
    const rises = pleth.filter(
      (v, i) => i > 0 && v >= threshold && (pleth[i - 1] ?? v) < threshold,
    );
    expect(rises).toHaveLength(10);
    // At 60/min a beat is 75 samples: systolic peak near phase 0.2, notch near 0.33 and
    // dicrotic wave near 0.48.
    const at = (phase: number): number => pleth[Math.round(phase * 75)] ?? NaN;
    expect(at(0.2)).toBeGreaterThan(at(0.48));
    expect(at(0.48) - at(0.33)).toBeGreaterThan(1000);
  });

  it('rejects settings the format cannot carry', () => {
    const generator = new NoninFrameGenerator();
    expect(() => generator.setSpO2(101)).toThrow(RangeError);
    expect(() => generator.setSpO2(Number.NaN)).toThrow(RangeError);
    expect(() => generator.setPulseRate(-1)).toThrow(RangeError);
    expect(() => generator.setPulseRate(510.5)).toThrow(RangeError);
    expect(() => generator.setPulseRate(510.4)).not.toThrow();
    expect(() => new NoninFrameGenerator({ spo2: 150 })).toThrow(RangeError);
  });
});

describe('NoninSimulator', () => {
  it('writes whole frames at exactly 75 frames a second until stopped', () => {
    vi.useFakeTimers();
    const simulator = new NoninSimulator({ seed: 3 });
    const chunks: Uint8Array[] = [];
    simulator.start((bytes) => chunks.push(bytes));
    vi.advanceTimersByTime(10_000);
    const total = (): number => chunks.reduce((n, c) => n + c.length, 0);
    expect(total()).toBe(750 * 5);
    expect(chunks.every((c) => c.length > 0 && c.length % 5 === 0)).toBe(true);
    for (let i = 0; i < 13; i++) vi.advanceTimersByTime(769);
    vi.advanceTimersByTime(10_000 - 13 * 769);
    expect(total()).toBe(1500 * 5);

    simulator.stop();
    vi.advanceTimersByTime(5_000);
    expect(total()).toBe(1500 * 5);
  });

  it('speaks the same stream as the generator with the same options', () => {
    vi.useFakeTimers();
    const simulator = new NoninSimulator({ seed: 9, spo2: 91, pulseRate: 101 });
    const chunks: Uint8Array[] = [];
    simulator.start((bytes) => chunks.push(bytes));
    vi.advanceTimersByTime(2_000);
    simulator.stop();
    const written = Uint8Array.from(chunks.flatMap((c) => [...c]));
    expect(written).toEqual(
      new NoninFrameGenerator({ seed: 9, spo2: 91, pulseRate: 101 }).nextBytes(150),
    );
  });

  it('applies settings changed while it runs', () => {
    vi.useFakeTimers();
    const simulator = new NoninSimulator({ spo2: 91, pulseRate: 101 });
    const decoder = new NoninDecoder(CONTEXT);
    const observations: Observation[] = [];
    simulator.start((bytes) => observations.push(...decoder.push(bytes, Date.now()).observations));
    vi.advanceTimersByTime(1_000);
    simulator.setSpO2(90);
    simulator.setPulseRate(100);
    vi.advanceTimersByTime(1_000);
    simulator.setSensorOff(true);
    vi.advanceTimersByTime(1_000);
    simulator.stop();
    const distinct = (code: number): Array<number | null> => [
      ...new Set(valuesOf(observations, code)),
    ];
    expect(distinct(SPO2)).toEqual([91, 90, null]);
    expect(distinct(PULSE_RATE)).toEqual([101, 100, null]);
  });
});

describe('noninFormat7Driver', () => {
  it('describes the protocol and its serial settings', () => {
    expect(noninFormat7Driver.protocol).toBe('nonin-format7');
    expect(noninFormat7Driver.label).toBe('Nonin pulse oximeter (binary Data Format 7)');
    expect(noninFormat7Driver.serialDefaults).toEqual({
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
    });
  });

  it('creates a decoder that reads what its simulator writes', () => {
    vi.useFakeTimers();
    const simulator = noninFormat7Driver.createSimulator({ seed: 2, spo2: 99, pulseRate: 64 });
    const decoder = noninFormat7Driver.createDecoder(CONTEXT, { send: () => undefined });
    const observations: Observation[] = [];
    simulator.start((bytes) => observations.push(...decoder.push(bytes, Date.now()).observations));
    vi.advanceTimersByTime(3_000);
    simulator.stop();
    expect(valuesOf(observations, SPO2).at(-1)).toBe(99);
    expect(valuesOf(observations, PULSE_RATE).at(-1)).toBe(64);
    expect(decoder.counters).toMatchObject({ frames: 225, decodedSamples: 225, sampleGaps: 0 });
  });
});
