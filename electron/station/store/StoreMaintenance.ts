/**
 * The store's background work on the writer connection, between group commits: retention steps
 * on a timer (fast while there is a backlog, slow once caught up), the disk watch and what it
 * triggers, and the low-rate records that need no group commit (link-counter snapshots, the
 * audit log). Every failure is logged and reported as a problem, and reported resolved when the
 * work succeeds again; none is thrown into a timer.
 */
import type Database from 'better-sqlite3';
import type { DeviceLinkStatus } from '../../contract/domain.js';
import { DiskWatch, readDiskSpace, type DiskState, type ReadDiskSpace } from './DiskWatch.js';
import { Retention, type RetentionPolicy, type RetentionStep } from './Retention.js';
import type { StoreLog, StoreProblem, StoreProblemCode } from './StationStore.js';
import { describeError } from './StoreError.js';

export interface MaintenanceOptions {
  dataDir: string;
  policy: RetentionPolicy;
  minFreeBytes: number;
  readDiskSpace?: ReadDiskSpace;
  now?: () => number;
}

export interface MaintenanceSignals {
  log: StoreLog;
  report(problem: StoreProblem): void;
  resolve(code: StoreProblemCode): void;
}

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

const IDLE_STEP_MS = 2_000;
const BACKLOG_STEP_MS = 20;
const DISK_CHECK_MS = 5_000;
/** Under disk pressure, oldest first, but the newest hour (what a nurse reviews) stays. */
const EARLY_PRUNE_KEEPS_MS = 3_600_000;
const EARLY_WAVE_CHUNKS_PER_STEP = 2_000;
/** About 8 MB of 4 KiB pages handed back to the file system per step. */
const VACUUM_PAGES_PER_STEP = 2_000;

export class StoreMaintenance {
  readonly retention: Retention;
  private readonly diskWatch: DiskWatch;
  private readonly now: () => number;
  private readonly incrementalVacuum: boolean;
  private readonly insertLinkCounters: (time: number, links: readonly DeviceLinkStatus[]) => void;
  private readonly insertAudit: Database.Statement;
  /** Problem code → the reason last reported, so a repeating failure is logged once. */
  private readonly failing = new Map<StoreProblemCode, string>();
  private stepTimer: ReturnType<typeof setTimeout> | null = null;
  private diskTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database.Database,
    options: MaintenanceOptions,
    private readonly signals: MaintenanceSignals,
  ) {
    this.retention = new Retention(db, options.policy);
    this.now = options.now ?? Date.now;
    this.incrementalVacuum = db.pragma('auto_vacuum', { simple: true }) === 2;
    this.diskWatch = new DiskWatch(
      options.dataDir,
      options.minFreeBytes,
      (from, to) => this.diskChanged(from, to),
      options.readDiskSpace ?? readDiskSpace,
    );
    const insertLinkCounter = db.prepare(INSERT_LINK_COUNTERS);
    this.insertLinkCounters = db.transaction((time: number, links: readonly DeviceLinkStatus[]) => {
      for (const link of links) insertLinkCounter.run(linkCounterRow(time, link));
    });
    this.insertAudit = db.prepare(INSERT_AUDIT);
  }

  start(): void {
    this.scheduleStep(0);
    void this.checkDisk();
    this.diskTimer = setInterval(() => void this.checkDisk(), DISK_CHECK_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.stepTimer) clearTimeout(this.stepTimer);
    if (this.diskTimer) clearInterval(this.diskTimer);
    this.stepTimer = null;
    this.diskTimer = null;
  }

  get diskState(): DiskState['kind'] {
    return this.diskWatch.state;
  }

  async checkDisk(): Promise<void> {
    await this.diskWatch.check();
  }

  /**
   * One retention step, plus early pruning while the disk is low. Returns null if it failed
   * (reported), else what it did.
   */
  step(): RetentionStep | null {
    try {
      const done = this.retention.step(this.now());
      if (this.diskWatch.state === 'low') done.more = this.relieveDisk() || done.more;
      this.succeeded('store.maintenance-failed');
      return done;
    } catch (error) {
      this.failed('store.maintenance-failed', 'Station data housekeeping failed', error);
      return null;
    }
  }

  recordLinkCounters(links: readonly DeviceLinkStatus[]): void {
    if (links.length === 0) return;
    try {
      this.insertLinkCounters(this.now(), links);
      this.succeeded('store.maintenance-failed');
    } catch (error) {
      this.failed('store.maintenance-failed', 'Device link counters could not be saved', error);
    }
  }

  /** Returns whether the entry is on disk; a failure is also reported. */
  appendAudit(entry: AuditEntry): boolean {
    try {
      this.insertAudit.run({ ...entry, detail: JSON.stringify(entry.detail) });
      this.succeeded('store.maintenance-failed');
      return true;
    } catch (error) {
      this.failed('store.maintenance-failed', 'The audit log could not be written', error);
      return false;
    }
  }

  private scheduleStep(delayMs: number): void {
    this.stepTimer = setTimeout(() => {
      const done = this.step();
      this.scheduleStep(done?.more ? BACKLOG_STEP_MS : IDLE_STEP_MS);
    }, delayMs);
  }

  /** Deletes the oldest full disclosure and hands the pages back; true if more could go. */
  private relieveDisk(): boolean {
    const deleted = this.retention.pruneOldestWaves(
      this.now() - EARLY_PRUNE_KEEPS_MS,
      EARLY_WAVE_CHUNKS_PER_STEP,
    );
    if (deleted > 0) {
      this.signals.log.warn('store: disk low, oldest full disclosure pruned early', {
        waveChunks: deleted,
      });
    }
    if (this.incrementalVacuum) {
      this.db.exec(`PRAGMA incremental_vacuum(${VACUUM_PAGES_PER_STEP})`);
      // The file shrinks only when the WAL is copied back into it.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return deleted === EARLY_WAVE_CHUNKS_PER_STEP;
  }

  private diskChanged(from: DiskState['kind'], to: DiskState): void {
    // A look at the disk that was under way when the store closed.
    if (this.stopped) return;
    const { log } = this.signals;
    if (from === 'unreadable') {
      log.info('store: disk space readable again');
      this.signals.resolve('store.disk-unreadable');
    }
    if (from === 'low') {
      log.info('store: disk space back above the threshold', { ...to });
      this.signals.resolve('store.disk-low');
    }
    if (to.kind === 'unreadable') {
      log.error('store: cannot read the free disk space', { reason: to.reason });
      this.signals.report({
        code: 'store.disk-unreadable',
        message: `The free space of the station's data disk cannot be read (${to.reason}).`,
      });
    }
    if (to.kind === 'low') {
      const freeMb = Math.round(to.freeBytes / 1_048_576);
      log.error('store: disk space low; pruning the oldest full disclosure', { freeMb });
      this.signals.report({
        code: 'store.disk-low',
        message: `The station's data disk has only ${freeMb} MB free; the oldest waveforms are being deleted early to keep recording.`,
      });
      this.scheduleSoon();
    }
  }

  private scheduleSoon(): void {
    if (!this.stepTimer) return;
    clearTimeout(this.stepTimer);
    this.scheduleStep(0);
  }

  private failed(code: StoreProblemCode, what: string, error: unknown): void {
    const reason = describeError(error);
    if (this.failing.get(code) === reason) return;
    const isNew = !this.failing.has(code);
    this.failing.set(code, reason);
    this.signals.log.error(`store: ${what.toLowerCase()}`, { reason });
    if (isNew) this.signals.report({ code, message: `${what} (${reason}).` });
  }

  private succeeded(code: StoreProblemCode): void {
    if (!this.failing.delete(code)) return;
    this.signals.log.info('store: housekeeping works again');
    this.signals.resolve(code);
  }
}

const INSERT_LINK_COUNTERS = `
  INSERT INTO link_counters
    (link, bed, time, state, bytes_in, bytes_out, frames, checksum_errors, discarded_bytes,
     decoded_samples, sample_gaps, reconnects)
  VALUES
    (@link, @bed, @time, @state, @bytesIn, @bytesOut, @frames, @checksumErrors, @discardedBytes,
     @decodedSamples, @sampleGaps, @reconnects)`;

const INSERT_AUDIT = `
  INSERT INTO audit_log (at, actor, action, subject, detail)
  VALUES (@at, @actor, @action, @subject, @detail)`;

function linkCounterRow(time: number, link: DeviceLinkStatus): Record<string, string | number> {
  const c = link.counters;
  return {
    link: link.id,
    bed: link.bed,
    time,
    state: link.state,
    bytesIn: c.bytesIn,
    bytesOut: c.bytesOut,
    frames: c.frames,
    checksumErrors: c.checksumErrors,
    discardedBytes: c.discardedBytes,
    decodedSamples: c.decodedSamples,
    sampleGaps: c.sampleGaps,
    reconnects: c.reconnects,
  };
}
