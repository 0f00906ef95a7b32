/**
 * Records one link's raw bytes into a .wsrec file. Tapping the link must never slow or break it,
 * so record() only encodes into memory; a timer writes the buffer out at least every second (a
 * crash loses under a second) and a large burst is written at once. A write that fails ends the
 * recording and is reported once through onFailure; the link itself carries on.
 */
import type { LinkByteTap } from '../DeviceLink.js';
import { encodeRecord, type LinkDirection, type RecordingMetadata } from './LinkRecordingFormat.js';

/** Where encoded bytes go: the file, in production (see RecordingFiles.ts). */
export interface RecordingSink {
  /** Appends all of `bytes`; calls are never overlapped. */
  append(bytes: Uint8Array): Promise<void>;
  /** Makes everything appended durable and releases the file. */
  close(): Promise<void>;
}

export interface LinkRecorderOptions {
  onFailure(error: Error): void;
  flushIntervalMs?: number;
  /** Monotonic milliseconds; record offsets are measured on it. */
  now?: () => number;
  /** The instant of metadata.startedAt on that clock, where offsets count from; default now. */
  origin?: number;
}

export interface RecordingSummary {
  metadata: RecordingMetadata;
  /** Size of the file: header and every record written so far. */
  bytes: number;
  records: number;
  durationMs: number;
}

const FLUSH_INTERVAL_MS = 500;
/** A burst this large is written at once rather than waiting for the timer. */
const FLUSH_AT_BYTES = 64 * 1024;
/** A disk this far behind is not going to catch up; fail rather than eat the engine's memory. */
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;

export class LinkRecorder implements LinkByteTap {
  private readonly now: () => number;
  private readonly startedAtMonotonic: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Encoded but not yet confirmed written: pending plus writes in flight. */
  private backlogBytes = 0;
  private writes: Promise<void> = Promise.resolve();
  private fileBytes: number;
  private records = 0;
  private lastOffsetUs = 0;
  private failure: Error | null = null;
  private stopping: Promise<RecordingSummary> | null = null;
  private closing: Promise<void> | null = null;

  /** `headerBytes`: the size of the header the sink already holds. */
  constructor(
    private readonly sink: RecordingSink,
    readonly metadata: RecordingMetadata,
    headerBytes: number,
    private readonly options: LinkRecorderOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.startedAtMonotonic = options.origin ?? this.now();
    this.fileBytes = headerBytes;
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? FLUSH_INTERVAL_MS);
  }

  record(direction: LinkDirection, bytes: Uint8Array): void {
    if (this.failure || this.stopping || bytes.length === 0) return;
    try {
      // Timer resolution can tie or, across clock adjustments, step back; offsets never may.
      const offsetUs = Math.max(
        this.lastOffsetUs,
        Math.round((this.now() - this.startedAtMonotonic) * 1000),
      );
      const encoded = encodeRecord({ offsetUs, direction, bytes });
      this.lastOffsetUs = offsetUs;
      this.records += 1;
      this.pending.push(encoded);
      this.pendingBytes += encoded.length;
      this.backlogBytes += encoded.length;
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (this.backlogBytes > MAX_BACKLOG_BYTES) {
      this.fail(new Error(`the disk is ${this.backlogBytes} bytes behind the link`));
    } else if (this.pendingBytes >= FLUSH_AT_BYTES) {
      this.flush();
    }
  }

  summary(): RecordingSummary {
    return {
      metadata: this.metadata,
      bytes: this.fileBytes,
      records: this.records,
      durationMs: this.lastOffsetUs / 1000,
    };
  }

  /** Writes what is buffered and closes the file. Rejects if the recording had failed. */
  stop(): Promise<RecordingSummary> {
    this.stopping ??= this.finish();
    return this.stopping;
  }

  private async finish(): Promise<RecordingSummary> {
    clearInterval(this.timer);
    this.flush();
    await this.writes;
    if (this.failure) throw this.failure;
    try {
      await this.closeSink();
    } catch (error) {
      this.fail(error as Error);
      throw error;
    }
    return this.summary();
  }

  private closeSink(): Promise<void> {
    this.closing ??= this.sink.close();
    return this.closing;
  }

  private flush(): void {
    if (this.pendingBytes === 0 || this.failure) return;
    const chunk = concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.writes = this.writes.then(async () => {
      if (this.failure) return;
      try {
        await this.sink.append(chunk);
        this.fileBytes += chunk.length;
        this.backlogBytes -= chunk.length;
      } catch (error) {
        this.fail(error as Error);
      }
    });
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    clearInterval(this.timer);
    this.pending = [];
    this.pendingBytes = 0;
    // Release the file; the failure being reported matters more than a second error closing it.
    void this.writes.then(() => this.closeSink()).catch(() => undefined);
    this.options.onFailure(error);
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
