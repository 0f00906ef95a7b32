/**
 * MIB/RS232 framing of the IntelliVue Data Export protocol ("Fixed Baudrate Protocol"):
 * `C0` + transparent(header + user data + FCS) + `C1`. The header is `11 01` and the user-data
 * length (u16, big-endian); the FCS is PPP's FCS-16 (RFC 1662) over header and user data, sent
 * least significant byte first. Transparency: C0, C1 and 7D are sent as 7D followed by the byte
 * XOR 0x20; `7D C1` aborts the frame. See PROTOCOL.md for the sources.
 */

const BOF = 0xc0;
const EOF = 0xc1;
const ESCAPE = 0x7d;
const ESCAPE_XOR = 0x20;

/** Header: protocol id (Data Export), message type, user-data length. */
const PROTOCOL_ID = 0x11;
const MESSAGE_TYPE = 0x01;
const HEADER_LENGTH = 4;
const FCS_LENGTH = 2;

const FCS_INIT = 0xffff;
/** RFC 1662: running the FCS over a frame and its own (complemented) FCS always leaves this. */
const FCS_GOOD_RESIDUE = 0xf0b8;

/**
 * Longest frame content (header + data + FCS) taken before a frame counts as runaway noise. The
 * monitor negotiates its transmit MTU in the association (996 B in the capture, never above
 * 1,456 B in public client templates); this leaves room without holding noise forever.
 */
export const MAX_FRAME_CONTENT = 4096;

const FCS_TABLE = ((): Uint16Array => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let v = n;
    for (let bit = 0; bit < 8; bit++) v = v & 1 ? (v >>> 1) ^ 0x8408 : v >>> 1;
    table[n] = v;
  }
  return table;
})();

function fcsStep(fcs: number, byte: number): number {
  return (fcs >>> 8) ^ (FCS_TABLE[(fcs ^ byte) & 0xff] ?? 0);
}

/** The FCS-16 a sender appends to `bytes` (ones' complement of the running CRC). */
export function frameCheckSequence(bytes: Uint8Array): number {
  let fcs = FCS_INIT;
  for (const byte of bytes) fcs = fcsStep(fcs, byte);
  return ~fcs & 0xffff;
}

function needsEscape(byte: number): boolean {
  return byte === BOF || byte === EOF || byte === ESCAPE;
}

/** Wraps one message (session header onwards) into the bytes sent on the serial line. */
export function encodeIntelliVueFrame(userData: Uint8Array): Uint8Array {
  const content = new Uint8Array(HEADER_LENGTH + userData.length + FCS_LENGTH);
  content[0] = PROTOCOL_ID;
  content[1] = MESSAGE_TYPE;
  content[2] = userData.length >> 8;
  content[3] = userData.length & 0xff;
  content.set(userData, HEADER_LENGTH);
  const fcs = frameCheckSequence(content.subarray(0, HEADER_LENGTH + userData.length));
  content[content.length - 2] = fcs & 0xff;
  content[content.length - 1] = fcs >> 8;
  let escapes = 0;
  for (const byte of content) if (needsEscape(byte)) escapes += 1;
  const frame = new Uint8Array(content.length + escapes + 2);
  let at = 0;
  frame[at++] = BOF;
  for (const byte of content) {
    if (needsEscape(byte)) {
      frame[at++] = ESCAPE;
      frame[at++] = byte ^ ESCAPE_XOR;
    } else {
      frame[at++] = byte;
    }
  }
  frame[at] = EOF;
  return frame;
}

export interface IntelliVueFramerCounters {
  /** Frames with a good FCS and header. */
  frames: number;
  checksumErrors: number;
  /** Noise between frames plus every byte of frames that were dropped. */
  discardedBytes: number;
  /** Frames ended by the sender with `7D C1`. */
  aborts: number;
}

const HUNTING = 0;
const IN_FRAME = 1;
const ESCAPED = 2;

/**
 * Cuts the serial byte stream into frames and returns each good frame's user data. Stateful
 * across pushes (a frame may arrive in any number of pieces). It never throws: noise before a
 * `C0` is skipped, a `C0` inside a frame restarts at that byte (the frame before it was
 * truncated), an FCS failure or a bad header drops the frame, and each loss is counted.
 */
export class IntelliVueFramer {
  private readonly content = new Uint8Array(MAX_FRAME_CONTENT);
  private length = 0;
  /** Wire bytes of the frame in progress, counted from its `C0`, for the discard count. */
  private wireLength = 0;
  private fcs = FCS_INIT;
  private state = HUNTING;
  private readonly stats: IntelliVueFramerCounters = {
    frames: 0,
    checksumErrors: 0,
    discardedBytes: 0,
    aborts: 0,
  };

  get counters(): Readonly<IntelliVueFramerCounters> {
    return this.stats;
  }

  push(bytes: Uint8Array): Uint8Array[] {
    const messages: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] ?? 0;
      if (byte === BOF) {
        if (this.state !== HUNTING) this.drop();
        this.begin();
        continue;
      }
      if (this.state === HUNTING) {
        this.stats.discardedBytes += 1;
        continue;
      }
      this.wireLength += 1;
      if (this.state === ESCAPED) {
        if (byte === EOF) {
          this.stats.aborts += 1;
          this.drop();
          continue;
        }
        this.append(byte ^ ESCAPE_XOR);
      } else if (byte === EOF) {
        const message = this.finish();
        if (message) messages.push(message);
      } else if (byte === ESCAPE) {
        this.state = ESCAPED;
      } else {
        this.append(byte);
      }
    }
    return messages;
  }

  private begin(): void {
    this.state = IN_FRAME;
    this.length = 0;
    this.wireLength = 1;
    this.fcs = FCS_INIT;
  }

  private append(byte: number): void {
    if (this.length === MAX_FRAME_CONTENT) {
      this.drop();
      return;
    }
    this.content[this.length++] = byte;
    this.fcs = fcsStep(this.fcs, byte);
    this.state = IN_FRAME;
  }

  /** Throws away the frame in progress and hunts for the next `C0`. */
  private drop(): void {
    this.stats.discardedBytes += this.wireLength;
    this.wireLength = 0;
    this.state = HUNTING;
  }

  private finish(): Uint8Array | null {
    const dataLength = this.length - HEADER_LENGTH - FCS_LENGTH;
    if (dataLength < 0) {
      this.drop();
      return null;
    }
    if (this.fcs !== FCS_GOOD_RESIDUE) {
      this.stats.checksumErrors += 1;
      this.drop();
      return null;
    }
    const c = this.content;
    const declared = ((c[2] ?? 0) << 8) | (c[3] ?? 0);
    if (c[0] !== PROTOCOL_ID || c[1] !== MESSAGE_TYPE || declared !== dataLength) {
      this.drop();
      return null;
    }
    this.stats.frames += 1;
    this.wireLength = 0;
    this.state = HUNTING;
    return c.slice(HEADER_LENGTH, HEADER_LENGTH + dataLength);
  }
}
