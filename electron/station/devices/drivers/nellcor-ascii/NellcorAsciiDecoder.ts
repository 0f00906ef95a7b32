/**
 * Nellcor N-595 data lines → SpO2 and pulse rate observations, and the status codes → device
 * alarm reports (diffed line to line into start and end). Header lines only prove the line is
 * alive. Values are timed by arrival: the device clock is set by hand and has no time zone.
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
  NellcorStatus,
  parseNellcorLine,
  type NellcorDataLine,
  type NellcorReading,
} from './NellcorAsciiCodec.js';

const S = NellcorStatus;

function condition(
  status: string,
  text: string,
  priority: AlarmCondition['priority'],
  kind: AlarmCondition['kind'],
): [string, AlarmCondition] {
  return [status, { code: `nellcor.${status}`, text, priority, kind }];
}

/**
 * What each status code raises. AS (alarm silence) is the bedside's audio-paused state, not a
 * condition, so it raises nothing. Loss of pulse without motion is treated as a patient alarm
 * (the N-595 family sounds it at high priority); with motion it is a signal problem. Priorities
 * are the station's; the device does not print them.
 */
export const NELLCOR_STATUS_ALARMS: ReadonlyMap<string, AlarmCondition> = new Map([
  condition(S.ALARM_OFF, 'Oximeter audible alarms off', 'low', 'technical'),
  condition(S.LOW_BATTERY, 'Oximeter battery low', 'low', 'technical'),
  condition(S.LOSS_OF_PULSE_WITH_MOTION, 'SpO₂ loss of pulse with motion', 'low', 'technical'),
  condition(S.LOSS_OF_PULSE, 'Loss of pulse', 'high', 'physiological'),
  condition(S.MOTION, 'SpO₂ motion interference', 'low', 'technical'),
  condition(S.PULSE_RATE_HIGH, 'Pulse rate high', 'medium', 'physiological'),
  condition(S.PULSE_RATE_LOW, 'Pulse rate low', 'medium', 'physiological'),
  condition(S.PULSE_SEARCH, 'SpO₂ pulse search', 'low', 'technical'),
  condition(S.SPO2_HIGH, 'SpO₂ high', 'medium', 'physiological'),
  condition(S.SPO2_LOW, 'SpO₂ low', 'high', 'physiological'),
  condition(S.SENSOR_DISCONNECT, 'SpO₂ sensor disconnected', 'medium', 'technical'),
  condition(S.SENSOR_OFF, 'SpO₂ sensor off patient', 'medium', 'technical'),
]);

/** No usable value: no sensor on the patient, or no pulse found. */
const UNUSABLE: ReadonlySet<string> = new Set([
  S.SENSOR_DISCONNECT,
  S.SENSOR_OFF,
  S.LOSS_OF_PULSE,
  S.LOSS_OF_PULSE_WITH_MOTION,
]);
/** A value the device is still searching for or reads through motion. */
const DOUBTFUL: ReadonlySet<string> = new Set([S.PULSE_SEARCH, S.MOTION]);

const SPO2_RANGE = { min: 1, max: 100 };
const PULSE_RATE_RANGE = { min: 1, max: 300 };

function lineStatus(codes: readonly string[]): ObservationStatus {
  if (codes.some((c) => UNUSABLE.has(c))) return 'invalid';
  return codes.some((c) => DOUBTFUL.has(c)) ? 'questionable' : 'valid';
}

export class NellcorAsciiDecoder implements DeviceDecoder {
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
      const line = parseNellcorLine(text);
      if (line === null) {
        // The line's end byte was thrown away too.
        this.unparsedBytes += text.length + 1;
        continue;
      }
      this.stats.frames += 1;
      if (line.kind === 'header') continue;
      observations.push(...this.observations(line, receivedAt));
      alarms.push(...this.alarms(line, receivedAt));
    }
    this.stats.discardedBytes = this.splitter.discardedBytes + this.unparsedBytes;
    return { observations, waves: [], alarms };
  }

  private observations(line: NellcorDataLine, time: number): Observation[] {
    const status = lineStatus(line.status);
    return [
      this.observation(Mdc.SpO2, line.spo2, SPO2_RANGE, status, time),
      this.observation(Mdc.PulseRateOximeter, line.pulseRate, PULSE_RATE_RANGE, status, time),
    ];
  }

  private alarms(line: NellcorDataLine, time: number): DeviceAlarmReport[] {
    const active = line.status.flatMap((code) => NELLCOR_STATUS_ALARMS.get(code) ?? []);
    return this.differ.update(active, time);
  }

  /** A number the device marked with "*" is kept but shown as questionable. */
  private observation(
    term: MdcTerm,
    reading: NellcorReading,
    range: { min: number; max: number },
    lineStatusValue: ObservationStatus,
    time: number,
  ): Observation {
    const { value, marked } = reading;
    const inRange = value !== null && value >= range.min && value <= range.max ? value : null;
    const shown = lineStatusValue === 'invalid' ? null : inRange;
    const status: ObservationStatus =
      shown === null ? 'invalid' : marked ? 'questionable' : lineStatusValue;
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: term.code,
      value: shown,
      unit: term.ucum,
      time,
      status,
      demo: this.context.demo,
    };
  }
}
