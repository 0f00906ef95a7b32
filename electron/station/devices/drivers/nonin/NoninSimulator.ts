/**
 * A simulated Nonin oximeter speaking Data Format 7 at its real line rate. The pleth waveform is
 * GENERATED (a synthetic pulse with a dicrotic notch, breathing wander and seeded noise), not
 * recorded from a patient.
 */
import type { DeviceSimulator, SimulatorOptions } from '../DeviceDriver.js';
import {
  NONIN_FRAME_LENGTH,
  NONIN_FRAME_RATE,
  NONIN_FRAMES_PER_PACKET,
  NONIN_MISSING_HR,
  NONIN_MISSING_SPO2,
  NoninDataSlot,
  NoninStatus,
  encodeNoninFrame,
  encodeNoninHeartRate,
  type NoninFrame,
} from './NoninFormat7Codec.js';

export interface NoninSimulatorOptions extends SimulatorOptions {
  spo2?: number;
  pulseRate?: number;
  seed?: number;
}

const DEFAULT_SPO2 = 97;
const DEFAULT_PULSE_RATE = 72;
const DEFAULT_SEED = 1;
/** Highest rate the 9-bit field carries below the missing-data value 511. */
const MAX_PULSE_RATE = 510;
/** Arbitrary; a real device reports its firmware revision here. */
const FIRMWARE_REVISION = 0x2a;
/** The 1/3 s timer is 14 bits, sent 7 bits per byte. */
const TIMER_MASK = 0x3fff;

const PLETH_BASELINE = 24_000;
const PLETH_PULSE_AMPLITUDE = 16_000;
const PLETH_BREATH_AMPLITUDE = 800;
const PLETH_NOISE = 60;
const BREATHS_PER_SECOND = 0.25;
/** Nonin sets the perfusion bits for 12 frames (160 ms) at each pulse. */
const PERFUSION_FRAMES = 12;
const BEAT_AMPLITUDE_JITTER = 0.06;

const TICK_MS = 40;

/** mulberry32: small, fast and good enough for repeatable signal variation. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

function gaussian(x: number, centre: number, width: number): number {
  const z = (x - centre) / width;
  return Math.exp(-0.5 * z * z);
}

/** One heartbeat over phase 0..1: systolic peak, then the dicrotic wave after the notch. */
function pulseShape(phase: number): number {
  return gaussian(phase, 0.2, 0.065) + 0.45 * gaussian(phase, 0.48, 0.09);
}

/** Values are sent rounded, so the rounded value is what must fit. */
function checkSetting(name: string, value: number, max: number): void {
  if (!Number.isFinite(value) || value < 0 || Math.round(value) > max) {
    throw new RangeError(`${name} ${value} is outside 0..${max}`);
  }
}

interface PacketValues {
  heartRate: number;
  spo2: number;
}

/** Produces the frames of a Format 7 stream one at a time; no timers, so tests can drive it. */
export class NoninFrameGenerator {
  private spo2 = DEFAULT_SPO2;
  private pulseRate = DEFAULT_PULSE_RATE;
  private sensorOff = false;
  private readonly random: () => number;
  private frameCount = 0;
  /** The stream starts at the onset of a beat. */
  private beatPhase = 0;
  private framesSinceBeat = 0;
  private beatAmplitude = 1;
  private packetValues: PacketValues;

  constructor(options: NoninSimulatorOptions = {}) {
    if (options.spo2 !== undefined) this.setSpO2(options.spo2);
    if (options.pulseRate !== undefined) this.setPulseRate(options.pulseRate);
    this.random = seededRandom(options.seed ?? DEFAULT_SEED);
    this.packetValues = this.currentValues();
  }

  setSpO2(spo2: number): void {
    checkSetting('SpO2', spo2, 100);
    this.spo2 = spo2;
  }

  setPulseRate(pulseRate: number): void {
    checkSetting('pulse rate', pulseRate, MAX_PULSE_RATE);
    this.pulseRate = pulseRate;
  }

  /** Finger out of the probe: sensor alarm set, values missing, no pulse on the pleth. */
  setSensorOff(off: boolean): void {
    this.sensorOff = off;
  }

  nextFrame(): NoninFrame {
    const slot = this.frameCount % NONIN_FRAMES_PER_PACKET;
    // Values are latched per packet so a packet never mixes two readings.
    if (slot === 0) this.packetValues = this.currentValues();
    const frame = { status: this.status(slot), pleth: this.pleth(), data: this.dataByte(slot) };
    this.frameCount += 1;
    this.advanceBeat();
    return frame;
  }

  nextBytes(frames: number): Uint8Array {
    const bytes = new Uint8Array(frames * NONIN_FRAME_LENGTH);
    for (let i = 0; i < frames; i++) {
      bytes.set(encodeNoninFrame(this.nextFrame()), i * NONIN_FRAME_LENGTH);
    }
    return bytes;
  }

  private currentValues(): PacketValues {
    if (this.sensorOff) return { heartRate: NONIN_MISSING_HR, spo2: NONIN_MISSING_SPO2 };
    return { heartRate: Math.round(this.pulseRate), spo2: Math.round(this.spo2) };
  }

  private status(slot: number): number {
    let status = NoninStatus.START;
    if (slot === 0) status |= NoninStatus.SYNC;
    if (this.sensorOff) return status | NoninStatus.SENSOR_ALARM;
    if (this.framesSinceBeat < PERFUSION_FRAMES) status |= NoninStatus.GREEN_PERFUSION;
    return status;
  }

  private pleth(): number {
    const seconds = this.frameCount / NONIN_FRAME_RATE;
    const breath = PLETH_BREATH_AMPLITUDE * Math.sin(2 * Math.PI * BREATHS_PER_SECOND * seconds);
    const noise = PLETH_NOISE * (this.random() * 2 - 1);
    const pulse = this.sensorOff
      ? 0
      : PLETH_PULSE_AMPLITUDE * this.beatAmplitude * pulseShape(this.beatPhase);
    const value = Math.round(PLETH_BASELINE + pulse + (this.sensorOff ? 0 : breath) + noise);
    return Math.min(0xffff, Math.max(0, value));
  }

  private advanceBeat(): void {
    this.framesSinceBeat += 1;
    this.beatPhase += this.pulseRate / 60 / NONIN_FRAME_RATE;
    if (this.beatPhase < 1) return;
    this.beatPhase -= Math.floor(this.beatPhase);
    this.framesSinceBeat = 0;
    this.beatAmplitude = 1 + BEAT_AMPLITUDE_JITTER * (this.random() * 2 - 1);
  }

  private dataByte(slot: number): number {
    const { heartRate, spo2 } = this.packetValues;
    const hr = encodeNoninHeartRate(heartRate);
    const timer = Math.floor(this.frameCount / NONIN_FRAMES_PER_PACKET) & TIMER_MASK;
    switch (slot) {
      case NoninDataSlot.HR_MSB:
      case NoninDataSlot.EXTENDED_HR_MSB:
      case NoninDataSlot.HR_DISPLAY_MSB:
      case NoninDataSlot.EXTENDED_HR_DISPLAY_MSB:
        return hr.msb;
      case NoninDataSlot.HR_LSB:
      case NoninDataSlot.EXTENDED_HR_LSB:
      case NoninDataSlot.HR_DISPLAY_LSB:
      case NoninDataSlot.EXTENDED_HR_DISPLAY_LSB:
        return hr.lsb;
      case NoninDataSlot.SPO2:
      case NoninDataSlot.SPO2_DISPLAY:
      case NoninDataSlot.SPO2_FAST:
      case NoninDataSlot.SPO2_BEAT_TO_BEAT:
      case NoninDataSlot.EXTENDED_SPO2:
      case NoninDataSlot.EXTENDED_SPO2_DISPLAY:
        return spo2;
      case NoninDataSlot.FIRMWARE_REVISION:
        return FIRMWARE_REVISION;
      case NoninDataSlot.TIMER_MSB:
        return timer >> 7;
      case NoninDataSlot.TIMER_LSB:
        return timer & 0x7f;
      default:
        // STAT2 (no low battery, no SmartPoint) and the reserved slots.
        return 0;
    }
  }
}

/** Paces the generator at exactly 75 frames/s, counting due frames from elapsed time. */
export class NoninSimulator implements DeviceSimulator {
  private readonly generator: NoninFrameGenerator;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: NoninSimulatorOptions = {}) {
    this.generator = new NoninFrameGenerator(options);
  }

  start(write: (bytes: Uint8Array) => void): void {
    this.stop();
    const startedAt = performance.now();
    let sent = 0;
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - startedAt) * NONIN_FRAME_RATE) / 1000);
      if (due <= sent) return;
      const bytes = this.generator.nextBytes(due - sent);
      sent = due;
      write(bytes);
    }, TICK_MS);
  }

  stop(): void {
    if (this.timer === null) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  setSpO2(spo2: number): void {
    this.generator.setSpO2(spo2);
  }

  setPulseRate(pulseRate: number): void {
    this.generator.setPulseRate(pulseRate);
  }

  setSensorOff(off: boolean): void {
    this.generator.setSensorOff(off);
  }
}
