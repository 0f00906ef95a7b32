/**
 * The engine's one SQLite database (it is the only writer): numerics, waveform chunks, alarms.
 *
 * Writes are queued and committed together at the end of the event-loop turn (group commit), so
 * a ward of devices costs one fsync per turn, not one per sample. A failed commit never throws
 * out of the timer: the data stays queued, the failure is reported once as a problem (it becomes
 * a technical alarm), and the commit is retried until the disk takes it again.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Alarm, Observation, WaveSegment } from '../../contract/domain.js';
import { LatestObservations } from './LatestObservations.js';
import { openStationDatabase } from './openStationDatabase.js';
import { pragmaNumber } from './pragmas.js';
import { describeError, StoreError } from './StoreError.js';
import { StoreStatements } from './StoreStatements.js';
import { WaveChunker, type WaveChunk } from './WaveChunker.js';

export interface StoreLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface StoreProblem {
  code: 'store.write-failed' | 'store.replaced-corrupt-file';
  message: string;
}

export interface StationStoreOptions {
  dataDir: string;
  log: StoreLog;
  /** Path of a better-sqlite3 build for another ABI (Electron's); null: the one next to it. */
  nativeBinding?: string | null;
}

export const DATABASE_FILE_NAME = 'station.sqlite';

/** About 10,000 s of one wave: enough to ride out a short outage without exhausting memory. */
const MAX_QUEUED_WAVE_CHUNKS = 10_000;
/** Retrying every turn while the disk is full would only burn CPU on failing transactions. */
const RETRY_AFTER_FAILURE_MS = 1_000;

interface WriteFailure {
  reason: string;
  attempts: number;
}

export class StationStore {
  private readonly statements: StoreStatements;
  private readonly writeQueuedRows: () => void;
  private readonly latest = new LatestObservations();
  private readonly chunker = new WaveChunker();
  private readonly unlimitedPageCount: number;

  private queuedObservations: Observation[] = [];
  private queuedWaveChunks: WaveChunk[] = [];
  /** By id: only an alarm's last state needs writing. Never dropped. */
  private readonly queuedAlarms = new Map<string, Alarm>();

  private commitAtEndOfTurn: ReturnType<typeof setImmediate> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failure: WriteFailure | null = null;
  private droppedWaveChunks = 0;
  private closed = false;

  private readonly commitListeners: (() => void)[] = [];
  private readonly problemListeners: ((problem: StoreProblem) => void)[] = [];

  private constructor(
    private readonly db: Database.Database,
    private readonly log: StoreLog,
    /** Found while opening, before anyone could register with onProblem. */
    readonly startupProblems: readonly StoreProblem[],
  ) {
    this.statements = new StoreStatements(db, log);
    this.writeQueuedRows = db.transaction(() => this.insertQueuedRows());
    this.unlimitedPageCount = pragmaNumber(db, 'max_page_count');
    for (const observation of this.statements.latestObservations()) {
      this.latest.remember(observation);
    }
  }

  static open(options: StationStoreOptions): StationStore {
    mkdirSync(options.dataDir, { recursive: true });
    const file = join(options.dataDir, DATABASE_FILE_NAME);
    const { db, problems } = openStationDatabase(file, options);
    options.log.info('store: opened', { file });
    return new StationStore(db, options.log, problems);
  }

  writeObservations(observations: readonly Observation[]): void {
    this.assertOpen();
    if (observations.length === 0) return;
    for (const observation of observations) {
      this.queuedObservations.push(observation);
      this.latest.remember(observation);
    }
    this.scheduleCommit();
  }

  /** Samples reach the disk in chunks of about a second; a partial chunk waits for the rest. */
  writeWaves(segments: readonly WaveSegment[]): void {
    this.assertOpen();
    const completed = segments.flatMap((segment) => this.chunker.add(segment));
    if (completed.length === 0) return;
    this.queuedWaveChunks.push(...completed);
    this.scheduleCommit();
  }

  upsertAlarm(alarm: Alarm): void {
    this.assertOpen();
    this.queuedAlarms.set(alarm.id, alarm);
    this.scheduleCommit();
  }

  /** Commits what is queued now. Failures are reported through onProblem, never thrown. */
  flush(): void {
    this.assertOpen();
    this.cancelCommitAtEndOfTurn();
    this.commitQueued();
  }

  /** Called after each successful commit: everything queued before it is now on disk. */
  onCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  onProblem(listener: (problem: StoreProblem) => void): void {
    this.problemListeners.push(listener);
  }

  /** Newest per (bed, code), including observations still waiting for their commit. */
  latestObservations(bed?: string): Observation[] {
    return this.latest.list(bed);
  }

  /** Alarms not ended, newest first, including changes still waiting for their commit. */
  activeAlarms(): Alarm[] {
    const byId = new Map(this.statements.activeAlarms().map((alarm) => [alarm.id, alarm]));
    for (const alarm of this.queuedAlarms.values()) {
      if (alarm.state === 'ended') byId.delete(alarm.id);
      else byId.set(alarm.id, alarm);
    }
    return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  /**
   * Caps the database at about maxBytes (null: no cap). Writes past the cap fail the way a full
   * disk does: reported, kept queued, retried.
   */
  setSizeLimit(maxBytes: number | null): void {
    this.assertOpen();
    if (maxBytes !== null && !(maxBytes > 0)) {
      throw new RangeError(`Size limit must be a positive number of bytes, got ${maxBytes}`);
    }
    const pageCount =
      maxBytes === null
        ? this.unlimitedPageCount
        : Math.max(1, Math.floor(maxBytes / pragmaNumber(this.db, 'page_size')));
    this.db.pragma(`max_page_count = ${pageCount}`);
  }

  /** Writes everything still queued, partial wave chunks included, and closes the file. */
  close(): void {
    if (this.closed) return;
    this.queuedWaveChunks.push(...this.chunker.drain());
    this.commitQueued();
    // Listeners of that last commit (or of its failure) may have armed timers; from here on
    // writes are refused, so the timers can go for good.
    this.closed = true;
    this.cancelCommitAtEndOfTurn();
    this.cancelRetry();
    if (this.hasQueuedRows()) {
      this.log.error('store: closed with data that could not be written', this.queuedCounts());
    }
    this.db.close();
  }

  private scheduleCommit(): void {
    // While a retry is pending, new data simply joins the queue that the retry will write.
    if (this.commitAtEndOfTurn || this.retryTimer) return;
    this.commitAtEndOfTurn = setImmediate(() => {
      this.commitAtEndOfTurn = null;
      this.commitQueued();
    });
  }

  private commitQueued(): void {
    if (!this.hasQueuedRows()) return;
    try {
      this.writeQueuedRows();
    } catch (error) {
      this.commitFailed(error);
      return;
    }
    this.committed();
  }

  private insertQueuedRows(): void {
    for (const observation of this.queuedObservations) {
      this.statements.insertObservation(observation);
    }
    for (const chunk of this.queuedWaveChunks) this.statements.insertWaveChunk(chunk);
    for (const alarm of this.queuedAlarms.values()) this.statements.upsertAlarm(alarm);
  }

  private committed(): void {
    this.queuedObservations = [];
    this.queuedWaveChunks = [];
    this.queuedAlarms.clear();
    this.cancelRetry();
    if (this.failure) {
      this.log.info('store: writing again after failures', {
        failedAttempts: this.failure.attempts,
        droppedWaveChunks: this.droppedWaveChunks,
      });
      this.failure = null;
    }
    for (const listener of this.commitListeners) this.callListener('commit', listener);
  }

  private commitFailed(error: unknown): void {
    const reason = describeError(error);
    const isNewReason = this.failure?.reason !== reason;
    this.failure = { reason, attempts: (this.failure?.attempts ?? 0) + 1 };
    this.dropOldestWaveChunks();
    if (isNewReason) {
      this.log.error('store: commit failed; data stays queued and is retried', {
        reason,
        ...this.queuedCounts(),
      });
      this.report({
        code: 'store.write-failed',
        message: `Station data cannot be saved (${reason}); it is kept in memory and saving is retried.`,
      });
    }
    this.scheduleRetry();
  }

  private dropOldestWaveChunks(): void {
    const excess = this.queuedWaveChunks.length - MAX_QUEUED_WAVE_CHUNKS;
    if (excess <= 0) return;
    this.queuedWaveChunks.splice(0, excess);
    this.droppedWaveChunks += excess;
    this.log.warn('store: dropped the oldest unsaved wave chunks', {
      dropped: excess,
      droppedWaveChunks: this.droppedWaveChunks,
    });
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.commitQueued();
    }, RETRY_AFTER_FAILURE_MS);
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private cancelCommitAtEndOfTurn(): void {
    if (this.commitAtEndOfTurn) clearImmediate(this.commitAtEndOfTurn);
    this.commitAtEndOfTurn = null;
  }

  private hasQueuedRows(): boolean {
    return (
      this.queuedObservations.length > 0 ||
      this.queuedWaveChunks.length > 0 ||
      this.queuedAlarms.size > 0
    );
  }

  private queuedCounts(): Record<string, number> {
    return {
      queuedObservations: this.queuedObservations.length,
      queuedWaveChunks: this.queuedWaveChunks.length,
      queuedAlarms: this.queuedAlarms.size,
    };
  }

  private report(problem: StoreProblem): void {
    for (const listener of this.problemListeners) {
      this.callListener('problem', () => listener(problem));
    }
  }

  /** A listener's bug must not undo a commit or stop the others from hearing about it. */
  private callListener(kind: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log.error(`store: ${kind} listener failed`, { error: String(error) });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('The station store is closed');
  }
}
