/**
 * Masimo Radical-7 serial output in "ASCII 1" mode: one text line a second,
 * `MM/dd/yy HH:mm:ss SN=… SPO2=…% BPM=… PI=…% SPCO=…% SPMET=…% DESAT=… PIDELTA=… PVI=… ALARM=…
 * EXC=…`. Sources and the meaning of the ALARM and EXC bits are in PROTOCOL.md.
 */
import type { SerialSettings } from '../DeviceDriver.js';
import { deviceClock, fullYear, twoDigits, type DeviceClock } from '../shared/DeviceClock.js';
import { serialBytesPerSecond } from '../shared/serialLineRate.js';

/** 9600 8N1 on the docking station's P1 port, no handshake. */
export const MASIMO_SERIAL_SETTINGS: SerialSettings = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  flowControl: 'none',
};
export const MASIMO_LINE_BYTES_PER_SECOND = serialBytesPerSecond(MASIMO_SERIAL_SETTINGS);
export const MASIMO_LINE_INTERVAL_MS = 1000;

/** ALARM field bits (4 hex digits). */
export const MasimoAlarm = {
  SPO2_HIGH: 0x0001,
  SPO2_LOW: 0x0002,
  PULSE_RATE_HIGH: 0x0004,
  PULSE_RATE_LOW: 0x0008,
  ALARM_ACTIVE: 0x0010,
  ALARM_SILENCED: 0x0020,
  LOW_BATTERY: 0x0040,
  SPCO_HIGH: 0x0100,
  SPCO_LOW: 0x0200,
  SPMET_HIGH: 0x0400,
  SPMET_LOW: 0x0800,
  DESAT_INDEX: 0x1000,
  PI_DELTA: 0x2000,
} as const;

/** EXC field bits (6 hex digits); 0x000001–0x000800 are the ones Masimo documents. */
export const MasimoException = {
  NO_SENSOR: 0x000001,
  DEFECTIVE_SENSOR: 0x000002,
  LOW_PERFUSION: 0x000004,
  PULSE_SEARCH: 0x000008,
  INTERFERENCE: 0x000010,
  SENSOR_OFF: 0x000020,
  AMBIENT_LIGHT: 0x000040,
  UNRECOGNIZED_SENSOR: 0x000080,
  INCOMPATIBLE_SENSOR: 0x000100,
  LOW_SIGNAL_IQ: 0x000400,
  SET_MODE: 0x000800,
  NO_CABLE: 0x001000,
  CABLE_EXPIRED: 0x002000,
  INCOMPATIBLE_CABLE: 0x004000,
  UNRECOGNIZED_CABLE: 0x008000,
  DEFECTIVE_CABLE: 0x010000,
  SENSOR_CALIBRATING: 0x020000,
  SENSOR_EXPIRED: 0x040000,
  EMITTER_TEMPERATURE: 0x080000,
  SENSOR_CURRENT: 0x100000,
  SPCO_LOW_CONFIDENCE: 0x200000,
  SPMET_LOW_CONFIDENCE: 0x400000,
} as const;

export interface MasimoLine {
  clock: DeviceClock;
  serialNumber: string | null;
  /** null where the device printed dashes or left the field out. */
  spo2: number | null;
  pulseRate: number | null;
  perfusionIndex: number | null;
  spco: number | null;
  spmet: number | null;
  desat: number | null;
  piDelta: number | null;
  pvi: number | null;
  /** ALARM bit field, or null if missing or unreadable. */
  alarm: number | null;
  /** EXC bit field, or null if missing or unreadable. */
  exception: number | null;
}

const DATE = /^(\d\d)\/(\d\d)\/(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d)$/;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const HEX = /^[0-9A-Fa-f]+$/;
const FIELD = /^([A-Z0-9]+)=(\S*)$/;
/**
 * Fields every ASCII 1 line carries (the Radical-5 prints these too). Without a checksum, a line
 * that lost bytes is recognised by a field gone missing; a value cut short would otherwise pass.
 */
const REQUIRED_FIELDS = ['SPO2', 'BPM', 'PI', 'ALARM', 'EXC'];

function parseClock(date: string, time: string): DeviceClock | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (d === null || t === null) return null;
  return deviceClock({
    year: fullYear(Number(d[3])),
    month: Number(d[1]),
    day: Number(d[2]),
    hour: Number(t[1]),
    minute: Number(t[2]),
    second: Number(t[3]),
  });
}

/** A number, or null for "---", "--.-%", "+--" and anything else that is not one. */
function numberField(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const text = raw.endsWith('%') ? raw.slice(0, -1) : raw;
  return NUMBER.test(text) ? Number(text) : null;
}

function hexField(raw: string | undefined): number | null {
  return raw !== undefined && HEX.test(raw) && raw.length <= 8 ? parseInt(raw, 16) : null;
}

/** The line's values, or null if it is not an ASCII 1 line (noise, another output mode). */
export function parseMasimoLine(line: string): MasimoLine | null {
  const tokens = line.trim().split(/\s+/);
  const [date, time, ...rest] = tokens;
  if (date === undefined || time === undefined) return null;
  const clock = parseClock(date, time);
  if (clock === null) return null;
  const fields = new Map<string, string>();
  for (const token of rest) {
    // Fields this driver does not read (other firmware, other parameters) are skipped.
    const field = FIELD.exec(token);
    if (field === null) return null;
    fields.set(field[1] ?? '', field[2] ?? '');
  }
  if (!REQUIRED_FIELDS.every((name) => fields.has(name))) return null;
  return {
    clock,
    serialNumber: fields.get('SN') ?? null,
    spo2: numberField(fields.get('SPO2')),
    pulseRate: numberField(fields.get('BPM')),
    perfusionIndex: numberField(fields.get('PI')),
    spco: numberField(fields.get('SPCO')),
    spmet: numberField(fields.get('SPMET')),
    desat: numberField(fields.get('DESAT')),
    piDelta: numberField(fields.get('PIDELTA')),
    pvi: numberField(fields.get('PVI')),
    alarm: hexField(fields.get('ALARM')),
    exception: hexField(fields.get('EXC')),
  };
}

function formatClock(c: DeviceClock): string {
  const date = `${twoDigits(c.month)}/${twoDigits(c.day)}/${twoDigits(c.year)}`;
  return `${date} ${twoDigits(c.hour)}:${twoDigits(c.minute)}:${twoDigits(c.second)}`;
}

/** Zero-padded like the device prints it, or dashes of the same width when there is no value. */
function formatNumber(value: number | null, digits: number, decimals = 0, signed = false): string {
  const width = digits + (decimals > 0 ? decimals + 1 : 0);
  if (value === null) {
    const dashes =
      decimals > 0 ? `${'-'.repeat(digits)}.${'-'.repeat(decimals)}` : '-'.repeat(digits);
    return signed ? `+${dashes}` : dashes;
  }
  const body = Math.abs(value).toFixed(decimals).padStart(width, '0');
  if (!signed) return body;
  return `${value < 0 ? '-' : '+'}${body}`;
}

function formatHex(value: number, width: number): string {
  return value.toString(16).toUpperCase().padStart(width, '0');
}

/** The line a Radical-7 prints for these values, CR LF included. */
export function formatMasimoLine(line: MasimoLine): string {
  return (
    [
      formatClock(line.clock),
      `SN=${line.serialNumber ?? '----------'}`,
      `SPO2=${formatNumber(line.spo2, 3)}%`,
      `BPM=${formatNumber(line.pulseRate, 3)}`,
      `PI=${formatNumber(line.perfusionIndex, 2, 2)}%`,
      `SPCO=${formatNumber(line.spco, 2, 1)}%`,
      `SPMET=${formatNumber(line.spmet, 2, 1)}%`,
      `DESAT=${formatNumber(line.desat, 2)}`,
      `PIDELTA=${formatNumber(line.piDelta, 2, 0, true)}`,
      `PVI=${formatNumber(line.pvi, 3)}`,
      `ALARM=${formatHex(line.alarm ?? 0, 4)}`,
      `EXC=${formatHex(line.exception ?? 0, 6)}`,
    ].join(' ') + '\r\n'
  );
}
