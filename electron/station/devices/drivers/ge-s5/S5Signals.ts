/**
 * Waveforms for the simulated S/5, in the monitor's own units. All GENERATED (sums of Gaussian
 * bumps shaped like a PQRST complex, an arterial pulse, a capnogram), not recorded from a
 * patient, except the ECG when a recording is passed in: that is resampled to the S/5's 300 Hz.
 */

/** Sample rates of the S/5 waves (DRI spec table 5-3). */
const ECG_RATE = 300;
const PRESSURE_RATE = 100;
const GAS_RATE = 25;

function gaussian(x: number, centre: number, width: number): number {
  const z = (x - centre) / width;
  return Math.exp(-0.5 * z * z);
}

function clampInt16(value: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(value)));
}

/** A recording to play as ECG, e.g. MIT-BIH samples with their rate and gain. */
export interface RecordedEcgInput {
  samples: Int16Array;
  sampleRate: number;
  mvPerUnit: number;
}

/** One wave's sample source; each call continues where the previous one stopped. */
export interface WaveSource {
  next(count: number): Int16Array;
}

export interface Vitals {
  heartRate: number;
  respRate: number;
  abpSys: number;
  abpDia: number;
  /** Pleth modulation peak, %. */
  plethAmplitude: number;
  /** End-tidal CO2, %. */
  etCo2Percent: number;
}

/** Advances a 0..1 phase at `perMinute` cycles a minute, sample by sample. */
class Phase {
  private value: number;

  constructor(start: number) {
    this.value = start;
  }

  step(perMinute: number, sampleRate: number): number {
    const current = this.value;
    this.value = (this.value + perMinute / 60 / sampleRate) % 1;
    return current;
  }
}

/** PQRST in µV over one beat. */
function ecgShape(phase: number): number {
  return (
    150 * gaussian(phase, 0.16, 0.025) -
    120 * gaussian(phase, 0.245, 0.008) +
    1100 * gaussian(phase, 0.26, 0.01) -
    250 * gaussian(phase, 0.28, 0.01) +
    300 * gaussian(phase, 0.5, 0.045)
  );
}

/** Arterial pulse 0..1: systolic peak, then the dicrotic wave after the notch. */
function pulseShape(phase: number): number {
  return Math.min(1, gaussian(phase, 0.3, 0.07) + 0.4 * gaussian(phase, 0.55, 0.08));
}

/** Capnogram 0..1 over one breath: inspiration at zero, expiratory upstroke, sloping plateau. */
function capnogramShape(phase: number): number {
  if (phase < 0.45) return 0;
  if (phase < 0.52) return (0.9 * (phase - 0.45)) / 0.07;
  if (phase < 0.95) return 0.9 + (0.1 * (phase - 0.52)) / 0.43;
  return (1 - phase) / 0.05;
}

export class GeneratedEcg implements WaveSource {
  private readonly phase = new Phase(0);

  constructor(
    private readonly vitals: () => Vitals,
    private readonly random: () => number,
  ) {}

  next(count: number): Int16Array {
    const out = new Int16Array(count);
    for (let i = 0; i < count; i++) {
      const noise = 12 * (this.random() * 2 - 1);
      out[i] = clampInt16(ecgShape(this.phase.step(this.vitals().heartRate, ECG_RATE)) + noise);
    }
    return out;
  }
}

/** Plays a recording in a loop at the S/5's ECG rate, in µV, interpolating between its samples. */
export class ResampledEcg implements WaveSource {
  private position = 0;
  private readonly step: number;

  constructor(private readonly recording: RecordedEcgInput) {
    if (recording.samples.length < 2 || !(recording.sampleRate > 0)) {
      throw new RangeError('an ECG recording needs at least two samples and a positive rate');
    }
    this.step = recording.sampleRate / ECG_RATE;
  }

  next(count: number): Int16Array {
    const { samples, mvPerUnit } = this.recording;
    const out = new Int16Array(count);
    for (let i = 0; i < count; i++) {
      const at = Math.floor(this.position);
      const fraction = this.position - at;
      const a = samples[at] ?? 0;
      const b = samples[(at + 1) % samples.length] ?? a;
      out[i] = clampInt16((a + (b - a) * fraction) * mvPerUnit * 1000);
      this.position = (this.position + this.step) % samples.length;
    }
    return out;
  }
}

/** Samples of a periodic shape scaled into the monitor's units. */
export class ShapedWave implements WaveSource {
  private readonly phase: Phase;

  constructor(
    private readonly sampleRate: number,
    private readonly cyclesPerMinute: () => number,
    private readonly value: (phase: number) => number,
    startPhase = 0,
  ) {
    this.phase = new Phase(startPhase);
  }

  next(count: number): Int16Array {
    const out = new Int16Array(count);
    for (let i = 0; i < count; i++) {
      out[i] = clampInt16(this.value(this.phase.step(this.cyclesPerMinute(), this.sampleRate)));
    }
    return out;
  }
}

/** The pressure pulse reaches the arm and the finger after the QRS: start them later in the beat. */
const ABP_DELAY = 0.08;
const PLETH_DELAY = 0.15;

export function arterialPressure(vitals: () => Vitals): WaveSource {
  return new ShapedWave(
    PRESSURE_RATE,
    () => vitals().heartRate,
    (p) => {
      const v = vitals();
      return 100 * (v.abpDia + (v.abpSys - v.abpDia) * pulseShape(p));
    },
    1 - ABP_DELAY,
  );
}

export function plethysmogram(vitals: () => Vitals): WaveSource {
  return new ShapedWave(
    PRESSURE_RATE,
    () => vitals().heartRate,
    (p) => 100 * vitals().plethAmplitude * pulseShape(p),
    1 - PLETH_DELAY,
  );
}

export function capnogram(vitals: () => Vitals): WaveSource {
  return new ShapedWave(
    GAS_RATE,
    () => vitals().respRate,
    (p) => 100 * vitals().etCo2Percent * capnogramShape(p),
  );
}

/** Thoracic impedance swing of ±0.5 Ω with each breath, in 1/100 Ω. */
export function impedanceRespiration(vitals: () => Vitals): WaveSource {
  return new ShapedWave(
    GAS_RATE,
    () => vitals().respRate,
    (p) => 50 * Math.sin(2 * Math.PI * p),
  );
}
