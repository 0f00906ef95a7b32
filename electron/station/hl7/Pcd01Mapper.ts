/**
 * IHE PCD-01 (ORU^R01) device data → the station's vocabulary. A numeric OBX with an MDC (or
 * Philips MDIL) code becomes an Observation keyed on the numeric code; NA/MA arrays become wave
 * segments; everything else a sender took the trouble to send — text, coded values, other coding
 * systems, codes still "pending" (0) — is kept as a result row, never dropped. Device rows (MDS,
 * VMD, channel: structure without a value) add no row of their own: their identity lives on in
 * each observation's device and containment, and in the raw message.
 * OBX-8 DEMO marks simulated data, which is stored as demo and never charted as real.
 */
import type { Observation, ObservationStatus, WaveSegment } from '../../contract/domain.js';
import type { ContainedObservation, Hl7ResultRecord } from '../store/Hl7Statements.js';
import { Hl7ErrorCode, messageError } from './Hl7Issue.js';
import type { Hl7Segment } from './Hl7Message.js';
import { checkRefid, mdilToMdc, typicalSampleRate, ucumForMdcUnit } from './MdcVocabulary.js';
import { containmentPath, type ObservationGroup, type ObxRow } from './ObxRows.js';

export interface DeviceDataContext {
  bed: string;
  /** PCD-04 rows describe an alarm (the value that caused it), not measurements to chart. */
  numericsAsResults?: boolean;
}

export interface RefidMismatch {
  code: number;
  refid: string;
}

export interface DeviceData {
  observations: ContainedObservation[];
  waves: WaveSegment[];
  results: Hl7ResultRecord[];
  /** Device identities that sent data in this message. */
  devices: string[];
  refidMismatches: RefidMismatch[];
}

/** OBX-8 flags that mean the value is missing or must not be shown as a number. */
const INVALID_FLAGS = new Set(['INV', 'NAV', 'OFF', 'MSK', 'OTH', 'NAN', 'PINF', 'NINF', 'NI']);
const QUESTIONABLE_FLAGS = new Set(['QUES', 'CAL', 'TEST', 'EARLY', 'BUSY']);
/** OBX-11 D (deleted) and W (wrong) withdraw a value. */
const WITHDRAWN_STATUS = new Set(['D', 'W']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const WAVE_TYPES = new Set(['NA', 'MA']);

export function deviceId(equipment: string): string {
  return `hl7:${equipment}`;
}

export function mapDeviceData(
  groups: readonly ObservationGroup[],
  context: DeviceDataContext,
): DeviceData {
  const data: DeviceData = {
    observations: [],
    waves: [],
    results: [],
    devices: [],
    refidMismatches: [],
  };
  const devices = new Set<string>();
  for (const group of groups) {
    for (const row of group.rows) {
      const device = deviceId(row.equipment);
      devices.add(device);
      checkCode(row, data.refidMismatches);
      if (WAVE_TYPES.has(row.valueType) && usableCode(row) !== null && !context.numericsAsResults) {
        data.waves.push(...waveSegments(row, group, context.bed, device));
      } else if (
        row.valueType === 'NM' &&
        usableCode(row) !== null &&
        !row.isDeviceRow &&
        !context.numericsAsResults
      ) {
        data.observations.push({
          observation: observationOf(row, usableCode(row)!, context.bed, device),
          containment: row.subId,
        });
      } else if (!row.isDeviceRow) {
        data.results.push(resultOf(row, context.bed, device));
      }
    }
  }
  data.devices = [...devices];
  return data;
}

/** Code 0 is PCD-10's "term not yet assigned": such rows are kept as results, not keyed on 0. */
function usableCode(row: ObxRow): number | null {
  return row.code.mdc !== null && row.code.mdc > 0 ? row.code.mdc : null;
}

function checkCode(row: ObxRow, mismatches: RefidMismatch[]): void {
  if (row.code.mdc === null || row.code.system === 'MDIL') return;
  if (checkRefid(row.code.mdc, row.code.refid) === 'mismatch') {
    mismatches.push({ code: row.code.mdc, refid: row.code.refid });
  }
}

function observationOf(row: ObxRow, code: number, bed: string, device: string): Observation {
  const text = row.segment.text(5).trim();
  let value: number | null = null;
  if (text !== '') {
    if (!NUMBER.test(text)) {
      throw messageError(
        Hl7ErrorCode.dataType,
        `OBX ${row.segment.text(1)} is NM but its value "${text.slice(0, 40)}" is not a number`,
        { segment: 'OBX', sequence: row.sequence, field: 5 },
      );
    }
    value = Number(text);
  }
  return {
    bed,
    device,
    code,
    value,
    unit: unitOf(row.segment),
    time: row.time.time,
    status: value === null ? 'invalid' : statusOf(row),
    demo: row.flags.includes('DEMO'),
  };
}

function statusOf(row: ObxRow): ObservationStatus {
  if (WITHDRAWN_STATUS.has(row.resultStatus)) return 'invalid';
  if (row.flags.some((f) => INVALID_FLAGS.has(f))) return 'invalid';
  if (row.flags.some((f) => QUESTIONABLE_FLAGS.has(f))) return 'questionable';
  return 'valid';
}

/** Units repeat from row to row and message to message; reading one is worth remembering. */
const unitsByRawField = new Map<string, string>();
const MAX_REMEMBERED_UNITS = 1_024;

/** OBX-6 as UCUM: the UCUM coding when there is one (either half of a CWE), else MDC/MDIL mapped. */
export function unitOf(segment: Hl7Segment): string {
  const d = segment.delimiters;
  const key = d.component + d.repetition + d.escape + d.subcomponent + segment.raw(6);
  let unit = unitsByRawField.get(key);
  if (unit === undefined) {
    unit = readUnit(segment);
    if (unitsByRawField.size >= MAX_REMEMBERED_UNITS) unitsByRawField.clear();
    unitsByRawField.set(key, unit);
  }
  return unit;
}

function readUnit(segment: Hl7Segment): string {
  const [id, text, system, altId, , altSystem] = [1, 2, 3, 4, 5, 6].map((c) =>
    segment.text(6, c),
  ) as [string, string, string, string, string, string];
  if (system.toUpperCase() === 'UCUM') return id;
  if (altSystem.toUpperCase() === 'UCUM') return altId;
  const mdc =
    system.toUpperCase() === 'MDIL' ? mdilToMdc(id) : /^\d+$/.test(id) ? Number(id) : null;
  const ucum = mdc === null ? undefined : ucumForMdcUnit(mdc);
  return ucum ?? (id || text);
}

function resultOf(row: ObxRow, bed: string, device: string): Hl7ResultRecord {
  return {
    bed,
    device,
    subId: row.subId,
    code: row.code.mdc === null ? row.code.id : String(row.code.mdc),
    refid: row.code.refid,
    codingSystem: row.code.system,
    valueType: row.valueType,
    value: row.segment.raw(5),
    unit: unitOf(row.segment),
    time: row.time.time,
    status: row.resultStatus,
    demo: row.flags.includes('DEMO'),
  };
}

/**
 * NA: one vector, `^` between values (and `~` between rows, read in order). MA: `~` between
 * time samples, `^` between channels; a second channel becomes its own segment. Values that are
 * not whole numbers within int16 are scaled to fit.
 */
function waveSegments(
  row: ObxRow,
  group: ObservationGroup,
  bed: string,
  device: string,
): WaveSegment[] {
  const field = row.segment.field(5);
  const channels: number[][] = [];
  if (row.valueType === 'NA') {
    channels.push(field.flatMap((rep) => rep.map((component) => sampleValue(component[0], row))));
  } else {
    for (const rep of field) {
      rep.forEach((component, channel) => {
        (channels[channel] ??= []).push(sampleValue(component[0], row));
      });
    }
  }
  const code = usableCode(row)!;
  const sampleRate = sampleRateFor(row, group) ?? typicalSampleRate(code);
  const t0 = row.time.time;
  return channels.map((values, channel) => {
    const { samples, scale } = toInt16(values);
    return {
      bed,
      device: channel === 0 ? device : `${device}/ch${channel + 1}`,
      code,
      sampleRate,
      t0,
      seq: Math.round((t0 * sampleRate) / 1000),
      samples,
      scale,
      offset: 0,
      unit: unitOf(row.segment),
      demo: row.flags.includes('DEMO'),
    };
  });
}

/** A missing sample (empty component) is drawn at zero; the array keeps its timing. */
function sampleValue(text: string | null | undefined, row: ObxRow): number {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return 0;
  if (!NUMBER.test(trimmed)) {
    throw messageError(
      Hl7ErrorCode.dataType,
      `OBX ${row.segment.text(1)} is ${row.valueType} but holds "${trimmed.slice(0, 20)}", not a number`,
      { segment: 'OBX', sequence: row.sequence, field: 5 },
    );
  }
  return Number(trimmed);
}

function toInt16(values: number[]): { samples: Int16Array; scale: number } {
  const fits = values.every((v) => Number.isInteger(v) && v >= -32768 && v <= 32767);
  const maxAbs = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scale = fits || maxAbs === 0 ? 1 : maxAbs / 32_000;
  return { samples: Int16Array.from(values, (v) => Math.round(v / scale)), scale };
}

/** A sample rate or period sent in the same channel (WCM-style attribute rows), in Hz. */
function sampleRateFor(row: ObxRow, group: ObservationGroup): number | null {
  const channel = containmentPath(row.subId).slice(0, 3).join('.');
  for (const other of group.rows) {
    if (containmentPath(other.subId).slice(0, 3).join('.') !== channel) continue;
    const value = Number(other.segment.text(5));
    if (!(value > 0)) continue;
    if (other.code.refid === 'MDC_ATTR_SAMP_RATE') return value;
    if (other.code.refid === 'MDC_ATTR_TIME_PD_SAMP') {
      const unit = unitOf(other.segment);
      const seconds = unit === 'ms' ? value / 1000 : unit === 'us' ? value / 1e6 : value;
      return 1 / seconds;
    }
  }
  return null;
}
