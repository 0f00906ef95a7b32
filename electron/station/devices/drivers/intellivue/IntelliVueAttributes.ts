/**
 * Values of the poll-result attributes the station uses: numerics (NuObsValue and its compound
 * form), waves (SaObsValue, SaSpec, ScaleRangeSpec16, sample period, unit) and the alarm lists
 * of the alert monitor (DevAlarmList). Each reader takes the attribute's value bytes; a value
 * too short for its layout throws MalformedMessage (the decoder skips that attribute).
 */
import { ByteReader } from './IntelliVueBytes.js';
import { readIntelliVueFloat } from './IntelliVueFloat.js';
import { AlertInfoId, AttributeId } from './IntelliVueNomenclature.js';
import type { PollAttribute } from './IntelliVueMessages.js';

export interface NumericValue {
  physioId: number;
  /** MeasurementState bits. */
  state: number;
  unitCode: number;
  /** NaN when the monitor sent NaN or NRes. */
  value: number;
}

function readNumeric(reader: ByteReader): NumericValue {
  const physioId = reader.u16();
  const state = reader.u16();
  const unitCode = reader.u16();
  const value = readIntelliVueFloat(reader.view(4), 0);
  return { physioId, state, unitCode, value };
}

/** NOM_ATTR_NU_VAL_OBS (one value) or NOM_ATTR_NU_CMPD_VAL_OBS (e.g. NBP sys/dia/mean). */
export function readNumericValues(attribute: PollAttribute): NumericValue[] {
  const reader = new ByteReader(attribute.value);
  if (attribute.id === AttributeId.NUMERIC_VALUE) return [readNumeric(reader)];
  const count = reader.u16();
  const list = reader.child(reader.u16());
  return Array.from({ length: count }, () => readNumeric(list));
}

export interface SampleArrayValue {
  physioId: number;
  state: number;
  /** The samples as sent: big-endian, `sampleSize` bits each (see SampleArraySpec). */
  bytes: Uint8Array;
}

function readSampleArray(reader: ByteReader): SampleArrayValue {
  const physioId = reader.u16();
  const state = reader.u16();
  return { physioId, state, bytes: reader.view(reader.u16()) };
}

/** NOM_ATTR_SA_VAL_OBS (one wave) or NOM_ATTR_SA_CMPD_VAL_OBS (e.g. the ECG leads together). */
export function readSampleArrayValues(attribute: PollAttribute): SampleArrayValue[] {
  const reader = new ByteReader(attribute.value);
  if (attribute.id === AttributeId.SAMPLE_ARRAY_VALUE) return [readSampleArray(reader)];
  const count = reader.u16();
  const list = reader.child(reader.u16());
  return Array.from({ length: count }, () => readSampleArray(list));
}

export interface SampleArraySpec {
  samplesPerArray: number;
  /** Bits per sample on the wire (8 or 16). */
  sampleSize: number;
  /** Low bits that carry the value; higher bits may be marker flags (pace pulse, QRS…). */
  significantBits: number;
  flags: number;
}

export function readSampleArraySpec(value: Uint8Array): SampleArraySpec {
  const reader = new ByteReader(value);
  return {
    samplesPerArray: reader.u16(),
    sampleSize: reader.u8(),
    significantBits: reader.u8(),
    flags: reader.u16(),
  };
}

/** ScaleRangeSpec16: scaled (raw) lower/upper map linearly to absolute lower/upper. */
export interface ScaleRange {
  lowerAbsolute: number;
  upperAbsolute: number;
  lowerScaled: number;
  upperScaled: number;
}

export function readScaleRange(value: Uint8Array): ScaleRange {
  const reader = new ByteReader(value);
  const lowerAbsolute = readIntelliVueFloat(reader.view(4), 0);
  const upperAbsolute = readIntelliVueFloat(reader.view(4), 0);
  return { lowerAbsolute, upperAbsolute, lowerScaled: reader.u16(), upperScaled: reader.u16() };
}

/** RelativeTime (1/8 ms ticks): the sample period, the poll period. */
export function readRelativeTime(value: Uint8Array): number {
  return new ByteReader(value).u32();
}

export function readUnitCode(value: Uint8Array): number {
  return new ByteReader(value).u16();
}

/** A String (u16 byte length, UTF-16BE), with the trailing NULs the monitor pads it with. */
function readString(reader: ByteReader): string {
  const bytes = reader.view(reader.u16());
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const unit = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
    if (unit === 0) break;
    text += String.fromCharCode(unit);
  }
  return text;
}

export interface AlarmEntry {
  /** Physio id of what the alarm is about (e.g. HR), or an object id for technical alarms. */
  source: number;
  /** NOM_EVT_* event code. */
  code: number;
  /** AlertType bits: patient or technical, low / medium / high. */
  type: number;
  state: number;
  /** The monitor's own alarm text (StrAlMonInfo), when it sent one. */
  text: string | null;
}

function readAlarmEntry(reader: ByteReader): AlarmEntry {
  const source = reader.u16();
  const code = reader.u16();
  const type = reader.u16();
  const state = reader.u16();
  reader.skip(6);
  const infoId = reader.u16();
  const info = reader.child(reader.u16());
  let text: string | null = null;
  if (infoId === AlertInfoId.STRING) {
    // AlMonGenInfo (instance, TextId, priority, flags) precedes the string.
    info.skip(2 + 4 + 2 + 2);
    text = readString(info).trim() || null;
  }
  return { source, code, type, state, text };
}

/** NOM_ATTR_AL_MON_P_AL_LIST / NOM_ATTR_AL_MON_T_AL_LIST: the alarms active now. */
export function readAlarmList(value: Uint8Array): AlarmEntry[] {
  const reader = new ByteReader(value);
  const count = reader.u16();
  const list = reader.child(reader.u16());
  return Array.from({ length: count }, () => readAlarmEntry(list));
}
