/**
 * MLLP framing (HL7 v2 IG appendix C): VT (0x0B) message FS (0x1C) CR (0x0D). TCP gives no
 * message boundaries, so a frame may arrive over many reads and one read may hold many frames;
 * bytes outside a frame are noise and skipped until the next VT; a VT inside a frame means the
 * sender gave up on that frame and started another, so the partial one is dropped and reported.
 * A frame longer than the limit is not buffered: its first bytes are kept (enough to read MSH and
 * answer AR), the rest is skipped up to its end, and the connection carries on with the next one.
 */

export const VT = 0x0b;
export const FS = 0x1c;
export const CR = 0x0d;

export type MllpEvent =
  | { kind: 'frame'; payload: Buffer }
  /** A frame over the limit; `head` is its beginning, `bytes` its full length. */
  | { kind: 'oversize'; head: Buffer; bytes: number }
  /** A frame cut short by a new VT; it cannot be answered (its end never came). */
  | { kind: 'truncated'; bytes: number }
  /** Bytes outside any frame. */
  | { kind: 'noise'; bytes: number };

/** Enough of an oversize frame to read its MSH and answer AR to its MSH-10. */
const OVERSIZE_HEAD_BYTES = 4_096;

type State = 'hunting' | 'inFrame' | 'skippingOversize';

export class MllpFramer {
  private state: State = 'hunting';
  private parts: Buffer[] = [];
  private frameBytes = 0;
  /** FS was the last byte of the previous read; a CR may follow in the next one. */
  private endPending = false;
  private noiseBytes = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds one read; returns what it completed, in order. */
  push(chunk: Buffer): MllpEvent[] {
    const events: MllpEvent[] = [];
    let i = 0;
    if (this.endPending) {
      this.endPending = false;
      if (chunk[0] === CR) i = 1;
    }
    while (i < chunk.length) {
      if (this.state === 'hunting') i = this.hunt(chunk, i, events);
      else i = this.collect(chunk, i, events);
    }
    this.reportNoise(events);
    return events;
  }

  /** Bytes held for a frame whose end has not arrived yet. */
  get bufferedBytes(): number {
    return this.frameBytes;
  }

  private hunt(chunk: Buffer, from: number, events: MllpEvent[]): number {
    const start = chunk.indexOf(VT, from);
    if (start < 0) {
      this.noiseBytes += chunk.length - from;
      return chunk.length;
    }
    this.noiseBytes += start - from;
    this.reportNoise(events);
    this.state = 'inFrame';
    this.parts = [];
    this.frameBytes = 0;
    return start + 1;
  }

  private collect(chunk: Buffer, from: number, events: MllpEvent[]): number {
    const end = chunk.indexOf(FS, from);
    const restart = chunk.indexOf(VT, from);
    if (restart >= 0 && (end < 0 || restart < end)) {
      this.add(chunk.subarray(from, restart));
      events.push(this.abandonFrame());
      this.state = 'inFrame';
      return restart + 1;
    }
    if (end < 0) {
      this.add(chunk.subarray(from));
      return chunk.length;
    }
    this.add(chunk.subarray(from, end));
    events.push(this.finishFrame());
    if (end + 1 >= chunk.length) {
      this.endPending = true;
      return chunk.length;
    }
    // Lenient: FS without its CR still ends the frame; a CR after FS belongs to the trailer.
    return chunk[end + 1] === CR ? end + 2 : end + 1;
  }

  private add(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.frameBytes += bytes.length;
    if (this.state === 'inFrame') {
      this.parts.push(bytes);
      if (this.frameBytes > this.maxFrameBytes) {
        this.parts = [Buffer.concat(this.parts).subarray(0, OVERSIZE_HEAD_BYTES)];
        this.state = 'skippingOversize';
      }
    }
  }

  private finishFrame(): MllpEvent {
    const event: MllpEvent =
      this.state === 'skippingOversize'
        ? { kind: 'oversize', head: this.parts[0] ?? Buffer.alloc(0), bytes: this.frameBytes }
        : { kind: 'frame', payload: this.joinedParts() };
    this.reset();
    return event;
  }

  private abandonFrame(): MllpEvent {
    const event: MllpEvent = { kind: 'truncated', bytes: this.frameBytes };
    this.reset();
    return event;
  }

  private joinedParts(): Buffer {
    // Copied, so a frame handed on never aliases a socket buffer that is about to be reused.
    return this.parts.length === 1 ? Buffer.from(this.parts[0]!) : Buffer.concat(this.parts);
  }

  private reset(): void {
    this.state = 'hunting';
    this.parts = [];
    this.frameBytes = 0;
  }

  private reportNoise(events: MllpEvent[]): void {
    if (this.noiseBytes === 0) return;
    events.push({ kind: 'noise', bytes: this.noiseBytes });
    this.noiseBytes = 0;
  }
}

/** Wraps one message's bytes in an MLLP frame. */
export function frameMessage(payload: Buffer): Buffer {
  const framed = Buffer.allocUnsafe(payload.length + 3);
  framed[0] = VT;
  payload.copy(framed, 1);
  framed[payload.length + 1] = FS;
  framed[payload.length + 2] = CR;
  return framed;
}
