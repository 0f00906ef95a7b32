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
import {
  Hl7Statements,
  type Hl7Write,
  type Hl7WriteResult,
  type StoredCensusEvent,
} from './Hl7Statements.js';
import { LatestObservations } from './LatestObservations.js';
import { openStationDatabase } from './openStationDatabase.js';
import { pragmaNumber } from './pragmas.js';
import { describeError, StoreError } from './StoreError.js';
import { StoreMaintenance, type MaintenanceOptions } from './StoreMaintenance.js';
import { StoreStatements } from './StoreStatements.js';
import { WalCheckpointer } from './WalCheckpointer.js';
import { WaveChunker, type WaveChunk } from './WaveChunker.js';

export interface StoreLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface StoreProblem {
  code:
    | 'store.write-failed'
    | 'store.replaced-corrupt-file'
    | 'store.disk-low'
    | 'store.disk-unreadable'
    | 'store.maintenance-failed';
  message: string;
}

export type StoreProblemCode = StoreProblem['code'];

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

/** An HL7 message waiting for the commit its acknowledgement depends on. */
interface QueuedHl7Write {
  write: Hl7Write;
  result: Hl7WriteResult | null;
  resolve(result: Hl7WriteResult): void;
  reject(error: Error): void;
}

interface WriteFailure {
  reason: string;
  attempts: number;
}

export class StationStore {
  private readonly statements: StoreStatements;
  private readonly hl7Statements: Hl7Statements;
  private readonly writeQueuedRows: () => void;
  private readonly latest = new LatestObservations();
  private readonly chunker = new WaveChunker();
  private readonly unlimitedPageCount: number;

  private queuedObservations: Observation[] = [];
  private queuedWaveChunks: WaveChunk[] = [];
  /** By id: only an alarm's last state needs writing. Never dropped. */
  private readonly queuedAlarms = new Map<string, Alarm>();
  private queuedHl7: QueuedHl7Write[] = [];

  private commitAtEndOfTurn: ReturnType<typeof setImmediate> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failure: WriteFailure | null = null;
  private droppedWaveChunks = 0;
  private closed = false;

  private readonly commitListeners: (() => void)[] = [];
  private readonly problemListeners: ((problem: StoreProblem) => void)[] = [];
  private readonly resolvedListeners: ((code: StoreProblemCode) => void)[] = [];
  private maintenance: StoreMaintenance | null = null;
  private checkpointer: WalCheckpointer | null = null;

  private constructor(
    private readonly db: Database.Database,
    /** The database file, for the read-only review connection. */
    readonly file: string,
    private readonly log: StoreLog,
    /** Found while opening, before anyone could register with onProblem. */
    readonly startupProblems: readonly StoreProblem[],
  ) {
    this.statements = new StoreStatements(db, log);
    this.hl7Statements = new Hl7Statements(db);
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
    const store = new StationStore(db, file, options.log, problems);
    store.checkpointer = WalCheckpointer.start(
      db,
      file,
      options.nativeBinding ?? null,
      options.log,
    );
    return store;
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

  /**
   * Queues one received HL7 message with everything it carries for the next group commit; the
   * promise settles after that transaction is on disk (so the ACK can follow it), or is rejected
   * if the store closes first. A message whose sender and MSH-10 were already accepted adds
   * nothing and resolves as a duplicate.
   */
  writeHl7Message(write: Hl7Write): Promise<Hl7WriteResult> {
    this.assertOpen();
    for (const { observation } of write.observations) this.latest.remember(observation);
    const committed = new Promise<Hl7WriteResult>((resolve, reject) => {
      this.queuedHl7.push({ write, result: null, resolve, reject });
    });
    this.scheduleCommit();
    return committed;
  }

  /** Whether an accepted message from this sender with this MSH-10 is on disk. */
  hasAcceptedHl7Message(sender: string, controlId: string): boolean {
    return this.hl7Statements.hasAccepted(sender, controlId);
  }

  /** The census event log, oldest first. */
  censusEvents(): StoredCensusEvent[] {
    return this.hl7Statements.censusEvents();
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

  /** A reported problem is over (writes succeed again, disk space is back). */
  onProblemResolved(listener: (code: StoreProblemCode) => void): void {
    this.resolvedListeners.push(listener);
  }

  /** Starts retention, the disk watch and their timers; they stop when the store closes. */
  startMaintenance(options: MaintenanceOptions): StoreMaintenance {
    this.assertOpen();
    if (this.maintenance) throw new StoreError('Store maintenance is already running');
    this.maintenance = new StoreMaintenance(this.db, options, {
      log: this.log,
      report: (problem) => this.report(problem),
      resolve: (code) => this.resolved(code),
    });
    this.maintenance.start();
    return this.maintenance;
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
    this.maintenance?.stop();
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
    for (const queued of this.queuedHl7) {
      queued.reject(new StoreError('The station store closed before this message was committed'));
    }
    this.queuedHl7 = [];
    this.checkpointer?.stop();
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
    for (const queued of this.queuedHl7) queued.result = this.insertHl7Write(queued.write);
  }

  private insertHl7Write(write: Hl7Write): Hl7WriteResult {
    const messageId = this.hl7Statements.insertMessageRow(write.message);
    if (messageId === null) return { messageId: 0, duplicate: true };
    for (const observation of write.observations) {
      this.hl7Statements.insertObservationRow(messageId, observation);
    }
    for (const wave of write.waves) this.statements.insertWaveChunk(wave);
    for (const result of write.results) this.hl7Statements.insertResultRow(messageId, result);
    for (const event of write.census) this.hl7Statements.insertCensusEventRow(messageId, event);
    return { messageId, duplicate: false };
  }

  private committed(): void {
    this.queuedObservations = [];
    this.queuedWaveChunks = [];
    this.queuedAlarms.clear();
    const hl7 = this.queuedHl7;
    this.queuedHl7 = [];
    this.cancelRetry();
    if (this.failure) {
      this.log.info('store: writing again after failures', {
        failedAttempts: this.failure.attempts,
        droppedWaveChunks: this.droppedWaveChunks,
      });
      this.failure = null;
      this.resolved('store.write-failed');
    }
    for (const queued of hl7) {
      if (queued.result) queued.resolve(queued.result);
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
      this.queuedAlarms.size > 0 ||
      this.queuedHl7.length > 0
    );
  }

  private queuedCounts(): Record<string, number> {
    return {
      queuedObservations: this.queuedObservations.length,
      queuedWaveChunks: this.queuedWaveChunks.length,
      queuedAlarms: this.queuedAlarms.size,
      queuedHl7Messages: this.queuedHl7.length,
    };
  }

  private resolved(code: StoreProblemCode): void {
    for (const listener of this.resolvedListeners) {
      this.callListener('resolved', () => listener(code));
    }
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
