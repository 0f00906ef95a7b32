/**
 * IntelliVue Data Export over MIB/RS232: frames → messages → observations, wave segments and
 * alarm reports, with the session (IntelliVueSession) answering the monitor on the way.
 *
 * Waves are numbered from the monitor's RelativeTime, not from arrival: each poll result's
 * samples end at its RelativeTime, so consecutive polls are contiguous and a lost poll leaves a
 * gap of exactly its samples. Times are station times: the monitor clock is mapped onto arrival
 * times and re-anchored when the two drift apart (the monitor's absolute clock is set by hand
 * and often unset, FF… in the capture).
 */
import type { Observation, ObservationStatus, WaveSegment } from '../../../../contract/domain.js';
import { mdcTerm } from '../../../../contract/mdc.js';
import type {
  DecodedBatch,
  DecoderContext,
  DecoderCounters,
  DeviceAlarmReport,
  DeviceDecoder,
  DeviceIo,
} from '../DeviceDriver.js';
import {
  readAlarmList,
  readNumericValues,
  readRelativeTime,
  readSampleArraySpec,
  readSampleArrayValues,
  readScaleRange,
  readUnitCode,
  type AlarmEntry,
  type NumericValue,
  type SampleArraySpec,
  type SampleArrayValue,
  type ScaleRange,
} from './IntelliVueAttributes.js';
import { MalformedMessage } from './IntelliVueBytes.js';
import { IntelliVueFramer } from './IntelliVueFraming.js';
import {
  parseDataExportMessage,
  type ObservationPoll,
  type PollAttribute,
  type PollResult,
} from './IntelliVueMessages.js';
import {
  AlertType,
  AttributeId,
  MeasurementState,
  TICKS_PER_MS,
  eventText,
  mdcCodeOf,
  ucumOf,
} from './IntelliVueNomenclature.js';
import { IntelliVueSession } from './IntelliVueSession.js';

/** Beyond this the monitor clock and arrival times disagree: re-anchor the mapping. */
const CLOCK_RESYNC_MS = 2_000;
const HALF_CLOCK_RANGE = 2 ** 31;

const UNUSABLE = MeasurementState.INVALID | MeasurementState.UNAVAILABLE;
const DOUBTFUL =
  MeasurementState.QUESTIONABLE | MeasurementState.CALIBRATION_ONGOING | MeasurementState.TEST_DATA;

const HIGH = AlertType.HIGH_PATIENT | AlertType.HIGH_TECHNICAL;
const MEDIUM = AlertType.MEDIUM_PATIENT | AlertType.MEDIUM_TECHNICAL;
const TECHNICAL = AlertType.LOW_TECHNICAL | AlertType.MEDIUM_TECHNICAL | AlertType.HIGH_TECHNICAL;

/** What a wave object's attributes say about its samples; sent once, then only on change. */
interface WaveAttributes {
  spec?: SampleArraySpec;
  scale?: ScaleRange;
  periodTicks?: number;
  unitCode?: number;
}

interface StreamTiming {
  lastRelativeTime: number;
  lastSeq: number;
  nextSeq: number;
  /** A new association began: the monitor clock restarted, the loss between is unknown. */
  restarted: boolean;
}

interface AlarmCondition {
  code: string;
  text: string;
  priority: DeviceAlarmReport['priority'];
  kind: DeviceAlarmReport['kind'];
}

function observationStatus(state: number, value: number): ObservationStatus {
  if ((state & UNUSABLE) !== 0 || !Number.isFinite(value)) return 'invalid';
  return (state & DOUBTFUL) !== 0 ? 'questionable' : 'valid';
}

/** Bits that carry the value; a spec without a usable count is taken as all 16. */
function valueBits(spec: SampleArraySpec): number {
  return spec.significantBits > 0 && spec.significantBits < 16 ? spec.significantBits : 16;
}

/** int16 storage: values of 16 significant bits are unsigned, so they are shifted by 0x8000. */
function sampleBias(spec: SampleArraySpec): number {
  return valueBits(spec) === 16 ? 0x8000 : 0;
}

function decodeSamples(bytes: Uint8Array, spec: SampleArraySpec): Int16Array | null {
  const bytesPerSample = spec.sampleSize / 8;
  if (bytesPerSample !== 1 && bytesPerSample !== 2) return null;
  const bits = valueBits(spec);
  const mask = bits === 16 ? 0xffff : (1 << bits) - 1;
  const bias = sampleBias(spec);
  const samples = new Int16Array(Math.floor(bytes.length / bytesPerSample));
  for (let i = 0; i < samples.length; i++) {
    const raw =
      bytesPerSample === 2 ? ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0) : (bytes[i] ?? 0);
    samples[i] = (raw & mask) - bias;
  }
  return samples;
}

interface Calibration {
  scale: number;
  offset: number;
  unit: string;
}

/**
 * ScaleRangeSpec16 maps scaled values linearly onto absolute ones. Without absolute values (the
 * capture's pleth sends NaN for both) the wave is relative: 0..1 of its scaled range, unit "1".
 */
function waveCalibration(attributes: WaveAttributes, spec: SampleArraySpec): Calibration {
  const bias = sampleBias(spec);
  const s = attributes.scale;
  if (
    s &&
    Number.isFinite(s.lowerAbsolute) &&
    Number.isFinite(s.upperAbsolute) &&
    s.upperScaled !== s.lowerScaled
  ) {
    const perStep = (s.upperAbsolute - s.lowerAbsolute) / (s.upperScaled - s.lowerScaled);
    return {
      scale: perStep,
      offset: s.lowerAbsolute + (bias - s.lowerScaled) * perStep,
      unit: attributes.unitCode === undefined ? '1' : ucumOf(attributes.unitCode),
    };
  }
  const lower = s?.lowerScaled ?? 0;
  const upper = s && s.upperScaled !== s.lowerScaled ? s.upperScaled : 2 ** valueBits(spec) - 1;
  const perStep = 1 / (upper - lower || 1);
  return { scale: perStep, offset: (bias - lower) * perStep, unit: '1' };
}

export class IntelliVueDecoder implements DeviceDecoder {
  private readonly framer = new IntelliVueFramer();
  private readonly session: IntelliVueSession;
  private readonly waveObjects = new Map<number, WaveAttributes>();
  private readonly streams = new Map<string, StreamTiming>();
  private activeAlarms = new Map<string, AlarmCondition>();
  /** Station time (ms) of monitor RelativeTime 0, once known. */
  private clockOffset: number | null = null;
  private readonly stats: DecoderCounters = {
    frames: 0,
    checksumErrors: 0,
    discardedBytes: 0,
    decodedSamples: 0,
    sampleGaps: 0,
  };

  constructor(
    private readonly context: DecoderContext,
    io: DeviceIo,
  ) {
    this.session = new IntelliVueSession(io);
  }

  get counters(): Readonly<DecoderCounters> {
    return this.stats;
  }

  get associating(): boolean {
    return this.session.associating;
  }

  connected(now: number): void {
    this.session.connected(now);
  }

  tick(now: number): void {
    this.session.tick(now);
  }

  push(bytes: Uint8Array, receivedAt: number): DecodedBatch {
    const observations: Observation[] = [];
    const waves: WaveSegment[] = [];
    const alarms: DeviceAlarmReport[] = [];
    for (const userData of this.framer.push(bytes)) {
      const message = parseDataExportMessage(userData);
      this.session.received(message, receivedAt);
      if (message.kind === 'mds-create-event') this.restartStreams();
      if (message.kind !== 'poll-result') continue;
      for (const poll of message.observations) {
        this.readObservation(poll, message, receivedAt, { observations, waves, alarms });
      }
    }
    const framer = this.framer.counters;
    this.stats.frames = framer.frames;
    this.stats.checksumErrors = framer.checksumErrors;
    this.stats.discardedBytes = framer.discardedBytes;
    return alarms.length > 0 ? { observations, waves, alarms } : { observations, waves };
  }

  private readObservation(
    poll: ObservationPoll,
    result: PollResult,
    receivedAt: number,
    out: Required<Pick<DecodedBatch, 'observations' | 'waves' | 'alarms'>>,
  ): void {
    const objectKey = poll.context * 0x10000 + poll.handle;
    const waveValues: SampleArrayValue[] = [];
    let alarmLists: { patient: AlarmEntry[]; technical: AlarmEntry[] } | null = null;
    for (const attribute of poll.attributes) {
      try {
        switch (attribute.id) {
          case AttributeId.NUMERIC_VALUE:
          case AttributeId.COMPOUND_NUMERIC_VALUE:
            for (const n of readNumericValues(attribute)) {
              out.observations.push(this.observation(n, receivedAt));
            }
            break;
          case AttributeId.SAMPLE_ARRAY_VALUE:
          case AttributeId.COMPOUND_SAMPLE_ARRAY_VALUE:
            waveValues.push(...readSampleArrayValues(attribute));
            break;
          case AttributeId.PATIENT_ALARM_LIST:
          case AttributeId.TECHNICAL_ALARM_LIST:
            alarmLists ??= { patient: [], technical: [] };
            alarmLists[attribute.id === AttributeId.PATIENT_ALARM_LIST ? 'patient' : 'technical'] =
              readAlarmList(attribute.value);
            break;
          default:
            this.rememberWaveAttribute(objectKey, attribute);
        }
      } catch (error) {
        // A value too short for its layout: skip it, keep the rest of the message.
        if (!(error instanceof MalformedMessage)) throw error;
      }
    }
    // Attributes first: a first poll result carries a wave's format next to its samples.
    for (const value of waveValues) {
      const segment = this.segment(objectKey, value, result.relativeTime, receivedAt);
      if (segment) out.waves.push(segment);
    }
    if (alarmLists) out.alarms.push(...this.alarmReports(alarmLists, receivedAt));
  }

  private observation(n: NumericValue, time: number): Observation {
    const status = observationStatus(n.state, n.value);
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: mdcCodeOf(n.physioId),
      value: status === 'invalid' ? null : n.value,
      unit: ucumOf(n.unitCode),
      time,
      status,
      demo: this.context.demo || (n.state & MeasurementState.DEMO_DATA) !== 0,
    };
  }

  private rememberWaveAttribute(objectKey: number, attribute: PollAttribute): void {
    let read: Partial<WaveAttributes>;
    switch (attribute.id) {
      case AttributeId.SAMPLE_ARRAY_SPEC:
        read = { spec: readSampleArraySpec(attribute.value) };
        break;
      case AttributeId.SCALE_RANGE:
        read = { scale: readScaleRange(attribute.value) };
        break;
      case AttributeId.SAMPLE_PERIOD:
        read = { periodTicks: readRelativeTime(attribute.value) };
        break;
      case AttributeId.UNIT_CODE:
        read = { unitCode: readUnitCode(attribute.value) };
        break;
      default:
        return;
    }
    this.waveObjects.set(objectKey, { ...this.waveObjects.get(objectKey), ...read });
  }

  private segment(
    objectKey: number,
    value: SampleArrayValue,
    relativeTime: number,
    receivedAt: number,
  ): WaveSegment | null {
    const attributes = this.waveObjects.get(objectKey);
    const spec = attributes?.spec;
    const periodTicks = attributes?.periodTicks;
    const samples = spec ? decodeSamples(value.bytes, spec) : null;
    if (!attributes || !spec || !periodTicks || !samples) {
      // Samples that cannot be timed or scaled are lost; a new wave poll resends the format.
      this.stats.sampleGaps += 1;
      this.session.requestWaveAttributes(receivedAt);
      return null;
    }
    if (samples.length === 0) return null;
    const seq = this.place(
      `${objectKey}:${value.physioId}`,
      relativeTime,
      periodTicks,
      samples.length,
    );
    if (seq === null) return null;
    this.stats.decodedSamples += samples.length;
    const periodMs = periodTicks / TICKS_PER_MS;
    const calibration = waveCalibration(attributes, spec);
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: mdcCodeOf(value.physioId),
      sampleRate: 1000 / periodMs,
      t0: this.stationTime(relativeTime, receivedAt) - samples.length * periodMs,
      seq,
      samples,
      scale: calibration.scale,
      offset: calibration.offset,
      unit: calibration.unit,
      demo: this.context.demo || (value.state & MeasurementState.DEMO_DATA) !== 0,
    };
  }

  /** The seq of a poll's first sample, or null for samples already delivered. */
  private place(
    key: string,
    relativeTime: number,
    periodTicks: number,
    count: number,
  ): number | null {
    const stream = this.streams.get(key);
    let seq: number;
    if (!stream) {
      seq = 0;
    } else if (stream.restarted) {
      seq = stream.nextSeq + 1;
      this.stats.sampleGaps += 1;
    } else {
      const elapsed = (relativeTime - stream.lastRelativeTime) >>> 0;
      // Zero or "negative" (mod 2^32): a repeated or overlapping poll, e.g. during a renewal.
      if (elapsed === 0 || elapsed >= HALF_CLOCK_RANGE) return null;
      seq = stream.lastSeq + Math.round(elapsed / periodTicks);
      if (seq < stream.nextSeq) return null;
      if (seq > stream.nextSeq) this.stats.sampleGaps += 1;
    }
    this.streams.set(key, {
      lastRelativeTime: relativeTime,
      lastSeq: seq,
      nextSeq: seq + count,
      restarted: false,
    });
    return seq;
  }

  private restartStreams(): void {
    for (const stream of this.streams.values()) stream.restarted = true;
    this.clockOffset = null;
  }

  private stationTime(relativeTime: number, receivedAt: number): number {
    const monitorMs = relativeTime / TICKS_PER_MS;
    if (
      this.clockOffset === null ||
      Math.abs(this.clockOffset + monitorMs - receivedAt) > CLOCK_RESYNC_MS
    ) {
      this.clockOffset = receivedAt - monitorMs;
    }
    return this.clockOffset + monitorMs;
  }

  /** Each alarm list is the monitor's whole current state: diff it into start/continue/end. */
  private alarmReports(
    lists: { patient: AlarmEntry[]; technical: AlarmEntry[] },
    time: number,
  ): DeviceAlarmReport[] {
    const now = new Map<string, AlarmCondition>();
    for (const entry of lists.patient) this.addCondition(now, entry, false);
    for (const entry of lists.technical) this.addCondition(now, entry, true);
    const reports: DeviceAlarmReport[] = [];
    for (const [code, condition] of this.activeAlarms) {
      if (!now.has(code)) reports.push(this.alarmReport(condition, 'end', time));
    }
    for (const [code, condition] of now) {
      reports.push(
        this.alarmReport(condition, this.activeAlarms.has(code) ? 'continue' : 'start', time),
      );
    }
    this.activeAlarms = now;
    return reports;
  }

  private addCondition(
    conditions: Map<string, AlarmCondition>,
    entry: AlarmEntry,
    technicalList: boolean,
  ): void {
    if (entry.type === 0) return;
    const code = `intellivue.${entry.source}.${entry.code}`;
    const source = mdcTerm(mdcCodeOf(entry.source))?.label ?? `source ${entry.source}`;
    conditions.set(code, {
      code,
      text: entry.text ?? `${source} ${eventText(entry.code)}`,
      priority: (entry.type & HIGH) !== 0 ? 'high' : (entry.type & MEDIUM) !== 0 ? 'medium' : 'low',
      // INOPs arrive on the technical list; the type bits say the same for the others.
      kind: technicalList || (entry.type & TECHNICAL) !== 0 ? 'technical' : 'physiological',
    });
  }

  private alarmReport(
    condition: AlarmCondition,
    phase: DeviceAlarmReport['phase'],
    time: number,
  ): DeviceAlarmReport {
    return { bed: this.context.bed, device: this.context.device, ...condition, phase, time };
  }
}
