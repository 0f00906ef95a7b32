/**
 * B. Braun "BCC" link layer: `<SOH>length<STX>bedId/1/1>information<ETX|ETB>check<EOT>`, with
 * optional character stuffing. Length and checksum always describe the unstuffed frame; see
 * PROTOCOL.md for the sources and the verified vector.
 */

export const BccControl = {
  SOH: 0x01,
  STX: 0x02,
  ETX: 0x03,
  EOT: 0x04,
  ACK: 0x06,
  NAK: 0x15,
  ETB: 0x17,
  RS: 0x1e,
} as const;

/** Every request starts with this bed id until ADMIN:ALIVE has told the real one. */
export const BCC_DEFAULT_BED_ID = '1';
/** Kept after the bed id "to be compatible with older BCC protocol versions". */
const BED_ID_SUFFIX = '/1/1>';
const MAX_BED_ID_LENGTH = 15;
const DIGITS = 5;
/** SOH + length + STX before the bed id; ETX/ETB + check + EOT after the information. */
const HEAD_BYTES = 1 + DIGITS + 1;
const TAIL_BYTES = 1 + DIGITS + 1;
const MAX_FRAME_LENGTH = 99_999;
/** Stuffing at most doubles a frame on the wire. */
const MAX_WIRE_LENGTH = 2 * MAX_FRAME_LENGTH;

/** The rack itself answers from this address; pumps from 501xy. */
export const BCC_RACK_ADDRESS = '50100';

/** Requests are `area:command`. */
export const BccRequest = {
  ALIVE: 'ADMIN:ALIVE',
  VERSION: 'ADMIN:VERSION',
  GET_ALL: 'MEM:GET',
  /** Followed by pillar and slot, e.g. MEM:GETSLOT#13. */
  GET_SLOT: 'MEM:GETSLOT#',
} as const;

/** Values of GNERR. */
export const BccError = {
  NO_DATA: '11',
  PUMP_REMOVED: '39',
  SYNTAX_OR_CHECKSUM: '68',
  WRONG_ADDRESS: '811',
} as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export interface BccFrame {
  bedId: string;
  /** The information field, UTF-8 decoded. */
  information: string;
  /** ETX: last block of the answer; ETB: more blocks follow after an ACK. */
  final: boolean;
  /** true / false when the wire bytes prove stuffing on / off; null when they cannot tell. */
  stuffed: boolean | null;
}

export type BccFramerEvent =
  | { kind: 'frame'; frame: BccFrame }
  /** A complete frame whose checksum failed: the peer should get a NAK. */
  | { kind: 'corrupt' }
  | { kind: 'ack' }
  | { kind: 'nak' };

export interface BccFramerCounters {
  frames: number;
  checksumErrors: number;
  discardedBytes: number;
}

/** Sum of every byte from SOH to ETX/ETB inclusive, modulo 256. */
export function bccChecksum(bytes: Uint8Array, end = bytes.length): number {
  let sum = 0;
  for (let i = 0; i < end; i++) sum += bytes[i] ?? 0;
  return sum & 0xff;
}

function digits(value: number): Uint8Array {
  return encoder.encode(String(value).padStart(DIGITS, '0'));
}

function isValidBedId(bedId: string): boolean {
  if (bedId.length < 1 || bedId.length > MAX_BED_ID_LENGTH) return false;
  for (let i = 0; i < bedId.length; i++) {
    const c = bedId.charCodeAt(i);
    if (!((c >= 47 && c <= 57) || (c >= 65 && c <= 122))) return false;
  }
  return true;
}

/** One unstuffed frame. Throws on a bed id the protocol cannot carry (a programming error). */
export function encodeBccFrame(bedId: string, information: string, final = true): Uint8Array {
  if (!isValidBedId(bedId)) throw new RangeError(`BCC bed id "${bedId}" is not allowed`);
  const address = encoder.encode(bedId + BED_ID_SUFFIX);
  const info = encoder.encode(information);
  const length = HEAD_BYTES + address.length + info.length + TAIL_BYTES;
  if (length > MAX_FRAME_LENGTH) throw new RangeError(`BCC frame of ${length} bytes is too long`);
  const frame = new Uint8Array(length);
  frame[0] = BccControl.SOH;
  frame.set(digits(length), 1);
  frame[HEAD_BYTES - 1] = BccControl.STX;
  frame.set(address, HEAD_BYTES);
  frame.set(info, HEAD_BYTES + address.length);
  const endAt = length - TAIL_BYTES;
  frame[endAt] = final ? BccControl.ETX : BccControl.ETB;
  frame.set(digits(bccChecksum(frame, endAt + 1)), endAt + 1);
  frame[length - 1] = BccControl.EOT;
  return frame;
}

const D = 0x44;
const E = 0x45;
const X = 0x58;
const d = 0x64;
const e = 0x65;
const x = 0x78;

/** D → EX, E → EE, d → ex, e → ee: old BCC peers must never see a 'd' or 'D'. */
export function stuffBcc(frame: Uint8Array): Uint8Array {
  let extra = 0;
  for (const b of frame) if (b === D || b === E || b === d || b === e) extra += 1;
  if (extra === 0) return frame;
  const out = new Uint8Array(frame.length + extra);
  let o = 0;
  for (const b of frame) {
    if (b === D || b === E) {
      out[o++] = E;
      out[o++] = b === D ? X : E;
    } else if (b === d || b === e) {
      out[o++] = e;
      out[o++] = b === d ? x : e;
    } else {
      out[o++] = b;
    }
  }
  return out;
}

/** Left to right, as the specification demands ("EEX" is "EX"); null on a broken escape. */
export function destuffBcc(wire: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(wire.length);
  let o = 0;
  for (let i = 0; i < wire.length; i++) {
    const b = wire[i] ?? 0;
    if (b === D || b === d) return null;
    if (b !== E && b !== e) {
      out[o++] = b;
      continue;
    }
    const next = wire[++i];
    if (b === E && next === X) out[o++] = D;
    else if (b === E && next === E) out[o++] = E;
    else if (b === e && next === x) out[o++] = d;
    else if (b === e && next === e) out[o++] = e;
    else return null;
  }
  return out.subarray(0, o);
}

function readDigits(bytes: Uint8Array, at: number): number | null {
  let value = 0;
  for (let i = at; i < at + DIGITS; i++) {
    const c = bytes[i];
    if (c === undefined || c < 0x30 || c > 0x39) return null;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

function hasStuffableLetter(bytes: Uint8Array): boolean {
  return bytes.some((b) => b === D || b === E || b === d || b === e);
}

type Checked<F> = { kind: 'frame'; frame: F } | { kind: 'corrupt' } | null;

/** Checks an unstuffed SOH…EOT candidate. null: not a frame at all; corrupt: only the sum fails. */
function checkFrame(bytes: Uint8Array): Checked<Omit<BccFrame, 'stuffed'>> {
  const length = readDigits(bytes, 1);
  if (length !== bytes.length || bytes[HEAD_BYTES - 1] !== BccControl.STX) return null;
  const endAt = length - TAIL_BYTES;
  const end = bytes[endAt];
  if (end !== BccControl.ETX && end !== BccControl.ETB) return null;
  const check = readDigits(bytes, endAt + 1);
  if (check === null) return null;
  const text = decoder.decode(bytes.subarray(HEAD_BYTES, endAt));
  const suffixAt = text.indexOf(BED_ID_SUFFIX);
  const bedId = suffixAt < 0 ? '' : text.slice(0, suffixAt);
  if (!isValidBedId(bedId)) return null;
  if (bccChecksum(bytes, endAt + 1) !== check) return { kind: 'corrupt' };
  return {
    kind: 'frame',
    frame: {
      bedId,
      information: text.slice(suffixAt + BED_ID_SUFFIX.length),
      final: end === BccControl.ETX,
    },
  };
}

/** A frame on the wire, stuffed or not: whichever reading its own length field confirms. */
function readWireFrame(wire: Uint8Array): Checked<BccFrame> {
  const plain = checkFrame(wire);
  if (plain !== null) {
    if (plain.kind === 'corrupt') return plain;
    return {
      kind: 'frame',
      frame: { ...plain.frame, stuffed: hasStuffableLetter(wire) ? false : null },
    };
  }
  const destuffed = destuffBcc(wire);
  if (destuffed === null) return null;
  const stuffedRead = checkFrame(destuffed);
  if (stuffedRead?.kind !== 'frame') return stuffedRead;
  const stuffed = destuffed.length !== wire.length ? true : null;
  return { kind: 'frame', frame: { ...stuffedRead.frame, stuffed } };
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.length === 0) return tail;
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}

type FrameEnd = { kind: 'complete' | 'cut'; at: number } | 'wait';

/**
 * Where the frame starting with the SOH at `start` ends: just past its EOT (complete), at the
 * next SOH (cut), or not yet known. A frame longer than any legal one is cut after its SOH.
 */
function frameEnd(buffer: Uint8Array, start: number): FrameEnd {
  const limit = Math.min(buffer.length, start + MAX_WIRE_LENGTH);
  for (let i = start + 1; i < limit; i++) {
    const b = buffer[i];
    if (b === BccControl.EOT) return { kind: 'complete', at: i + 1 };
    if (b === BccControl.SOH) return { kind: 'cut', at: i };
  }
  return limit === buffer.length ? 'wait' : { kind: 'cut', at: start + 1 };
}

/**
 * Cuts a byte stream into BCC frames. A frame runs from SOH to the next EOT, neither of which
 * can occur inside one; a new SOH before the EOT abandons a truncated frame. ACK and NAK between
 * frames are reported, anything else between frames is counted and skipped.
 */
export class BccFramer {
  private pending: Uint8Array = new Uint8Array(0);
  private readonly stats: BccFramerCounters = { frames: 0, checksumErrors: 0, discardedBytes: 0 };

  get counters(): Readonly<BccFramerCounters> {
    return this.stats;
  }

  push(bytes: Uint8Array): BccFramerEvent[] {
    const buffer = concat(this.pending, bytes);
    const events: BccFramerEvent[] = [];
    let at = 0;
    while (at < buffer.length) {
      const b = buffer[at];
      if (b !== BccControl.SOH) {
        if (b === BccControl.ACK) events.push({ kind: 'ack' });
        else if (b === BccControl.NAK) events.push({ kind: 'nak' });
        else this.stats.discardedBytes += 1;
        at += 1;
        continue;
      }
      const end = frameEnd(buffer, at);
      if (end === 'wait') break;
      if (end.kind === 'cut') {
        // The frame was cut short by the next one; its bytes are lost.
        this.stats.discardedBytes += end.at - at;
        at = end.at;
        continue;
      }
      events.push(...this.take(buffer.subarray(at, end.at)));
      at = end.at;
    }
    this.pending = buffer.slice(at);
    return events;
  }

  private take(wire: Uint8Array): BccFramerEvent[] {
    const read = readWireFrame(wire);
    if (read?.kind === 'frame') {
      this.stats.frames += 1;
      return [read];
    }
    this.stats.discardedBytes += wire.length;
    if (read === null) return [];
    this.stats.checksumErrors += 1;
    return [{ kind: 'corrupt' }];
  }
}

/** One `time,address,parameter,value` record; ADMIN:VERSION answers have no value. */
export interface BccQuadruple {
  /** Seconds since the ComDevice was switched on. */
  time: number;
  address: string;
  parameter: string;
  /** null for a missing value field, "_NV" (no value) and "_NA" (not available). */
  value: string | null;
}

const NO_VALUE = new Set(['_NV', '_NA']);

/** Records that do not have at least time, address and parameter are skipped. */
export function parseQuadruples(information: string): BccQuadruple[] {
  const records: BccQuadruple[] = [];
  for (const record of information.split(String.fromCharCode(BccControl.RS))) {
    const first = record.indexOf(',');
    const second = record.indexOf(',', first + 1);
    if (first < 0 || second < 0) continue;
    const third = record.indexOf(',', second + 1);
    const time = Number(record.slice(0, first));
    const parameter = third < 0 ? record.slice(second + 1) : record.slice(second + 1, third);
    if (!Number.isFinite(time) || parameter.length === 0) continue;
    const raw = third < 0 ? null : record.slice(third + 1);
    records.push({
      time,
      address: record.slice(first + 1, second),
      parameter,
      value: raw === null || NO_VALUE.has(raw) ? null : raw,
    });
  }
  return records;
}

export function encodeQuadruples(records: readonly BccQuadruple[]): string {
  return records
    .map((r) => [r.time, r.address, r.parameter, ...(r.value === null ? [] : [r.value])].join(','))
    .join(String.fromCharCode(BccControl.RS));
}

const SLOT_CHARS = '123456789ABCDEFGHIJKLMNO';

/**
 * "501xy" → "xy": pillar 1–3 and slot 1–9, A–O counted bottom-up. BCC 3.30 has been seen to send
 * two-digit slots ("501110" for "5011A"); both come out the same. null for the rack or junk.
 */
export function pumpChannel(address: string): string | null {
  const match = /^501([1-3])([1-9A-O]|1\d|2[0-4])$/.exec(address);
  if (match === null) return null;
  const [, pillar, slot] = match;
  if (pillar === undefined || slot === undefined) return null;
  const slotChar = slot.length === 1 ? slot : SLOT_CHARS[Number(slot) - 1];
  return slotChar === undefined ? null : `${pillar}${slotChar}`;
}

export function pumpAddress(channel: string): string {
  return `501${channel}`;
}
