/**
 * WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside the commit that
 * crosses its threshold, so one group commit in every few hundred also copies the WAL back into
 * the database file, and every HL7 ACK waiting on that commit waits for the copy too: that was
 * most of the p99 in the ingest measurements. Here a worker thread with its own connection runs
 * PASSIVE checkpoints every few tens of milliseconds instead, which copy while the writer keeps
 * writing; the writer's automatic checkpoint is switched off. A writer that never pauses keeps a
 * PASSIVE checkpoint from ever catching up, so the WAL could only grow: once it holds more than a
 * few thousand frames, the worker takes a RESTART checkpoint, which makes the writer wait only for
 * the little the PASSIVE ones left to copy, and lets the WAL start again from its beginning.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { pragmaNumber } from './pragmas.js';
import type { StoreLog } from './StationStore.js';

const CHECKPOINT_EVERY_MS = 25;
/** About 16 MB of 4 KiB pages: past this the WAL is restarted. */
const RESTART_AFTER_FRAMES = 4_096;

/** Plain CommonJS: it runs in a worker thread, outside any bundler or TypeScript loader. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqliteModule);
const db = new Database(
  workerData.file,
  workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {},
);
db.pragma('busy_timeout = 5000');
let lastError = '';
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log > workerData.restartAfterFrames) db.pragma('wal_checkpoint(RESTART)');
    lastError = '';
  } catch (error) {
    const message = String((error && error.message) || error);
    if (message !== lastError) parentPort.postMessage(message);
    lastError = message;
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class WalCheckpointer {
  private constructor(private readonly worker: Worker) {}

  /**
   * Takes over checkpointing for a WAL-mode writer; null (SQLite's own checkpoints stay on) when
   * the database is not in WAL mode or the worker cannot start.
   */
  static start(
    db: Database.Database,
    file: string,
    nativeBinding: string | null,
    log: StoreLog,
  ): WalCheckpointer | null {
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          file,
          nativeBinding,
          sqliteModule: createRequire(import.meta.url).resolve('better-sqlite3'),
          intervalMs: CHECKPOINT_EVERY_MS,
          restartAfterFrames: RESTART_AFTER_FRAMES,
        },
      });
    } catch (error) {
      log.warn('store: checkpoint worker not started; SQLite checkpoints inside commits', {
        error: String(error),
      });
      return null;
    }
    const ownCheckpointPages = pragmaNumber(db, 'wal_autocheckpoint');
    worker.unref();
    worker.on('message', (message: unknown) =>
      log.warn('store: WAL checkpoint failed; retried', { error: String(message) }),
    );
    worker.on('error', (error) => {
      log.error('store: checkpoint worker stopped; SQLite checkpoints inside commits again', {
        error: error.message,
      });
      if (db.open) db.pragma(`wal_autocheckpoint = ${ownCheckpointPages}`);
    });
    db.pragma('wal_autocheckpoint = 0');
    return new WalCheckpointer(worker);
  }

  stop(): void {
    this.worker.postMessage('stop');
  }
}
