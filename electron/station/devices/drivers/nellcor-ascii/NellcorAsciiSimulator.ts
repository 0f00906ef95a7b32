/**
 * A simulated N-595 printing its data port output at 9600 baud: the header, then a data line
 * every 2 s, the header again after every 25 lines. Values are GENERATED (the set values, seeded
 * jitter on the pulse amplitude), not recorded. Like the device it prints its own limit alarms
 * (SpO2 outside 85–100 %, pulse rate outside 40–170/min) and SO when the sensor is off.
 */
import type { DeviceSimulator, SimulatorOptions } from '../DeviceDriver.js';
import { deviceClockAt } from '../shared/DeviceClock.js';
import { LinePacer } from '../shared/LinePacer.js';
import { seededRandom } from '../shared/seededRandom.js';
import {
  NELLCOR_LINE_BYTES_PER_SECOND,
  NELLCOR_LINE_INTERVAL_MS,
  NELLCOR_LINES_PER_HEADER,
  NellcorStatus,
  formatNellcorDataLine,
  formatNellcorHeader,
} from './NellcorAsciiCodec.js';

export interface NellcorSimulatorOptions extends SimulatorOptions {
  spo2?: number;
  pulseRate?: number;
  /** The device clock at the first line, ms since 1970; the station's clock if left out. */
  clockStart?: number;
}

const LIMITS: { spo2: [number, number]; pulseRate: [number, number] } = {
  spo2: [85, 100],
  pulseRate: [40, 170],
};
const PULSE_AMPLITUDE = 50;
const TICK_MS = 40;

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} ${value} is outside ${min}..${max}`);
  }
}

/** The device's output one data line (with any header before it) at a time, without timers. */
export class NellcorLineGenerator {
  private spo2: number;
  private pulseRate: number;
  private sensorOff = false;
  private readonly random: () => number;
  private readonly clockStart: number;
  private lineCount = 0;

  constructor(options: NellcorSimulatorOptions = {}) {
    this.spo2 = options.spo2 ?? 97;
    this.pulseRate = options.pulseRate ?? 72;
    checkRange('SpO2', this.spo2, 1, 100);
    checkRange('pulse rate', this.pulseRate, 20, 250);
    this.random = seededRandom(options.seed ?? 1);
    this.clockStart = options.clockStart ?? Date.now();
  }

  setSpO2(spo2: number): void {
    checkRange('SpO2', spo2, 1, 100);
    this.spo2 = spo2;
  }

  setPulseRate(pulseRate: number): void {
    checkRange('pulse rate', pulseRate, 20, 250);
    this.pulseRate = pulseRate;
  }

  /** Sensor off the patient: dashes for the values and SO. */
  setSensorOff(off: boolean): void {
    this.sensorOff = off;
  }

  /** The next data line, preceded by the header when one is due. */
  nextOutput(): string {
    const header =
      this.lineCount % NELLCOR_LINES_PER_HEADER === 0 ? formatNellcorHeader(LIMITS) : '';
    const clock = deviceClockAt(this.clockStart + this.lineCount * NELLCOR_LINE_INTERVAL_MS);
    this.lineCount += 1;
    const amplitude = PULSE_AMPLITUDE + Math.round(10 * (this.random() - 0.5));
    if (this.sensorOff) {
      const none = { spo2: null, pulseRate: null, pulseAmplitude: null };
      return header + formatNellcorDataLine(clock, none, [NellcorStatus.SENSOR_OFF]);
    }
    const spo2 = Math.round(this.spo2);
    const pulseRate = Math.round(this.pulseRate);
    const values = { spo2, pulseRate, pulseAmplitude: amplitude };
    return header + formatNellcorDataLine(clock, values, this.limitAlarms(spo2, pulseRate));
  }

  private limitAlarms(spo2: number, pulseRate: number): string[] {
    const codes: string[] = [];
    if (spo2 < LIMITS.spo2[0]) codes.push(NellcorStatus.SPO2_LOW);
    if (spo2 > LIMITS.spo2[1]) codes.push(NellcorStatus.SPO2_HIGH);
    if (pulseRate < LIMITS.pulseRate[0]) codes.push(NellcorStatus.PULSE_RATE_LOW);
    if (pulseRate > LIMITS.pulseRate[1]) codes.push(NellcorStatus.PULSE_RATE_HIGH);
    return codes;
  }
}

const ascii = new TextEncoder();

/** Prints every 2 s, the first output at once, paced to the 9600-baud line. */
export class NellcorAsciiSimulator implements DeviceSimulator {
  private readonly generator: NellcorLineGenerator;
  private timer: ReturnType<typeof setInterval> | null = null;
  private pacer: LinePacer | null = null;

  constructor(options: NellcorSimulatorOptions = {}) {
    this.generator = new NellcorLineGenerator(options);
  }

  start(write: (bytes: Uint8Array) => void): void {
    this.stop();
    const startedAt = performance.now();
    const pacer = new LinePacer(NELLCOR_LINE_BYTES_PER_SECOND, write);
    this.pacer = pacer;
    let sent = 0;
    const tick = (): void => {
      const due = Math.floor((performance.now() - startedAt) / NELLCOR_LINE_INTERVAL_MS) + 1;
      for (; sent < due; sent++) pacer.enqueue(ascii.encode(this.generator.nextOutput()));
      pacer.flush();
    };
    this.timer = setInterval(tick, TICK_MS);
    tick();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.pacer?.clear();
    this.pacer = null;
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
