/**
 * What the contract's review and export calls do: trends, full disclosure, alarm and link
 * history from the read-only query connection, and exports into <dataDir>/exports/ under names
 * the station makes up (a client never names a path on the station's disk). Every export is
 * written to the audit log.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  Alarm,
  DisclosurePage,
  ExportedFile,
  LinkCounterSnapshot,
  Trend,
} from '../../contract/domain.js';
import { ContractError } from '../../contract/errors.js';
import type { Log } from '../log/StationLog.js';
import {
  exportNumericsCsv,
  exportWavesEdf,
  type ExportOutcome,
  type ExportRange,
} from '../store/export/BedExport.js';
import { EdfError } from '../store/export/EdfWriter.js';
import type {
  AlarmHistoryQuery,
  LinkCounterQuery,
  StoreQueries,
  TrendQuery,
} from '../store/StoreQueries.js';
import type { AuditEntry } from '../store/StoreMaintenance.js';

export interface StoreReviewOptions {
  dataDir: string;
  beds: readonly string[];
  stationName: string;
  stationVersion: string;
  log: Log;
  /** Returns whether the entry reached the audit log. */
  audit(entry: AuditEntry): boolean;
}

type ExportKind = 'csv' | 'edf';

export class StoreReview {
  private readonly beds: ReadonlySet<string>;
  private readonly exportDir: string;

  constructor(
    private readonly queries: StoreQueries,
    private readonly options: StoreReviewOptions,
  ) {
    this.beds = new Set(options.beds);
    this.exportDir = join(options.dataDir, 'exports');
  }

  trend(query: TrendQuery): Trend {
    this.assertBed(query.bed);
    return this.queries.trend(query);
  }

  disclosurePage(bed: string, at: number, seconds: number): DisclosurePage {
    this.assertBed(bed);
    return this.queries.disclosurePage(bed, at, at + seconds * 1000);
  }

  alarmHistory(query: AlarmHistoryQuery): Alarm[] {
    return this.queries.alarmHistory(query);
  }

  linkCounters(query: LinkCounterQuery): LinkCounterSnapshot[] {
    return this.queries.linkCounters(query);
  }

  async export(kind: ExportKind, range: ExportRange, actor: string): Promise<ExportedFile> {
    this.assertBed(range.bed);
    mkdirSync(this.exportDir, { recursive: true });
    const file = exportFileName(kind, range);
    const path = join(this.exportDir, file);
    const { log } = this.options;
    let outcome: ExportOutcome;
    try {
      outcome =
        kind === 'csv'
          ? await exportNumericsCsv(this.queries, range, path)
          : await exportWavesEdf(this.queries, range, path, {
              stationName: this.options.stationName,
              stationVersion: this.options.stationVersion,
            });
    } catch (error) {
      if (error instanceof EdfError)
        throw new ContractError({ code: 'REJECTED', message: error.message });
      if (isExisting(error)) {
        throw new ContractError({ code: 'REJECTED', message: `the export ${file} already exists` });
      }
      log.error('export: failed', { kind, ...range, error: String(error) });
      throw error;
    }
    const entry: AuditEntry = {
      at: Date.now(),
      actor,
      action: `export.${kind}`,
      subject: range.bed,
      detail: { from: range.from, to: range.to, file, bytes: outcome.bytes },
    };
    log.info('export: written', { ...entry });
    if (!this.options.audit(entry)) log.error('export: not in the audit log', { file });
    return { file, bytes: outcome.bytes, items: outcome.items };
  }

  private assertBed(bed: string): void {
    if (!this.beds.has(bed)) {
      throw new ContractError({ code: 'REJECTED', message: `no bed "${bed}" is configured` });
    }
  }
}

/** bed-3_20240501T120000Z_20240501T130000Z.edf: sortable, and legal on every file system. */
export function exportFileName(kind: ExportKind, range: ExportRange): string {
  const stamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `${range.bed}_${stamp(range.from)}_${stamp(range.to)}.${kind}`;
}

function isExisting(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EEXIST';
}
