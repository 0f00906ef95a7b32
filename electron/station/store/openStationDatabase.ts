/**
 * Opens the station database ready for use: durable settings, checked, migrated. A file SQLite
 * cannot read (corrupt, or not a Ward Station database at all) is moved aside, never deleted, as
 * it may hold the only copy of a unit's history, and a fresh database takes its place so the
 * station keeps monitoring.
 */
import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Migrator, schemaVersion } from './Migrator.js';
import { migrations } from './migrations/index.js';
import type { StoreLog, StoreProblem } from './StationStore.js';
import { describeError, StoreError } from './StoreError.js';

export interface OpenDatabaseOptions {
  log: StoreLog;
  nativeBinding?: string | null;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Problems found while opening, for whoever registers for problems later. */
  problems: StoreProblem[];
}

type OpenAttempt = { kind: 'ready'; db: Database.Database } | { kind: 'unusable'; reason: string };

/** 64 MiB of page cache for the writer. */
const CACHE_KIB = 65_536;
/** About 40 MB of WAL between checkpoints. */
const CHECKPOINT_PAGES = 10_000;

/** Waits for another connection (a backup tool, an investigator) instead of failing at once. */
const BUSY_TIMEOUT_MS = 5_000;

export function openStationDatabase(file: string, options: OpenDatabaseOptions): OpenedDatabase {
  const attempt = openChecked(file, options);
  if (attempt.kind === 'ready') return { db: attempt.db, problems: [] };

  const aside = moveAside(file, attempt.reason);
  options.log.error('store: unreadable database moved aside, starting a new one', {
    file,
    aside,
    reason: attempt.reason,
  });
  const fresh = openChecked(file, options);
  if (fresh.kind === 'unusable') {
    throw new StoreError(
      `A new station database ${file} is unreadable too (${fresh.reason}); check the disk.`,
    );
  }
  const message = `The station database was unreadable (${attempt.reason}) and was replaced by an empty one; the old file is kept as ${aside}.`;
  return { db: fresh.db, problems: [{ code: 'store.replaced-corrupt-file', message }] };
}

function openChecked(file: string, options: OpenDatabaseOptions): OpenAttempt {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const reason = unusableReason(db);
    if (reason !== null) {
      db.close();
      return { kind: 'unusable', reason };
    }
    const migrator = new Migrator(migrations, options.log);
    // Checked before WAL mode is set, because that rewrites the file header: a newer station's
    // file must stay exactly as it was.
    migrator.refuseNewer(db, file);
    configureDurability(db, file, options.log);
    // The default 2 MB page cache cannot hold the hot index pages of a full unit's ingest, and
    // every miss is a read in the middle of a commit.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    // Each group commit rewrites the same hot index pages (one per bed and parameter); copying
    // them into the file every 4 MB of WAL wrote each of them several times over.
    db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
    migrator.migrate(db, file);
    return { kind: 'ready', db };
  } catch (error) {
    db?.close();
    if (isUnreadableFile(error)) return { kind: 'unusable', reason: describeError(error) };
    if (error instanceof StoreError) throw error;
    throw new StoreError(`Cannot open the station database ${file}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** WAL with synchronous=FULL: a commit is on disk when it returns, so an ACK can follow it. */
function configureDurability(db: Database.Database, file: string, log: StoreLog): void {
  // Lets pruning under disk pressure hand pages back to the file system. SQLite accepts it only
  // before the first table and before WAL mode; older files keep reusing their freed pages.
  if (!hasSchemaObjects(db)) db.pragma('auto_vacuum = INCREMENTAL');
  const journalMode: unknown = db.pragma('journal_mode = WAL', { simple: true });
  if (journalMode !== 'wal') {
    log.warn('store: WAL journal not available; writes stay durable but slower', {
      file,
      journalMode,
    });
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

function unusableReason(db: Database.Database): string | null {
  const check: unknown = db.pragma('quick_check(1)', { simple: true });
  if (check !== 'ok') return `integrity check failed: ${String(check)}`;
  // Our migrations set the version in the same transaction as the tables, so tables at
  // version 0 were made by some other program.
  if (schemaVersion(db) === 0 && hasSchemaObjects(db)) {
    return 'not a Ward Station database: it has tables but no schema version';
  }
  return null;
}

function hasSchemaObjects(db: Database.Database): boolean {
  return db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get() !== undefined;
}

function isUnreadableFile(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT'))
  );
}

/** Renames the file and its WAL and shared-memory files together, keeping SQLite's naming. */
function moveAside(file: string, reason: string): string {
  const aside = unusedAsideName(file);
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
  } catch (error) {
    throw new StoreError(
      `The station database ${file} is unreadable (${reason}) and could not be moved aside to ${aside}: ${describeError(error)}`,
      { cause: error },
    );
  }
  return aside;
}

/** ISO 8601 basic format (no colons), since Windows forbids ':' in file names. */
function unusedAsideName(file: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '');
  const base = `${file}.corrupt-${stamp}`;
  let aside = base;
  for (let n = 2; existsSync(aside); n++) aside = `${base}-${n}`;
  return aside;
}
