import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/station/store/migrations/index.js';
import { StoreError } from '../../../electron/station/store/StoreError.js';
import { RecordingLog, TempStation } from './storeFixtures.js';

const MIGRATION_APPLIED = 'store: migration applied';
const NEWEST = migrations.length;

let station: TempStation;

beforeEach(() => {
  station = new TempStation();
});

afterEach(() => {
  station.cleanUp();
});

function writeDatabase(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

describe('schema migrations', () => {
  it('creates the schema in a new file, in WAL mode, at the newest user_version', () => {
    const log = new RecordingLog();
    station.open(log).close();

    expect(log.messages().filter((m) => m === MIGRATION_APPLIED)).toHaveLength(NEWEST);
    const { journalMode, version, tables } = station.inspect((db) => ({
      journalMode: db.pragma('journal_mode', { simple: true }),
      version: db.pragma('user_version', { simple: true }),
      tables: db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .all()
        .map((row) => row.name),
    }));
    expect(journalMode).toBe('wal');
    expect(version).toBe(NEWEST);
    expect(tables).toEqual(
      expect.arrayContaining([
        'alarms',
        'observations',
        'wave_chunks',
        'numeric_minutes',
        'maintenance_marks',
        'link_counters',
        'alarm_actions',
        'audit_log',
      ]),
    );
  });

  it('applies nothing when the file is already current', () => {
    station.open().close();
    const log = new RecordingLog();
    station.open(log).close();

    expect(log.messages()).not.toContain(MIGRATION_APPLIED);
    expect(station.inspect((db) => db.pragma('user_version', { simple: true }))).toBe(NEWEST);
  });

  it('refuses a database written by a newer station, naming the file and both versions', () => {
    writeDatabase(station.file, 'CREATE TABLE future (x); PRAGMA user_version = 999;');
    const before = readFileSync(station.file);

    const opening = () => station.open();

    expect(opening).toThrow(StoreError);
    expect(opening).toThrow(
      `The station database ${station.file} has schema version 999, but this station only knows versions up to ${NEWEST}`,
    );
    // Not corrupt, just newer: it stays where it is, untouched.
    expect(readdirSync(station.dataDir).filter((name) => name.includes('.corrupt-'))).toEqual([]);
    expect(readFileSync(station.file).equals(before)).toBe(true);
  });

  it('moves aside an SQLite file made by another program and starts a fresh one', () => {
    writeDatabase(
      station.file,
      'CREATE TABLE somebody_else (x); INSERT INTO somebody_else VALUES (1);',
    );

    const store = station.open();

    expect(store.startupProblems.map((p) => p.code)).toEqual(['store.replaced-corrupt-file']);
    const aside = readdirSync(station.dataDir).filter((name) => /\.corrupt-[^-]+$/.test(name));
    expect(aside).toHaveLength(1);
    expect(station.inspect((db) => db.pragma('user_version', { simple: true }))).toBe(NEWEST);
  });
});
