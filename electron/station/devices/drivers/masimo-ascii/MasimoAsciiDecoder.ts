/**
 * Masimo ASCII 1 lines → SpO2, pulse rate and PI observations, and the ALARM and EXC bit fields
 * → device alarm reports (diffed line to line into start and end). Values are timed by arrival:
 * the device clock is set by hand at the bedside and carries no time zone.
 */
import type { Observation, ObservationStatus } from '../../../../contract/domain.js';
import { Mdc, type MdcTerm } from '../../../../contract/mdc.js';
import type {
  DecodedBatch,
  DecoderContext,
  DecoderCounters,
  DeviceAlarmReport,
  DeviceDecoder,
} from '../DeviceDriver.js';
import { AlarmSnapshotDiffer, type AlarmCondition } from '../shared/AlarmSnapshotDiffer.js';
import { AsciiLineSplitter } from '../shared/AsciiLineSplitter.js';
import {
  MasimoAlarm,
  MasimoException,
  parseMasimoLine,
  type MasimoLine,
} from './MasimoAsciiCodec.js';

interface BitMeaning extends AlarmCondition {
  bit: number;
}

function physiological(
  bit: number,
  code: string,
  text: string,
  priority: AlarmCondition['priority'],
): BitMeaning {
  return { bit, code: `masimo.${code}`, text, priority, kind: 'physiological' };
}

function technical(
  bit: number,
  code: string,
  text: string,
  priority: AlarmCondition['priority'],
): BitMeaning {
  return { bit, code: `masimo.${code}`, text, priority, kind: 'technical' };
}

const A = MasimoAlarm;
const E = MasimoException;

/**
 * ALARM bits. ALARM_ACTIVE and ALARM_SILENCED say nothing about which condition, so they raise
 * nothing. Priorities are the station's; the device does not send them.
 */
export const MASIMO_ALARM_BITS: readonly BitMeaning[] = [
  physiological(A.SPO2_HIGH, 'spo2-high', 'SpO₂ high', 'medium'),
  physiological(A.SPO2_LOW, 'spo2-low', 'SpO₂ low', 'high'),
  physiological(A.PULSE_RATE_HIGH, 'pulse-rate-high', 'Pulse rate high', 'medium'),
  physiological(A.PULSE_RATE_LOW, 'pulse-rate-low', 'Pulse rate low', 'medium'),
  technical(A.LOW_BATTERY, 'low-battery', 'Oximeter battery low', 'low'),
  physiological(A.SPCO_HIGH, 'spco-high', 'SpCO high', 'medium'),
  physiological(A.SPCO_LOW, 'spco-low', 'SpCO low', 'medium'),
  physiological(A.SPMET_HIGH, 'spmet-high', 'SpMet high', 'medium'),
  physiological(A.SPMET_LOW, 'spmet-low', 'SpMet low', 'medium'),
  physiological(A.DESAT_INDEX, 'desat-index', 'Desaturation index alarm', 'low'),
  physiological(A.PI_DELTA, 'pi-delta', 'PI rate of change alarm', 'low'),
];

/**
 * EXC bits that are technical alarm conditions. SET_MODE is a status, and SENSOR_CALIBRATING a
 * normal start-up step: neither raises anything.
 */
export const MASIMO_EXCEPTION_BITS: readonly BitMeaning[] = [
  technical(E.NO_SENSOR, 'no-sensor', 'SpO₂ no sensor', 'medium'),
  technical(E.DEFECTIVE_SENSOR, 'defective-sensor', 'SpO₂ defective sensor', 'medium'),
  technical(E.LOW_PERFUSION, 'low-perfusion', 'SpO₂ low perfusion', 'low'),
  technical(E.PULSE_SEARCH, 'pulse-search', 'SpO₂ pulse search', 'low'),
  technical(E.INTERFERENCE, 'interference', 'SpO₂ interference', 'low'),
  technical(E.SENSOR_OFF, 'sensor-off', 'SpO₂ sensor off patient', 'medium'),
  technical(E.AMBIENT_LIGHT, 'ambient-light', 'SpO₂ ambient light', 'low'),
  technical(E.UNRECOGNIZED_SENSOR, 'unrecognized-sensor', 'SpO₂ unrecognized sensor', 'medium'),
  technical(E.INCOMPATIBLE_SENSOR, 'incompatible-sensor', 'SpO₂ incompatible sensor', 'medium'),
  technical(E.LOW_SIGNAL_IQ, 'low-signal-iq', 'SpO₂ low signal IQ', 'low'),
  technical(E.NO_CABLE, 'no-cable', 'SpO₂ no cable', 'medium'),
  technical(E.CABLE_EXPIRED, 'cable-expired', 'SpO₂ cable life expired', 'low'),
  technical(E.INCOMPATIBLE_CABLE, 'incompatible-cable', 'SpO₂ incompatible cable', 'medium'),
  technical(E.UNRECOGNIZED_CABLE, 'unrecognized-cable', 'SpO₂ unrecognized cable', 'medium'),
  technical(E.DEFECTIVE_CABLE, 'defective-cable', 'SpO₂ defective cable', 'medium'),
  technical(E.SENSOR_EXPIRED, 'sensor-expired', 'SpO₂ sensor life expired', 'low'),
  technical(E.EMITTER_TEMPERATURE, 'emitter-temperature', 'SpO₂ emitter temperature', 'medium'),
  technical(E.SENSOR_CURRENT, 'sensor-current', 'SpO₂ sensor current limit exceeded', 'medium'),
  technical(E.SPCO_LOW_CONFIDENCE, 'spco-low-confidence', 'SpCO low confidence', 'low'),
  technical(E.SPMET_LOW_CONFIDENCE, 'spmet-low-confidence', 'SpMet low confidence', 'low'),
];

/** No usable measurement: no sensor, sensor off or not working, no cable, still calibrating. */
const UNUSABLE_EXCEPTIONS =
  E.NO_SENSOR |
  E.DEFECTIVE_SENSOR |
  E.SENSOR_OFF |
  E.UNRECOGNIZED_SENSOR |
  E.INCOMPATIBLE_SENSOR |
  E.NO_CABLE |
  E.INCOMPATIBLE_CABLE |
  E.UNRECOGNIZED_CABLE |
  E.DEFECTIVE_CABLE |
  E.SENSOR_CALIBRATING;
/** A measurement the device itself doubts. */
const DOUBTFUL_EXCEPTIONS =
  E.LOW_PERFUSION | E.PULSE_SEARCH | E.INTERFERENCE | E.AMBIENT_LIGHT | E.LOW_SIGNAL_IQ;

const SPO2_RANGE = { min: 1, max: 100 };
const PULSE_RATE_RANGE = { min: 1, max: 300 };
const PI_RANGE = { min: 0, max: 20 };

function conditions(bits: number, table: readonly BitMeaning[]): AlarmCondition[] {
  return table
    .filter((m) => (bits & m.bit) !== 0)
    .map(({ code, text, priority, kind }) => ({ code, text, priority, kind }));
}

function statusFor(exception: number | null): ObservationStatus {
  if (exception === null) return 'valid';
  if ((exception & UNUSABLE_EXCEPTIONS) !== 0) return 'invalid';
  return (exception & DOUBTFUL_EXCEPTIONS) !== 0 ? 'questionable' : 'valid';
}

function inRange(value: number | null, range: { min: number; max: number }): number | null {
  return value !== null && value >= range.min && value <= range.max ? value : null;
}

export class MasimoAsciiDecoder implements DeviceDecoder {
  private readonly splitter = new AsciiLineSplitter();
  private readonly differ: AlarmSnapshotDiffer;
  private readonly stats: DecoderCounters = {
    frames: 0,
    checksumErrors: 0,
    discardedBytes: 0,
    decodedSamples: 0,
    sampleGaps: 0,
  };
  private unparsedBytes = 0;
  /** Each field's conditions last read, kept when a line's field is unreadable. */
  private alarmConditions: AlarmCondition[] = [];
  private exceptionConditions: AlarmCondition[] = [];

  constructor(private readonly context: DecoderContext) {
    this.differ = new AlarmSnapshotDiffer(context);
  }

  get counters(): Readonly<DecoderCounters> {
    return this.stats;
  }

  push(bytes: Uint8Array, receivedAt: number): DecodedBatch {
    const observations: Observation[] = [];
    const alarms: DeviceAlarmReport[] = [];
    for (const text of this.splitter.push(bytes)) {
      const line = parseMasimoLine(text);
      if (line === null) {
        // The line's end byte was thrown away too.
        this.unparsedBytes += text.length + 1;
        continue;
      }
      this.stats.frames += 1;
      observations.push(...this.observations(line, receivedAt));
      alarms.push(...this.alarms(line, receivedAt));
    }
    this.stats.discardedBytes = this.splitter.discardedBytes + this.unparsedBytes;
    return { observations, waves: [], alarms };
  }

  private observations(line: MasimoLine, time: number): Observation[] {
    const status = statusFor(line.exception);
    return [
      this.observation(Mdc.SpO2, inRange(line.spo2, SPO2_RANGE), status, time),
      this.observation(
        Mdc.PulseRateOximeter,
        inRange(line.pulseRate, PULSE_RATE_RANGE),
        status,
        time,
      ),
      this.observation(Mdc.PerfusionIndex, inRange(line.perfusionIndex, PI_RANGE), status, time),
    ];
  }

  private alarms(line: MasimoLine, time: number): DeviceAlarmReport[] {
    if (line.alarm !== null) this.alarmConditions = conditions(line.alarm, MASIMO_ALARM_BITS);
    if (line.exception !== null) {
      this.exceptionConditions = conditions(line.exception, MASIMO_EXCEPTION_BITS);
    }
    return this.differ.update([...this.alarmConditions, ...this.exceptionConditions], time);
  }

  private observation(
    term: MdcTerm,
    value: number | null,
    status: ObservationStatus,
    time: number,
  ): Observation {
    const shown = status === 'invalid' ? null : value;
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: term.code,
      value: shown,
      unit: term.ucum,
      time,
      status: shown === null ? 'invalid' : status,
      demo: this.context.demo,
    };
  }
}
