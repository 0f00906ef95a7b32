/**
 * What the store tests share: a throw-away data directory holding a real SQLite file, a log that
 * remembers what it was told, and builders for domain values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Observation, WaveSegment } from '../../../electron/contract/domain.js';
import {
  DATABASE_FILE_NAME,
  StationStore,
  type StoreLog,
} from '../../../electron/station/store/StationStore.js';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields: Record<string, unknown> | undefined;
}

export class RecordingLog implements StoreLog {
  readonly entries: LogEntry[] = [];

  info(msg: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'info', msg, fields });
  }

  warn(msg: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'warn', msg, fields });
  }

  error(msg: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'error', msg, fields });
  }

  messages(): string[] {
    return this.entries.map((entry) => entry.msg);
  }
}

/** A fresh data directory; `cleanUp` closes every store opened in it and removes it. */
export class TempStation {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'ward-station-store-'));
  readonly file = join(this.dataDir, DATABASE_FILE_NAME);
  private readonly stores: StationStore[] = [];

  open(log: StoreLog = new RecordingLog()): StationStore {
    const store = StationStore.open({ dataDir: this.dataDir, log });
    this.stores.push(store);
    return store;
  }

  /** A second, plain connection, to look at what the store really wrote. */
  inspect<T>(look: (db: Database.Database) => T): T {
    const db = new Database(this.file, { readonly: true });
    try {
      return look(db);
    } finally {
      db.close();
    }
  }

  cleanUp(): void {
    for (const store of this.stores) store.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Lets the store's end-of-turn commit run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function observation(fields: Partial<Observation> = {}): Observation {
  return {
    bed: 'bed-1',
    device: 'link-1/ox-1',
    code: 150456,
    value: 97,
    unit: '%',
    time: 1_700_000_000_000,
    status: 'valid',
    demo: false,
    ...fields,
  };
}

export function waveSegment(fields: Partial<WaveSegment> & { samples: Int16Array }): WaveSegment {
  return {
    bed: 'bed-1',
    device: 'link-1/ox-1',
    code: 150452,
    sampleRate: 75,
    t0: 1_700_000_000_000,
    seq: 0,
    scale: 1,
    offset: 0,
    unit: '{unit}',
    demo: false,
    ...fields,
  };
}
