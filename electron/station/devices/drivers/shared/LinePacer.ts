/**
 * The wire of a simulated serial device: bytes queued by the device leave no faster than the
 * line's byte rate, as a UART would send them. Ptys and TCP pass data at memory speed, so
 * without this a simulator would deliver in bursts no real device can produce.
 */
export class LinePacer {
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;
  /** Unused line time in byte-milliseconds (exact for whole ms); accrues only while waiting. */
  private credit = 0;
  private lastFlushAt: number;

  constructor(
    private readonly bytesPerSecond: number,
    private readonly write: (bytes: Uint8Array) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastFlushAt = now();
  }

  /** Bytes still waiting for the line. */
  get pending(): number {
    return this.queuedBytes;
  }

  enqueue(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    // A line that was idle starts sending now, not at the previous flush.
    if (this.queuedBytes === 0) {
      this.lastFlushAt = this.now();
      this.credit = 0;
    }
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
  }

  /** Writes what the line has carried since the previous flush. */
  flush(): void {
    const now = this.now();
    const elapsedMs = now - this.lastFlushAt;
    this.lastFlushAt = now;
    if (this.queuedBytes === 0) return;
    this.credit += elapsedMs * this.bytesPerSecond;
    const budget = Math.min(Math.floor(this.credit / 1000), this.queuedBytes);
    if (budget === 0) return;
    this.credit -= budget * 1000;
    this.write(this.take(budget));
  }

  /** Drops whatever is waiting, as a device that stops sending mid-line would. */
  clear(): void {
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.credit = 0;
  }

  private take(count: number): Uint8Array {
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const head = this.queue[0];
      if (head === undefined) break;
      const n = Math.min(head.length, count - filled);
      out.set(head.subarray(0, n), filled);
      filled += n;
      if (n === head.length) this.queue.shift();
      else this.queue[0] = head.subarray(n);
    }
    this.queuedBytes -= filled;
    return out;
  }
}
