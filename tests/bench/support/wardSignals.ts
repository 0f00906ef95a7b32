/**
 * One second of a bed's signals for the store bench, deterministic per (bed, second): ECG is the
 * real MIT-BIH 208 excerpt (360 Hz ADC values replayed as a 500 Hz stream, not resampled: its
 * shape is real, its tempo faster); pleth, respiration and arterial pressure are generated here,
 * with noise, because the project ships no real recordings of them.
 */
import { decodeMitBih208 } from '../../../electron/station/devices/simulators/MitBihEcg.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Mdc } from '../../../electron/contract/mdc.js';
import type { Observation, WaveSegment } from '../../../electron/contract/domain.js';

export interface BenchWave {
  code: number;
  rate: number;
  scale: number;
  unit: string;
  label: string;
}

export const BENCH_WAVES: readonly BenchWave[] = [
  { code: Mdc.EcgII.code, rate: 500, scale: 0.005, unit: 'mV', label: 'ECG (MIT-BIH 208, real)' },
  { code: Mdc.Pleth.code, rate: 125, scale: 1, unit: '1', label: 'pleth (generated)' },
  {
    code: Mdc.RespImpedanceWave.code,
    rate: 62.5,
    scale: 0.01,
    unit: 'Ohm',
    label: 'resp (generated)',
  },
  { code: Mdc.AbpWave.code, rate: 125, scale: 0.1, unit: 'mm[Hg]', label: 'ABP (generated)' },
];

const NUMERICS = [
  Mdc.HeartRate,
  Mdc.SpO2,
  Mdc.PulseRateOximeter,
  Mdc.RespRate,
  Mdc.AbpSys,
  Mdc.AbpDia,
  Mdc.AbpMean,
  Mdc.Temperature,
];

export const BENCH_NUMERIC_CODES = NUMERICS.map((t) => t.code);

export function loadBenchEcg(): Int16Array {
  return decodeMitBih208(
    readFileSync(join('resources', 'demo', 'mitbih-208-mlii-360hz-120s.u16le')),
  ).samples;
}

/** A small, fast, seeded noise source (xorshift), so every run writes the same data. */
function noise(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) / 4294967296) * 2 - 1;
  };
}

/** A pulse-like shape in [0, 1] for phase in [0, 1): fast upstroke, dicrotic notch, decay. */
function pulse(phase: number): number {
  const up = Math.min(1, phase / 0.12);
  const decay = Math.exp(-(phase - 0.12) * 4);
  const notch = 0.12 * Math.exp(-(((phase - 0.42) / 0.04) ** 2));
  return phase < 0.12 ? up * up : decay * 0.85 + notch;
}

/** First sample of second `second` (62.5 Hz seconds hold 62 or 63 samples). */
export function firstSampleOf(wave: BenchWave, second: number): number {
  return Math.floor(second * wave.rate);
}

/** Samples of `wave` for second `second` of bed `bed`. */
export function waveSamples(ecg: Int16Array, wave: BenchWave, bed: number, second: number) {
  const start = firstSampleOf(wave, second);
  const count = firstSampleOf(wave, second + 1) - start;
  const n = noise(bed * 7919 + second * 104729 + wave.code);
  const samples = new Int16Array(count);
  const beatSeconds = 60 / (70 + bed);
  for (let i = 0; i < count; i++) {
    const t = (start + i) / wave.rate;
    const phase = (t / beatSeconds) % 1;
    switch (wave.code) {
      case Mdc.EcgII.code:
        samples[i] = ecg[(bed * 3_600 + start + i) % ecg.length]!;
        break;
      case Mdc.Pleth.code:
        samples[i] = Math.round(2_000 * pulse(phase) + 12 * n());
        break;
      case Mdc.RespImpedanceWave.code:
        samples[i] = Math.round(1_500 * Math.sin(2 * Math.PI * 0.25 * t) + 20 * n());
        break;
      default:
        // 80/120 mmHg in 0.1 mmHg steps.
        samples[i] = Math.round(800 + 400 * pulse(phase) + 3 * n());
    }
  }
  return samples;
}

/**
 * `frames` segments per wave for one second of one bed, as a device would send them; `start` is
 * the time of the stream's first sample.
 */
export function bedSecondWaves(
  ecg: Int16Array,
  bed: number,
  second: number,
  start: number,
  frames: number,
): WaveSegment[] {
  return BENCH_WAVES.flatMap((wave) => {
    const samples = waveSamples(ecg, wave, bed, second);
    const seq = firstSampleOf(wave, second);
    const per = Math.ceil(samples.length / frames);
    return Array.from({ length: frames }, (_, f) => ({
      bed: `bed-${bed + 1}`,
      device: `bed-${bed + 1}/monitor`,
      code: wave.code,
      sampleRate: wave.rate,
      t0: start + ((seq + f * per) * 1000) / wave.rate,
      seq: seq + f * per,
      samples: samples.subarray(f * per, (f + 1) * per),
      scale: wave.scale,
      offset: 0,
      unit: wave.unit,
      demo: false,
    })).filter((segment) => segment.samples.length > 0);
  });
}

export function bedSecondNumerics(bed: number, second: number, time: number): Observation[] {
  return NUMERICS.map((term, i) => ({
    bed: `bed-${bed + 1}`,
    device: `bed-${bed + 1}/monitor`,
    code: term.code,
    value: 50 + ((second * 7 + bed * 3 + i * 11) % 50),
    unit: term.ucum,
    time,
    status: 'valid' as const,
    demo: false,
  }));
}
