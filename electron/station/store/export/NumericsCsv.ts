/**
 * A bed's numerics as CSV (RFC 4180: comma-separated, CRLF, quotes where needed), one row per
 * observation, so a spreadsheet or R opens it as it is. Times are ISO 8601 UTC and epoch ms,
 * codes are MDC with their reference id, and demo data says so in every row.
 */
import { mdcTerm } from '../../../contract/mdc.js';
import type { StoredObservation } from '../StoreQueries.js';

export const CSV_HEADER = [
  'time',
  'time_ms',
  'bed',
  'mdc_code',
  'mdc_refid',
  'label',
  'value',
  'unit',
  'status',
  'device',
  'demo',
];

/** Quotes a cell that holds a comma, quote or line break, and one a spreadsheet would run. */
export function csvCell(value: string): string {
  const formulaLike = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value);
  const text = formulaLike ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function observationCsvLine(bed: string, observation: StoredObservation): string {
  const term = mdcTerm(observation.code);
  return csvLine([
    new Date(observation.time).toISOString(),
    String(observation.time),
    bed,
    String(observation.code),
    term?.refid ?? '',
    term?.label ?? '',
    observation.value === null ? '' : String(observation.value),
    observation.unit,
    observation.status,
    observation.device,
    observation.demo ? 'yes' : 'no',
  ]);
}
