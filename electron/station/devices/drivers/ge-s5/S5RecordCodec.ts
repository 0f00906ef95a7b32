/**
 * Datex-Ohmeda records (DRI): the 40-byte header, the transmission requests the station sends,
 * the basic physiological class and waveform subrecords. All little-endian. Layouts from the GE
 * DRI specification; see PROTOCOL.md.
 */

export const S5_HEADER_LENGTH = 40;
const MAX_SUBRECORDS = 8;
const END_OF_SUBRECORDS = 0xff;

export const S5MainType = { PHYSIOLOGICAL: 0, WAVE: 1 } as const;

/**
 * Physiological subrecord types the station uses (2 and 3 are the 10 s and 60 s trends); 0 is
 * also the waveform request subrecord (DRI_WF_CMD).
 */
export const S5PhysiologicalType = { REQUEST: 0, DISPLAYED: 1 } as const;

/** DRI_WF_* subrecord types of the waves this station uses. */
export const S5Wave = { ECG1: 1, INVP1: 4, PLETH: 8, CO2: 9, RESP: 15 } as const;

/** Samples per second by wave type (DRI spec table 5-3), for the types the station may meet. */
export const S5_WAVE_RATES: ReadonlyMap<number, number> = new Map([
  [1, 300],
  [2, 300],
  [3, 300],
  [4, 100],
  [5, 100],
  [6, 100],
  [7, 100],
  [8, 100],
  [9, 25],
  [10, 25],
  [11, 25],
  [12, 25],
  [13, 25],
  [14, 25],
  [15, 25],
]);

/** Wave samples a second the monitor sends at most; requested waves beyond it are ignored. */
export const S5_WAVE_SAMPLE_BUDGET = 600;

/** wf_hdr status bit 0: samples were lost between this subrecord and the previous one. */
export const S5_WAVE_STATUS_GAP = 0x0001;

/**
 * The smallest true measurement value. Numerics below it are flags (invalid, not updated, under
 * or over range, not calibrated); wave samples at or below it are control codes.
 */
export const S5_LOWEST_VALID_VALUE = -32000;
export const S5_DATA_INVALID = -32767;

/**
 * phdb_class_bf asking for the basic class only: basic is sent unless bit 0 denies it, and the
 * ext1..ext3 classes (bits 1..3) are not asked for.
 */
export const S5_BASIC_CLASS_ONLY = 0;

export interface S5Subrecord {
  offset: number;
  type: number;
}

export interface S5RecordHeader {
  length: number;
  number: number;
  driLevel: number;
  plugId: number;
  /** r_time: the monitor's clock, seconds since 1970. */
  time: number;
  mainType: number;
  subrecords: S5Subrecord[];
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The header, or null when the record is too short or a subrecord points outside it. */
export function readS5Header(record: Uint8Array): S5RecordHeader | null {
  if (record.length < S5_HEADER_LENGTH) return null;
  const v = view(record);
  const subrecords: S5Subrecord[] = [];
  for (let i = 0; i < MAX_SUBRECORDS; i++) {
    const type = v.getUint8(18 + 3 * i);
    if (type === END_OF_SUBRECORDS) break;
    const offset = v.getInt16(16 + 3 * i, true);
    if (offset < 0 || S5_HEADER_LENGTH + offset > record.length) return null;
    subrecords.push({ offset, type });
  }
  return {
    length: v.getInt16(0, true),
    number: v.getUint8(2),
    driLevel: v.getUint8(3),
    plugId: v.getUint16(4, true),
    time: v.getUint32(6, true),
    mainType: v.getInt16(14, true),
    subrecords,
  };
}

export interface S5RecordFields {
  number?: number;
  driLevel?: number;
  time?: number;
  mainType: number;
}

/** Header plus subrecord bodies laid end to end; reserved fields zero as the spec requires. */
export function buildS5Record(
  fields: S5RecordFields,
  subrecords: ReadonlyArray<{ type: number; body: Uint8Array }>,
): Uint8Array {
  if (subrecords.length > MAX_SUBRECORDS) throw new RangeError('a record holds 8 subrecords');
  const dataLength = subrecords.reduce((n, s) => n + s.body.length, 0);
  const record = new Uint8Array(S5_HEADER_LENGTH + dataLength);
  const v = view(record);
  v.setInt16(0, record.length, true);
  v.setUint8(2, (fields.number ?? 0) & 0xff);
  v.setUint8(3, fields.driLevel ?? 0);
  v.setUint32(6, fields.time ?? 0, true);
  v.setInt16(14, fields.mainType, true);
  let offset = 0;
  subrecords.forEach((s, i) => {
    v.setInt16(16 + 3 * i, offset, true);
    v.setUint8(18 + 3 * i, s.type);
    record.set(s.body, S5_HEADER_LENGTH + offset);
    offset += s.body.length;
  });
  if (subrecords.length < MAX_SUBRECORDS) v.setUint8(18 + 3 * subrecords.length, END_OF_SUBRECORDS);
  return record;
}

export interface S5NumericRequest {
  kind: 'numerics';
  /** S5PhysiologicalType.DISPLAYED for the displayed values. */
  recordType: number;
  /** Seconds between transmissions; 0 stops, -1 asks for one. */
  intervalSeconds: number;
  classMask: number;
}

export interface S5WaveRequest {
  kind: 'waves';
  start: boolean;
  waves: number[];
}

export type S5Request = S5NumericRequest | S5WaveRequest;

const NUMERIC_REQUEST_LENGTH = 9;
const WAVE_REQUEST_LENGTH = 32;
const WAVE_REQUEST_SLOTS = 8;

export function buildS5Request(request: S5Request): Uint8Array {
  if (request.kind === 'numerics') {
    const body = new Uint8Array(NUMERIC_REQUEST_LENGTH);
    const v = view(body);
    v.setUint8(0, request.recordType);
    v.setInt16(1, request.intervalSeconds, true);
    v.setUint32(3, request.classMask, true);
    return buildS5Record({ mainType: S5MainType.PHYSIOLOGICAL }, [
      { type: S5PhysiologicalType.REQUEST, body },
    ]);
  }
  if (request.waves.length > WAVE_REQUEST_SLOTS) throw new RangeError('at most 8 waves');
  const body = new Uint8Array(WAVE_REQUEST_LENGTH);
  const v = view(body);
  v.setInt16(0, request.start ? 0 : 1, true);
  request.waves.forEach((w, i) => v.setUint8(4 + i, w));
  if (request.waves.length < WAVE_REQUEST_SLOTS) {
    v.setUint8(4 + request.waves.length, END_OF_SUBRECORDS);
  }
  return buildS5Record({ mainType: S5MainType.WAVE }, [
    { type: S5PhysiologicalType.REQUEST, body },
  ]);
}

/** A request record as the monitor reads it, or null if the record is not one. */
export function readS5Request(record: Uint8Array): S5Request | null {
  const header = readS5Header(record);
  const first = header?.subrecords[0];
  if (header === null || first === undefined || first.type !== S5PhysiologicalType.REQUEST) {
    return null;
  }
  const at = S5_HEADER_LENGTH + first.offset;
  if (
    header.mainType === S5MainType.PHYSIOLOGICAL &&
    record.length >= at + NUMERIC_REQUEST_LENGTH
  ) {
    const v = view(record.subarray(at));
    return {
      kind: 'numerics',
      recordType: v.getUint8(0),
      intervalSeconds: v.getInt16(1, true),
      classMask: v.getUint32(3, true),
    };
  }
  if (header.mainType === S5MainType.WAVE && record.length >= at + WAVE_REQUEST_LENGTH) {
    const v = view(record.subarray(at));
    const waves: number[] = [];
    for (let i = 0; i < WAVE_REQUEST_SLOTS; i++) {
      const w = v.getUint8(4 + i);
      if (w === END_OF_SUBRECORDS) break;
      waves.push(w);
    }
    return { kind: 'waves', start: v.getInt16(0, true) === 0, waves };
  }
  return null;
}

/** A parameter group: status bits, label word and its int16 values, as the monitor sent them. */
export interface S5Group {
  status: number;
  label: number;
  values: number[];
}

/** Group status bit 0: the measurement module exists; bit 1: the measurement is active. */
export const S5_GROUP_EXISTS = 0x1;
export const S5_GROUP_ACTIVE = 0x2;

/** Where the groups the station reads sit in the 270-byte basic class, and how many values each has. */
const BASIC_GROUPS = {
  ecg: { offset: 0, count: 5 },
  p1: { offset: 16, count: 4 },
  nibp: { offset: 72, count: 4 },
  t1: { offset: 86, count: 1 },
  spo2: { offset: 118, count: 4 },
  co2: { offset: 132, count: 4 },
} as const;

export type S5BasicGroupName = keyof typeof BASIC_GROUPS;
const BASIC_GROUP_NAMES: readonly S5BasicGroupName[] = ['ecg', 'p1', 'nibp', 't1', 'spo2', 'co2'];
export type S5BasicClass = Record<S5BasicGroupName, S5Group>;

/** Value positions inside the groups (DRI spec section 3.5). */
export const S5Ecg = { HR: 0, IMPEDANCE_RR: 4 } as const;
export const S5Pressure = { SYS: 0, DIA: 1, MEAN: 2, HR: 3 } as const;
export const S5SpO2 = { SPO2: 0, PULSE_RATE: 1, IR_AMPLITUDE: 2 } as const;
export const S5Co2 = { ET: 0, FI: 1, RR: 2, AMBIENT_PRESSURE: 3 } as const;

/** time (4) + class data (270) + marker, reserved (2) + cl_drilvl_subt (2). */
export const S5_PHDB_SUBRECORD_LENGTH = 278;
const PHDB_CLASS_OFFSET = 4;
const PHDB_CLASS_WORD_OFFSET = 276;
/** Bits 8..11 of cl_drilvl_subt give the class; 0 is the basic class. */
const BASIC_CLASS = 0;

function classOf(record: Uint8Array, at: number): number {
  return (view(record).getUint16(at + PHDB_CLASS_WORD_OFFSET, true) >> 8) & 0x0f;
}

/**
 * The basic class from a displayed-values record, or null when the record carries none. Its
 * device time (dri_phdb.time) is returned alongside; the station does not use it for timing.
 */
export function readS5BasicClass(
  record: Uint8Array,
  header: S5RecordHeader,
): { time: number; groups: S5BasicClass } | null {
  for (const sub of header.subrecords) {
    const at = S5_HEADER_LENGTH + sub.offset;
    if (sub.type !== S5PhysiologicalType.DISPLAYED) continue;
    if (at + S5_PHDB_SUBRECORD_LENGTH > record.length || classOf(record, at) !== BASIC_CLASS) {
      continue;
    }
    const v = view(record);
    const read = (name: S5BasicGroupName): S5Group => {
      const { offset, count } = BASIC_GROUPS[name];
      const g = at + PHDB_CLASS_OFFSET + offset;
      const values: number[] = [];
      for (let i = 0; i < count; i++) values.push(v.getInt16(g + 6 + 2 * i, true));
      return { status: v.getUint32(g, true), label: v.getUint16(g + 4, true), values };
    };
    const groups: S5BasicClass = {
      ecg: read('ecg'),
      p1: read('p1'),
      nibp: read('nibp'),
      t1: read('t1'),
      spo2: read('spo2'),
      co2: read('co2'),
    };
    return { time: v.getUint32(at, true), groups };
  }
  return null;
}

/** One displayed-values subrecord of the basic class; groups left out read as absent modules. */
export function buildS5BasicSubrecord(
  time: number,
  groups: Partial<S5BasicClass>,
  driLevel: number,
): Uint8Array {
  const body = new Uint8Array(S5_PHDB_SUBRECORD_LENGTH);
  const v = view(body);
  v.setUint32(0, time, true);
  for (const name of BASIC_GROUP_NAMES) {
    const group = groups[name];
    if (group === undefined) continue;
    const layout = BASIC_GROUPS[name];
    const g = PHDB_CLASS_OFFSET + layout.offset;
    v.setUint32(g, group.status, true);
    v.setUint16(g + 4, group.label, true);
    for (let i = 0; i < layout.count; i++) {
      v.setInt16(g + 6 + 2 * i, group.values[i] ?? S5_DATA_INVALID, true);
    }
  }
  // Low byte as a real monitor sends it (level in bits 4..7, subtype 1); class 0 in bits 8..11.
  v.setUint16(
    PHDB_CLASS_WORD_OFFSET,
    ((driLevel & 0x0f) << 4) | S5PhysiologicalType.DISPLAYED,
    true,
  );
  return body;
}

export interface S5WaveSubrecord {
  type: number;
  status: number;
  samples: Int16Array;
}

const WAVE_HEADER_LENGTH = 6;

/** The wave subrecords of a wave record; a subrecord whose samples overrun the record is dropped. */
export function readS5WaveSubrecords(
  record: Uint8Array,
  header: S5RecordHeader,
): S5WaveSubrecord[] {
  const v = view(record);
  const out: S5WaveSubrecord[] = [];
  for (const sub of header.subrecords) {
    const at = S5_HEADER_LENGTH + sub.offset;
    if (at + WAVE_HEADER_LENGTH > record.length) continue;
    const count = v.getInt16(at, true);
    const end = at + WAVE_HEADER_LENGTH + 2 * count;
    if (count < 0 || end > record.length) continue;
    const samples = new Int16Array(count);
    for (let i = 0; i < count; i++) samples[i] = v.getInt16(at + WAVE_HEADER_LENGTH + 2 * i, true);
    out.push({ type: sub.type, status: v.getUint16(at + 2, true), samples });
  }
  return out;
}

export function buildS5WaveSubrecord(status: number, samples: Int16Array): Uint8Array {
  const body = new Uint8Array(WAVE_HEADER_LENGTH + 2 * samples.length);
  const v = view(body);
  v.setInt16(0, samples.length, true);
  v.setUint16(2, status, true);
  samples.forEach((s, i) => v.setInt16(WAVE_HEADER_LENGTH + 2 * i, s, true));
  return body;
}
