/**
 * Identifiers of the IntelliVue Data Export protocol that the driver reads or writes, with their
 * names from the Philips Data Export Interface Programming Guide. Numbers in PROTOCOL.md.
 */

/** First byte of every message: the session layer's SPDU identifier. */
export const SessionType = {
  CONNECT: 0x0d,
  ACCEPT: 0x0e,
  REFUSE: 0x0c,
  /** Release request (FN SPDU) and release response (DN SPDU). */
  FINISH: 0x09,
  DISCONNECT: 0x0a,
  ABORT: 0x19,
  /** Data (`E1 00 00 02`: session id 0xE100, presentation context 2). */
  DATA: 0xe1,
} as const;

/** Remote operation PDU types. */
export const RoType = {
  INVOKE: 1,
  RESULT: 2,
  ERROR: 3,
  LINKED_RESULT: 5,
} as const;

export const Command = {
  EVENT_REPORT: 0,
  CONFIRMED_EVENT_REPORT: 1,
  CONFIRMED_SET: 5,
  CONFIRMED_ACTION: 7,
} as const;

/** Object classes (partition NOM_PART_OBJ). */
export const ObjectClass = {
  NUMERIC: 0x06,
  WAVE: 0x09,
  MDS: 0x21,
  ALERT_MONITOR: 0x36,
} as const;

export const Partition = {
  OBJECT: 1,
  /** Physiological measurements: the code is the IEEE 11073-10101 term code. */
  SCADA: 2,
} as const;

export const ActionType = {
  POLL: 0x0c16,
  EXTENDED_POLL: 0xf13b,
} as const;

export const EventType = {
  MDS_CREATE: 0x0d06,
} as const;

export const AttributeGroup = {
  ALL: 0x0000,
  ALERT_MONITOR: 0x0801,
  SYSTEM_PRODUCTION: 0x080c,
} as const;

export const AttributeId = {
  POLL_PROFILE_SUPPORT: 0x0001,
  PATIENT_ALARM_LIST: 0x0902,
  TECHNICAL_ALARM_LIST: 0x0904,
  COMPOUND_NUMERIC_VALUE: 0x094b,
  NUMERIC_VALUE: 0x0950,
  COMPOUND_SAMPLE_ARRAY_VALUE: 0x0967,
  SAMPLE_ARRAY_SPEC: 0x096d,
  SAMPLE_ARRAY_VALUE: 0x096e,
  SCALE_RANGE: 0x096f,
  SAMPLE_PERIOD: 0x098d,
  UNIT_CODE: 0x0996,
  POLL_PERIOD: 0xf13e,
  POLL_PROFILE_EXTENSIONS: 0xf001,
  WAVE_PRIORITY_LIST: 0xf23a,
} as const;

/** MeasurementState bits of a numeric or wave value. */
export const MeasurementState = {
  INVALID: 0x8000,
  QUESTIONABLE: 0x4000,
  UNAVAILABLE: 0x2000,
  CALIBRATION_ONGOING: 0x1000,
  TEST_DATA: 0x0800,
  DEMO_DATA: 0x0400,
} as const;

/** AlertType bits of an alarm list entry (0x0100 is a low-priority patient alarm). */
export const AlertType = {
  LOW_TECHNICAL: 0x0001,
  MEDIUM_TECHNICAL: 0x0002,
  HIGH_TECHNICAL: 0x0004,
  MEDIUM_PATIENT: 0x0200,
  HIGH_PATIENT: 0x0400,
} as const;

/** AlMonInfo with the monitor's alarm text (0x0201 is the general one, without). */
export const AlertInfoId = {
  STRING: 0x0204,
} as const;

/** RelativeTime and sample periods count 1/8 ms. */
export const TICKS_PER_MS = 8;

/** IntelliVue physiological ids are MDC term codes in the SCADA partition. */
export function mdcCodeOf(physioId: number): number {
  return Partition.SCADA * 0x10000 + physioId;
}

/** Units (NOM_DIM_*, MDC partition 4) the monitor reports, as UCUM. */
const UCUM_BY_UNIT_CODE = new Map<number, string>([
  [0x0200, '1'],
  [0x0220, '%'],
  [0x0512, 'mm'],
  [0x0652, 'mL'],
  [0x06d2, 'mg'],
  [0x0880, 's'],
  [0x0892, 'ms'],
  [0x09e0, '/min'],
  [0x0aa0, '{beat}/min'],
  [0x0ae0, '{breath}/min'],
  [0x0c00, 'L/min'],
  [0x0c12, 'mL/min'],
  [0x0f03, 'kPa'],
  [0x0f20, 'mm[Hg]'],
  [0x0f40, 'cm[H2O]'],
  [0x10b2, 'mV'],
  [0x10b3, 'uV'],
  [0x10c0, 'Ohm'],
  [0x1140, '[degF]'],
  [0x17a0, 'Cel'],
]);

/** An unknown unit keeps its code, as a UCUM annotation, rather than borrowing a wrong unit. */
export function ucumOf(unitCode: number): string {
  return UCUM_BY_UNIT_CODE.get(unitCode) ?? `{NOM_DIM ${unitCode}}`;
}

/** Alarm event codes (NOM_EVT_*) common on a general ward, for alarms sent without a string. */
const EVENT_TEXT = new Map<number, string>([
  [4, 'absent'],
  [22, 'disconnected'],
  [38, 'failure'],
  [40, 'high'],
  [62, 'low'],
  [194, 'battery low'],
  [242, 'equipment malfunction'],
  [268, 'lead disconnected'],
  [274, 'leads off'],
  [3072, 'apnea'],
  [3076, 'asystole'],
  [3086, 'extreme bradycardia'],
  [3108, 'pause'],
  [3122, 'extreme tachycardia'],
  [3224, 'ventricular tachycardia'],
  [3246, 'desaturation'],
  [61444, 'VFib/VTach'],
  [61766, 'bradycardia'],
  [61768, 'tachycardia'],
  [61830, 'extreme high'],
  [61832, 'extreme low'],
]);

export function eventText(alertCode: number): string {
  return EVENT_TEXT.get(alertCode) ?? `alert ${alertCode}`;
}
