/**
 * A simulated GE S/5 monitor on its Computer Interface. Like the real one it is silent until
 * asked: a displayed-values request starts numerics at the requested interval, a wave request
 * starts the waves that fit the 600 samples/s budget (the rest are ignored), each first
 * subrecord flagged as a gap. Numerics and waves are GENERATED (see S5Signals.ts) unless an ECG
 * recording is passed in. Bytes leave at the 19200 8E1 line rate.
 */
import type { DeviceSimulator, SimulatorOptions } from '../DeviceDriver.js';
import { LinePacer } from '../shared/LinePacer.js';
import { seededRandom } from '../shared/seededRandom.js';
import { S5Framer, S5_LINE_BYTES_PER_SECOND, encodeS5Frame } from './S5FrameCodec.js';
import {
  S5MainType,
  S5PhysiologicalType,
  S5Wave,
  S5_GROUP_ACTIVE,
  S5_GROUP_EXISTS,
  S5_WAVE_RATES,
  S5_WAVE_SAMPLE_BUDGET,
  S5_WAVE_STATUS_GAP,
  buildS5BasicSubrecord,
  buildS5Record,
  buildS5WaveSubrecord,
  readS5Request,
  type S5BasicClass,
  type S5RecordFields,
  type S5Request,
} from './S5RecordCodec.js';
import {
  GeneratedEcg,
  ResampledEcg,
  arterialPressure,
  capnogram,
  impedanceRespiration,
  plethysmogram,
  type RecordedEcgInput,
  type Vitals,
  type WaveSource,
} from './S5Signals.js';

export interface S5SimulatorOptions extends SimulatorOptions {
  heartRate?: number;
  spo2?: number;
  respRate?: number;
  /** Play this recording as ECG (resampled to 300 Hz) instead of the generated one. */
  ecg?: RecordedEcgInput;
  /** The monitor's clock at start, seconds since 1970; the station's clock if left out. */
  clockStart?: number;
}

/** DRI level the simulated monitor reports: '15, as the public S/5 capture shows. */
const DRI_LEVEL_2015 = 11;
/** The simulator sends a wave record every 200 ms: a whole number of samples at 300, 100, 25 Hz. */
const S5_WAVE_RECORD_MS = 200;
const MIN_NUMERICS_INTERVAL_S = 5;
const NIBP_INTERVAL_S = 300;
const NIBP_OLD_AFTER_S = 60;
const TICK_MS = 20;

const ACTIVE = S5_GROUP_EXISTS | S5_GROUP_ACTIVE;
const HR_SOURCE_ECG1 = 1 << 3;
const ECG_LEAD_II_ON_CHANNEL_1 = 2 << 8;
const ART_LABEL = 1;
const T1_LABEL = 11;
const NIBP_AUTO_MODE = 1 << 3;
const NIBP_OLDER_THAN_60_S = 1 << 8;
const CO2_RR_FROM_CO2 = 1;
/** 760.0 mmHg in 1/10 mmHg. */
const AMBIENT_PRESSURE = 7600;

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} ${value} is outside ${min}..${max}`);
  }
}

/** The waves of a request the monitor would send: in order, while they fit the budget. */
export function wavesWithinBudget(requested: readonly number[]): number[] {
  const accepted: number[] = [];
  let used = 0;
  for (const wave of requested) {
    const rate = S5_WAVE_RATES.get(wave);
    if (rate === undefined || used + rate > S5_WAVE_SAMPLE_BUDGET) continue;
    accepted.push(wave);
    used += rate;
  }
  return accepted;
}

/** The monitor without timers: requests in, frames out as its clock advances. */
export class S5Monitor {
  private readonly vitals: Vitals;
  private spo2: number;
  private readonly random: () => number;
  private readonly sources: Map<number, WaveSource>;
  private readonly clockStart: number;
  private recordNumber = 0;
  private waves: number[] = [];
  private gapPending = new Set<number>();
  private nextWaveAt = 0;
  private numericsIntervalMs = 0;
  private nextNumericsAt = Infinity;
  private nibp = { sys: 0, dia: 0, mean: 0, measuredAt: -Infinity };

  constructor(options: S5SimulatorOptions = {}) {
    this.vitals = {
      heartRate: options.heartRate ?? 72,
      respRate: options.respRate ?? 15,
      abpSys: 121,
      abpDia: 79,
      plethAmplitude: 2,
      etCo2Percent: 5,
    };
    checkRange('heart rate', this.vitals.heartRate, 20, 300);
    checkRange('resp rate', this.vitals.respRate, 4, 60);
    this.spo2 = options.spo2 ?? 97;
    checkRange('SpO2', this.spo2, 50, 100);
    this.random = seededRandom(options.seed ?? 1);
    this.clockStart = options.clockStart ?? Math.floor(Date.now() / 1000);
    const vitals = (): Vitals => this.vitals;
    const ecg =
      options.ecg === undefined
        ? new GeneratedEcg(vitals, this.random)
        : new ResampledEcg(options.ecg);
    this.sources = new Map<number, WaveSource>([
      [S5Wave.ECG1, ecg],
      [S5Wave.INVP1, arterialPressure(vitals)],
      [S5Wave.PLETH, plethysmogram(vitals)],
      [S5Wave.CO2, capnogram(vitals)],
      [S5Wave.RESP, impedanceRespiration(vitals)],
    ]);
  }

  setHeartRate(heartRate: number): void {
    checkRange('heart rate', heartRate, 20, 300);
    this.vitals.heartRate = heartRate;
  }

  setSpO2(spo2: number): void {
    checkRange('SpO2', spo2, 50, 100);
    this.spo2 = spo2;
  }

  /** Acts on a request record received at `atMs` on the monitor's clock; others are ignored. */
  receive(record: Uint8Array, atMs: number): void {
    const request = readS5Request(record);
    if (request !== null) this.apply(request, atMs);
  }

  /** Frames due up to `nowMs` on the monitor's clock, in time order. */
  advance(nowMs: number): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (;;) {
      const waveDue = this.waves.length > 0 ? this.nextWaveAt : Infinity;
      const due = Math.min(waveDue, this.nextNumericsAt);
      if (due > nowMs) break;
      if (due === this.nextNumericsAt) {
        frames.push(encodeS5Frame(this.numericsRecord(due)));
        this.nextNumericsAt =
          this.numericsIntervalMs > 0 ? due + this.numericsIntervalMs : Infinity;
      } else {
        frames.push(encodeS5Frame(this.waveRecord(due)));
        this.nextWaveAt = due + S5_WAVE_RECORD_MS;
      }
    }
    return frames;
  }

  private apply(request: S5Request, atMs: number): void {
    if (request.kind === 'numerics') {
      if (request.recordType !== S5PhysiologicalType.DISPLAYED) return;
      if (request.intervalSeconds === 0) {
        this.numericsIntervalMs = 0;
        this.nextNumericsAt = Infinity;
      } else if (request.intervalSeconds === -1) {
        this.nextNumericsAt = Math.min(this.nextNumericsAt, atMs);
      } else if (request.intervalSeconds >= MIN_NUMERICS_INTERVAL_S) {
        this.numericsIntervalMs = request.intervalSeconds * 1000;
        this.nextNumericsAt = atMs;
      }
      return;
    }
    if (!request.start) {
      this.waves = [];
      return;
    }
    const wasRunning = this.waves.length > 0;
    this.waves = wavesWithinBudget(request.waves).filter((w) => this.sources.has(w));
    this.gapPending = new Set(this.waves);
    if (!wasRunning) this.nextWaveAt = atMs + S5_WAVE_RECORD_MS;
  }

  private header(atMs: number, mainType: number): S5RecordFields {
    this.recordNumber = (this.recordNumber + 1) & 0xff;
    return {
      number: this.recordNumber,
      driLevel: DRI_LEVEL_2015,
      time: this.clockStart + Math.floor(atMs / 1000),
      mainType,
    };
  }

  private waveRecord(atMs: number): Uint8Array {
    const subrecords = this.waves.map((type) => {
      const rate = S5_WAVE_RATES.get(type) ?? 0;
      const samples = this.sources.get(type)?.next((rate * S5_WAVE_RECORD_MS) / 1000);
      const status = this.gapPending.delete(type) ? S5_WAVE_STATUS_GAP : 0;
      return { type, body: buildS5WaveSubrecord(status, samples ?? new Int16Array(0)) };
    });
    return buildS5Record(this.header(atMs, S5MainType.WAVE), subrecords);
  }

  private numericsRecord(atMs: number): Uint8Array {
    const header = this.header(atMs, S5MainType.PHYSIOLOGICAL);
    const body = buildS5BasicSubrecord(header.time ?? 0, this.basicClass(atMs), DRI_LEVEL_2015);
    return buildS5Record(header, [{ type: S5PhysiologicalType.DISPLAYED, body }]);
  }

  private basicClass(atMs: number): S5BasicClass {
    const v = this.vitals;
    const hr = Math.round(v.heartRate);
    const rr = Math.round(v.respRate);
    const abpMean = Math.round((v.abpSys + 2 * v.abpDia) / 3);
    const nibp = this.nibpReading(atMs);
    const nibpOld = atMs - nibp.measuredAt > NIBP_OLD_AFTER_S * 1000 ? NIBP_OLDER_THAN_60_S : 0;
    return {
      ecg: {
        status: ACTIVE | HR_SOURCE_ECG1,
        label: ECG_LEAD_II_ON_CHANNEL_1,
        values: [hr, 0, 0, 0, rr],
      },
      p1: {
        status: ACTIVE,
        label: ART_LABEL,
        values: [100 * v.abpSys, 100 * v.abpDia, 100 * abpMean, hr],
      },
      nibp: {
        status: ACTIVE,
        label: NIBP_AUTO_MODE | nibpOld,
        values: [100 * nibp.sys, 100 * nibp.dia, 100 * nibp.mean, hr],
      },
      t1: { status: ACTIVE, label: T1_LABEL, values: [3700] },
      spo2: {
        status: ACTIVE,
        label: 0,
        values: [Math.round(100 * this.spo2), hr, Math.round(100 * v.plethAmplitude)],
      },
      co2: {
        status: ACTIVE,
        label: CO2_RR_FROM_CO2,
        values: [Math.round(100 * v.etCo2Percent), 0, rr, AMBIENT_PRESSURE],
      },
    };
  }

  /** A cuff measurement at start and every 5 minutes, a little different each time. */
  private nibpReading(atMs: number): S5Monitor['nibp'] {
    if (atMs - this.nibp.measuredAt >= NIBP_INTERVAL_S * 1000) {
      const sys = 116 + Math.round(6 * this.random());
      const dia = 74 + Math.round(4 * this.random());
      const measuredAt = Number.isFinite(this.nibp.measuredAt)
        ? this.nibp.measuredAt + NIBP_INTERVAL_S * 1000
        : atMs;
      this.nibp = { sys, dia, mean: Math.round((sys + 2 * dia) / 3), measuredAt };
    }
    return this.nibp;
  }
}

/** The monitor on a real-time clock, its output paced to the serial line. */
export class S5Simulator implements DeviceSimulator {
  private readonly monitor: S5Monitor;
  private readonly framer = new S5Framer();
  private timer: ReturnType<typeof setInterval> | null = null;
  private pacer: LinePacer | null = null;
  private startedAt = 0;

  constructor(options: S5SimulatorOptions = {}) {
    this.monitor = new S5Monitor(options);
  }

  start(write: (bytes: Uint8Array) => void): void {
    this.stop();
    this.startedAt = performance.now();
    const pacer = new LinePacer(S5_LINE_BYTES_PER_SECOND, write);
    this.pacer = pacer;
    this.timer = setInterval(() => {
      for (const frame of this.monitor.advance(this.elapsed())) pacer.enqueue(frame);
      pacer.flush();
    }, TICK_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.pacer?.clear();
    this.pacer = null;
  }

  receive(bytes: Uint8Array): void {
    for (const frame of this.framer.push(bytes)) this.monitor.receive(frame.record, this.elapsed());
  }

  setHeartRate(heartRate: number): void {
    this.monitor.setHeartRate(heartRate);
  }

  setSpO2(spo2: number): void {
    this.monitor.setSpO2(spo2);
  }

  private elapsed(): number {
    return this.timer === null ? 0 : performance.now() - this.startedAt;
  }
}
