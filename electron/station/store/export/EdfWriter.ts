/**
 * EDF+ (continuous, "EDF+C"), written from values: a header, then fixed-size data records, each
 * holding every signal's samples for the record's duration plus an "EDF Annotations" signal
 * whose first TAL keeps the record's time. Pure: values in, bytes out; the caller does the I/O.
 *
 * Layout (Kemp & Olivan 2003): a 256-byte header, 256 bytes per signal (each field stored for
 * all signals in turn), then records of little-endian int16 samples, signal after signal.
 * Header text is printable US-ASCII padded with spaces.
 */

export interface EdfPatient {
  /** Hospital patient code; null: unknown ("X"). */
  code: string | null;
  sex: 'F' | 'M' | null;
  birthDate: Date | null;
  name: string | null;
  /** More subfields, allowed after the four standard ones. */
  extra: string[];
}

export interface EdfRecording {
  start: CivilTime;
  /** Hospital administration code of the investigation; null: unknown. */
  adminCode: string | null;
  technician: string | null;
  equipment: string | null;
  extra: string[];
}

/** Wall-clock time at the recording site: EDF keeps local time, not UTC. */
export interface CivilTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface EdfSignal {
  label: string;
  transducer: string;
  physicalDimension: string;
  physicalMin: string;
  physicalMax: string;
  digitalMin: number;
  digitalMax: number;
  prefiltering: string;
  samplesPerRecord: number;
}

export interface EdfLayout {
  patient: EdfPatient;
  recording: EdfRecording;
  recordCount: number;
  /** Seconds; every signal's rate times this must be a whole number of samples. */
  recordSeconds: number;
  signals: EdfSignal[];
  /** Bytes reserved per record for annotations (time keeping first); even. */
  annotationBytes: number;
}

export interface EdfAnnotation {
  /** Seconds from the file's start. */
  onset: number;
  duration: number | null;
  text: string;
}

export class EdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdfError';
  }
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
export const ANNOTATIONS_LABEL = 'EDF Annotations';
const TAL_SEPARATOR = 0x14;
const DURATION_MARK = 0x15;

/** Header fields of one signal, in the order the header stores them, with their widths. */
const SIGNAL_FIELDS: readonly [keyof EdfSignal | 'reserved', number][] = [
  ['label', 16],
  ['transducer', 80],
  ['physicalDimension', 8],
  ['physicalMin', 8],
  ['physicalMax', 8],
  ['digitalMin', 8],
  ['digitalMax', 8],
  ['prefiltering', 80],
  ['samplesPerRecord', 8],
  ['reserved', 32],
];

/** Left-aligned, space-padded ASCII; refuses what does not fit rather than cutting a number. */
function field(value: string, width: number, name: string): string {
  if (!/^[\x20-\x7e]*$/.test(value))
    throw new EdfError(`${name} "${value}" is not printable ASCII`);
  if (value.length > width) throw new EdfError(`${name} "${value}" is longer than ${width}`);
  return value.padEnd(width, ' ');
}

/** EDF+ subfields are separated by spaces, so spaces inside one become underscores. */
function subfield(value: string | null): string {
  if (value === null || value.trim() === '') return 'X';
  return asciiOnly(value.trim()).replace(/\s+/g, '_');
}

function asciiOnly(text: string): string {
  return text.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** dd-MMM-yyyy, as EDF+ writes dates inside the identification fields. */
export function edfPlusDate(year: number, month: number, day: number): string {
  return `${two(day)}-${MONTHS[month - 1]}-${year}`;
}

export function patientField(patient: EdfPatient): string {
  const birth = patient.birthDate
    ? edfPlusDate(
        patient.birthDate.getUTCFullYear(),
        patient.birthDate.getUTCMonth() + 1,
        patient.birthDate.getUTCDate(),
      )
    : 'X';
  const parts = [subfield(patient.code), patient.sex ?? 'X', birth, subfield(patient.name)];
  return [...parts, ...patient.extra.map(subfield)].join(' ');
}

export function recordingField(recording: EdfRecording): string {
  const { start } = recording;
  const parts = [
    'Startdate',
    edfPlusDate(start.year, start.month, start.day),
    subfield(recording.adminCode),
    subfield(recording.technician),
    subfield(recording.equipment),
  ];
  return [...parts, ...recording.extra.map(subfield)].join(' ');
}

/**
 * A number in at most `width` characters, as precise as fits. Throws rather than round away
 * the integer part.
 */
export function edfNumber(value: number, width = 8): string {
  if (!Number.isFinite(value)) throw new EdfError(`${value} cannot be written into EDF`);
  if (Number.isInteger(value) && String(value).length <= width) return String(value);
  const integerDigits = String(Math.trunc(Math.abs(value))).length + (value < 0 ? 1 : 0);
  for (let decimals = Math.max(0, width - integerDigits - 1); decimals >= 0; decimals--) {
    // Trailing zeros say nothing, and "-0" is not a number a reader expects.
    const text = value
      .toFixed(decimals)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
    const clean = text === '-0' ? '0' : text;
    if (clean.length <= width) return clean;
  }
  throw new EdfError(`${value} does not fit in ${width} characters`);
}

/** The fixed header: 256 bytes plus 256 per signal, the annotations signal last. */
export function edfHeader(layout: EdfLayout): Uint8Array {
  const signals = [...layout.signals, annotationSignal(layout.annotationBytes)];
  const { start } = layout.recording;
  // The two-digit year of the EDF start date means 1985-2084; EDF+ says "yy" after that,
  // leaving the full year to the recording field.
  const yy = start.year >= 1985 && start.year <= 2084 ? two(start.year % 100) : 'yy';
  const text =
    field('0', 8, 'version') +
    field(patientField(layout.patient), 80, 'patient') +
    field(recordingField(layout.recording), 80, 'recording') +
    field(`${two(start.day)}.${two(start.month)}.${yy}`, 8, 'start date') +
    field(`${two(start.hour)}.${two(start.minute)}.${two(start.second)}`, 8, 'start time') +
    field(String(256 * (signals.length + 1)), 8, 'header bytes') +
    field('EDF+C', 44, 'reserved') +
    field(String(layout.recordCount), 8, 'record count') +
    field(edfNumber(layout.recordSeconds), 8, 'record duration') +
    field(String(signals.length), 4, 'signal count') +
    SIGNAL_FIELDS.map(([name, width]) =>
      signals
        .map((signal) => field(name === 'reserved' ? '' : String(signal[name]), width, name))
        .join(''),
    ).join('');
  return new TextEncoder().encode(text);
}

function annotationSignal(bytes: number): EdfSignal {
  if (bytes % 2 !== 0) throw new EdfError('annotation bytes per record must be even');
  return {
    label: ANNOTATIONS_LABEL,
    transducer: '',
    physicalDimension: '',
    // EDF+ asks for any physical range that differs: readers divide by it.
    physicalMin: '-1',
    physicalMax: '1',
    digitalMin: -32768,
    digitalMax: 32767,
    prefiltering: '',
    samplesPerRecord: bytes / 2,
  };
}

/** Seconds as a TAL writes them: "+12.5", no exponent, no trailing zeros. */
function talSeconds(seconds: number, signed: boolean): string {
  const text = seconds.toFixed(3).replace(/\.?0+$/, '');
  return signed ? (seconds < 0 ? text : `+${text}`) : text;
}

/**
 * One TAL: +onset[\x15duration]\x14text\x14…\x00. The time-keeping TAL of a record has an empty
 * first annotation, hence the doubled \x14.
 */
export function encodeTal(onset: number, duration: number | null, texts: string[]): Uint8Array {
  const head = talSeconds(onset, true);
  const parts: number[] = [...Buffer.from(head, 'latin1')];
  if (duration !== null) {
    parts.push(DURATION_MARK, ...Buffer.from(talSeconds(duration, false), 'latin1'));
  }
  parts.push(TAL_SEPARATOR);
  for (const text of texts) parts.push(...new TextEncoder().encode(text), TAL_SEPARATOR);
  parts.push(0);
  return Uint8Array.from(parts);
}

/**
 * One data record. `samples[i]` holds exactly signals[i].samplesPerRecord values. Annotations
 * that do not fit after the time-keeping TAL are returned, to go into a following record.
 */
export function edfRecord(
  layout: EdfLayout,
  index: number,
  samples: readonly Int16Array[],
  annotations: readonly EdfAnnotation[],
): { bytes: Uint8Array; leftOver: EdfAnnotation[] } {
  const sampleCount = layout.signals.reduce((n, s) => n + s.samplesPerRecord, 0);
  const bytes = new Uint8Array(sampleCount * 2 + layout.annotationBytes);
  const view = new DataView(bytes.buffer);
  let at = 0;
  layout.signals.forEach((signal, i) => {
    const values = samples[i];
    if (!values || values.length !== signal.samplesPerRecord) {
      throw new EdfError(
        `record ${index}: signal "${signal.label}" needs ${signal.samplesPerRecord} samples, got ${values?.length ?? 0}`,
      );
    }
    for (const value of values) {
      view.setInt16(at, value, true);
      at += 2;
    }
  });
  const end = at + layout.annotationBytes;
  const timeKeeping = encodeTal(index * layout.recordSeconds, null, ['']);
  if (timeKeeping.length > layout.annotationBytes) {
    throw new EdfError('annotation space cannot hold the record time');
  }
  bytes.set(timeKeeping, at);
  at += timeKeeping.length;
  const leftOver: EdfAnnotation[] = [];
  for (const annotation of annotations) {
    const tal = encodeTal(annotation.onset, annotation.duration, [annotation.text]);
    if (leftOver.length === 0 && at + tal.length <= end) {
      bytes.set(tal, at);
      at += tal.length;
    } else {
      leftOver.push(annotation);
    }
  }
  return { bytes, leftOver };
}

/**
 * The shortest record duration (whole seconds up to a minute) that holds a whole number of
 * samples of every rate, e.g. 2 s for 500, 125 and 62.5 Hz.
 */
export function recordSecondsFor(sampleRates: readonly number[]): number {
  for (let seconds = 1; seconds <= 60; seconds++) {
    if (sampleRates.every((rate) => isWhole(rate * seconds))) return seconds;
  }
  throw new EdfError(
    `no record duration up to 60 s holds whole samples of ${sampleRates.join(', ')} Hz`,
  );
}

function isWhole(value: number): boolean {
  return Math.abs(value - Math.round(value)) < 1e-6;
}
