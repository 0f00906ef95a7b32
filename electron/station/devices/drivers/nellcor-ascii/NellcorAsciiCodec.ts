/**
 * Nellcor N-595 data port text: a data line per trend point,
 * `dd-MMM-yy HH:mm:ss SpO2 BPM PA [status codes]`, and a repeated two-line header (model,
 * version and alarm limits; column headings). Sources in PROTOCOL.md.
 */
import type { SerialSettings } from '../DeviceDriver.js';
import { deviceClock, fullYear, twoDigits, type DeviceClock } from '../shared/DeviceClock.js';
import { serialBytesPerSecond } from '../shared/serialLineRate.js';

export const NELLCOR_SERIAL_SETTINGS: SerialSettings = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  flowControl: 'none',
};
export const NELLCOR_LINE_BYTES_PER_SECOND = serialBytesPerSecond(NELLCOR_SERIAL_SETTINGS);
/** One data line per trend point, every 2 s. */
export const NELLCOR_LINE_INTERVAL_MS = 2000;
/** The header is printed again after this many data lines. */
export const NELLCOR_LINES_PER_HEADER = 25;

/** Status codes the N-595 prints after the values. */
export const NellcorStatus = {
  ALARM_OFF: 'AO',
  ALARM_SILENCE: 'AS',
  LOW_BATTERY: 'LB',
  LOSS_OF_PULSE_WITH_MOTION: 'LM',
  LOSS_OF_PULSE: 'LP',
  MOTION: 'MO',
  PULSE_RATE_HIGH: 'PH',
  PULSE_RATE_LOW: 'PL',
  PULSE_SEARCH: 'PS',
  SPO2_HIGH: 'SH',
  SPO2_LOW: 'SL',
  SENSOR_DISCONNECT: 'SD',
  SENSOR_OFF: 'SO',
} as const;

export interface NellcorReading {
  /** null for "---" or anything that is not a number. */
  value: number | null;
  /** The device printed "*" after the number. */
  marked: boolean;
}

export interface NellcorDataLine {
  kind: 'data';
  clock: DeviceClock;
  spo2: NellcorReading;
  pulseRate: NellcorReading;
  pulseAmplitude: NellcorReading;
  /** Two-letter codes as printed, including any this driver does not know. */
  status: string[];
}

export interface NellcorHeaderLine {
  kind: 'header';
}

export type NellcorLine = NellcorDataLine | NellcorHeaderLine;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DATE = /^(\d\d)-([A-Za-z]{3})-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d)$/;
const FIELD = /^[0-9*-]+$/;
const READING = /^(\d+)(\*?)$/;
const STATUS_CODE = /^[A-Z]{2}$/;
const COLUMN_HEADINGS = /^TIME\s+%SPO2\s+BPM\s+PA(\s+STATUS)?$/i;
/** "N-595 VERSION 1.2.0.0 CRC:… SpO2 Limit: …" and the interactive-mode info line. */
const INSTRUMENT_LINE = /^\S+\s+VERSION\s+[0-9.]+\s/;

function parseClock(date: string, time: string): DeviceClock | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (d === null || t === null) return null;
  const month = MONTHS.indexOf((d[2] ?? '').toUpperCase()) + 1;
  return deviceClock({
    year: fullYear(Number(d[3])),
    month,
    day: Number(d[1]),
    hour: Number(t[1]),
    minute: Number(t[2]),
    second: Number(t[3]),
  });
}

function parseReading(field: string): NellcorReading {
  const m = READING.exec(field);
  if (m === null) return { value: null, marked: field.includes('*') };
  return { value: Number(m[1]), marked: m[2] === '*' };
}

/** A data or header line, or null for anything else (noise, interactive menus). */
export function parseNellcorLine(line: string): NellcorLine | null {
  const text = line.trim();
  if (COLUMN_HEADINGS.test(text) || INSTRUMENT_LINE.test(text)) return { kind: 'header' };
  const [date, time, spo2, pulseRate, pulseAmplitude, ...status] = text.split(/\s+/);
  if (date === undefined || time === undefined) return null;
  if (spo2 === undefined || pulseRate === undefined || pulseAmplitude === undefined) return null;
  const clock = parseClock(date, time);
  if (clock === null || ![spo2, pulseRate, pulseAmplitude].every((f) => FIELD.test(f))) {
    return null;
  }
  if (!status.every((code) => STATUS_CODE.test(code))) return null;
  return {
    kind: 'data',
    clock,
    spo2: parseReading(spo2),
    pulseRate: parseReading(pulseRate),
    pulseAmplitude: parseReading(pulseAmplitude),
    status,
  };
}

function formatReading(value: number | null): string {
  return (value === null ? '---' : String(value)).padStart(3, ' ');
}

/** A data line as the N-595 prints it, CR LF included. */
export function formatNellcorDataLine(
  clock: DeviceClock,
  values: { spo2: number | null; pulseRate: number | null; pulseAmplitude: number | null },
  status: readonly string[],
): string {
  const date = `${twoDigits(clock.day)}-${MONTHS[clock.month - 1] ?? 'JAN'}-${twoDigits(clock.year)}`;
  const time = `${twoDigits(clock.hour)}:${twoDigits(clock.minute)}:${twoDigits(clock.second)}`;
  const fields = [values.spo2, values.pulseRate, values.pulseAmplitude].map(formatReading);
  return [`${date} ${time}`, ...fields, ...status].join(' ') + '\r\n';
}

/** The two header lines: instrument, version and alarm limits, then the column headings. */
export function formatNellcorHeader(limits: {
  spo2: [number, number];
  pulseRate: [number, number];
}): string {
  const [spo2Low, spo2High] = limits.spo2;
  const [prLow, prHigh] = limits.pulseRate;
  return (
    `N-595 VERSION 1.6.0.0 CRC:0000 SpO2 Limit: ${spo2Low}-${spo2High}% ` +
    `PR Limit: ${prLow}-${prHigh}BPM\r\n` +
    'TIME %SPO2 BPM PA Status\r\n'
  );
}
