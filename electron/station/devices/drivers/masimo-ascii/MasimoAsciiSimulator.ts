/**
 * A simulated Radical-7 printing ASCII 1 lines once a second at 9600 baud. Values are GENERATED
 * (the set values, seeded jitter on the perfusion index), not recorded. Like the device it flags
 * its own alarm limits in ALARM (SpO2 below 90 %, pulse rate outside 50–140/min) and a removed
 * sensor in EXC.
 */
import type { DeviceSimulator, SimulatorOptions } from '../DeviceDriver.js';
import { deviceClockAt } from '../shared/DeviceClock.js';
import { LinePacer } from '../shared/LinePacer.js';
import { seededRandom } from '../shared/seededRandom.js';
import {
  MASIMO_LINE_BYTES_PER_SECOND,
  MASIMO_LINE_INTERVAL_MS,
  MasimoAlarm,
  MasimoException,
  formatMasimoLine,
} from './MasimoAsciiCodec.js';

export interface MasimoSimulatorOptions extends SimulatorOptions {
  spo2?: number;
  pulseRate?: number;
  /** The device clock at the first line, ms since 1970; the station's clock if left out. */
  clockStart?: number;
}

const SPO2_LOW_LIMIT = 90;
const PULSE_RATE_LOW_LIMIT = 50;
const PULSE_RATE_HIGH_LIMIT = 140;
const PERFUSION_INDEX = 2.5;
const SERIAL_NUMBER = '0000012345';
const TICK_MS = 40;

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} ${value} is outside ${min}..${max}`);
  }
}

/** The device's lines one at a time; no timers, so tests and benches can drive it. */
export class MasimoLineGenerator {
  private spo2: number;
  private pulseRate: number;
  private sensorOff = false;
  private readonly random: () => number;
  private readonly clockStart: number;
  private lineCount = 0;

  constructor(options: MasimoSimulatorOptions = {}) {
    this.spo2 = options.spo2 ?? 97;
    this.pulseRate = options.pulseRate ?? 72;
    checkRange('SpO2', this.spo2, 1, 100);
    checkRange('pulse rate', this.pulseRate, 25, 240);
    this.random = seededRandom(options.seed ?? 1);
    this.clockStart = options.clockStart ?? Date.now();
  }

  setSpO2(spo2: number): void {
    checkRange('SpO2', spo2, 1, 100);
    this.spo2 = spo2;
  }

  setPulseRate(pulseRate: number): void {
    checkRange('pulse rate', pulseRate, 25, 240);
    this.pulseRate = pulseRate;
  }

  /** Sensor off the patient: dashes for the values, SENSOR_OFF in EXC, no limit alarms. */
  setSensorOff(off: boolean): void {
    this.sensorOff = off;
  }

  nextLine(): string {
    const clock = deviceClockAt(this.clockStart + this.lineCount * MASIMO_LINE_INTERVAL_MS);
    this.lineCount += 1;
    const spo2 = this.sensorOff ? null : Math.round(this.spo2);
    const pulseRate = this.sensorOff ? null : Math.round(this.pulseRate);
    const perfusionIndex = this.sensorOff ? null : PERFUSION_INDEX + 0.2 * (this.random() - 0.5);
    return formatMasimoLine({
      clock,
      serialNumber: SERIAL_NUMBER,
      spo2,
      pulseRate,
      perfusionIndex: perfusionIndex === null ? null : Math.round(perfusionIndex * 100) / 100,
      spco: null,
      spmet: null,
      desat: null,
      piDelta: null,
      pvi: null,
      alarm: this.alarmBits(spo2, pulseRate),
      exception: this.sensorOff ? MasimoException.SENSOR_OFF : MasimoException.SET_MODE,
    });
  }

  private alarmBits(spo2: number | null, pulseRate: number | null): number {
    let bits = 0;
    if (spo2 !== null && spo2 < SPO2_LOW_LIMIT) bits |= MasimoAlarm.SPO2_LOW;
    if (pulseRate !== null && pulseRate < PULSE_RATE_LOW_LIMIT) bits |= MasimoAlarm.PULSE_RATE_LOW;
    if (pulseRate !== null && pulseRate > PULSE_RATE_HIGH_LIMIT) {
      bits |= MasimoAlarm.PULSE_RATE_HIGH;
    }
    return bits === 0 ? 0 : bits | MasimoAlarm.ALARM_ACTIVE;
  }
}

const ascii = new TextEncoder();

/** Prints a line every second, the first at once, paced to the 9600-baud line. */
export class MasimoAsciiSimulator implements DeviceSimulator {
  private readonly generator: MasimoLineGenerator;
  private timer: ReturnType<typeof setInterval> | null = null;
  private pacer: LinePacer | null = null;

  constructor(options: MasimoSimulatorOptions = {}) {
    this.generator = new MasimoLineGenerator(options);
  }

  start(write: (bytes: Uint8Array) => void): void {
    this.stop();
    const startedAt = performance.now();
    const pacer = new LinePacer(MASIMO_LINE_BYTES_PER_SECOND, write);
    this.pacer = pacer;
    let sent = 0;
    const tick = (): void => {
      const due = Math.floor((performance.now() - startedAt) / MASIMO_LINE_INTERVAL_MS) + 1;
      for (; sent < due; sent++) pacer.enqueue(ascii.encode(this.generator.nextLine()));
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
