/**
 * Alaris (Asena GH / CC) serial messages: `!` + fields joined by `^` + `|` + CRC + CR, where the
 * CRC is CRC-16/CCITT-FALSE of the text between `!` and `|`, sent as 4 upper-case hex digits.
 * Requests and replies share the form; a reply starts with the command it answers.
 */

const START = 0x21; // '!'
const CRC_SEPARATOR = 0x7c; // '|'
const END = 0x0d; // CR
/** Aborts the message being received (infupy's Alaris reader does the same). */
const ESCAPE = 0x1b;
const FIELD_SEPARATOR = '^';
const CRC_DIGITS = 4;
/** The longest reply seen is about 80 bytes; anything far longer is not a message. */
const MAX_MESSAGE_LENGTH = 512;

export const AsenaCommand = {
  SERIAL_NUMBER: 'INST_SERIALNO',
  PROTOCOL_VERSION: 'COMMS_PROTOCOL',
  STATUS: 'INF',
  VTBI: 'INF_VTBI',
  ALARM: 'ALARM',
  START: 'INF_START',
  STOP: 'INF_STOP',
  REMOTE_CONTROL: 'REMOTE_CTRL',
} as const;

/** CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR. */
export function asenaCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) {
    crc ^= (bytes[i] ?? 0) << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

function ascii(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(CRC_DIGITS, '0');
}

/** One message: `encodeAsenaMessage(['INF'])` is the bytes of `!INF|4961\r`. */
export function encodeAsenaMessage(fields: readonly string[]): Uint8Array {
  const text = ascii(fields.join(FIELD_SEPARATOR));
  const crc = ascii(hex4(asenaCrc(text)));
  const message = new Uint8Array(1 + text.length + 1 + CRC_DIGITS + 1);
  message[0] = START;
  message.set(text, 1);
  message[1 + text.length] = CRC_SEPARATOR;
  message.set(crc, 2 + text.length);
  message[message.length - 1] = END;
  return message;
}

function parseHex4(bytes: Uint8Array, at: number): number | null {
  let value = 0;
  for (let i = at; i < at + CRC_DIGITS; i++) {
    const c = bytes[i] ?? 0;
    const digit =
      c >= 0x30 && c <= 0x39
        ? c - 0x30
        : c >= 0x41 && c <= 0x46
          ? c - 0x37
          : c >= 0x61 && c <= 0x66
            ? c - 0x57
            : -1;
    if (digit < 0) return null;
    value = value * 16 + digit;
  }
  return value;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

export interface AsenaFramerCounters {
  frames: number;
  checksumErrors: number;
  discardedBytes: number;
}

/**
 * Cuts a byte stream into messages (as field lists). Bytes outside `!…\r` are counted and
 * skipped; so is a message whose CRC fails, one cut by ESC or a new `!`, and one that runs on
 * far past any real reply.
 */
export class AsenaFramer {
  private message: number[] | null = null;
  private readonly stats: AsenaFramerCounters = {
    frames: 0,
    checksumErrors: 0,
    discardedBytes: 0,
  };

  get counters(): Readonly<AsenaFramerCounters> {
    return this.stats;
  }

  push(bytes: Uint8Array): string[][] {
    const messages: string[][] = [];
    for (const b of bytes) {
      if (b === START) {
        this.drop();
        this.message = [];
      } else if (this.message === null) {
        this.stats.discardedBytes += 1;
      } else if (b === END) {
        const fields = this.read(Uint8Array.from(this.message));
        this.message = null;
        if (fields !== null) messages.push(fields);
      } else if (b === ESCAPE || this.message.length >= MAX_MESSAGE_LENGTH) {
        this.drop();
        this.stats.discardedBytes += 1;
      } else {
        this.message.push(b);
      }
    }
    return messages;
  }

  /** Abandons a message in progress, counting its bytes and its '!'. */
  private drop(): void {
    if (this.message === null) return;
    this.stats.discardedBytes += this.message.length + 1;
    this.message = null;
  }

  /** `body` is what came between '!' and CR. */
  private read(body: Uint8Array): string[] | null {
    const separator = body.lastIndexOf(CRC_SEPARATOR);
    const crc =
      separator >= 0 && body.length - separator - 1 === CRC_DIGITS
        ? parseHex4(body, separator + 1)
        : null;
    // '!' and CR are part of the message too.
    const messageBytes = body.length + 2;
    if (crc === null) {
      this.stats.discardedBytes += messageBytes;
      return null;
    }
    if (asenaCrc(body, 0, separator) !== crc) {
      this.stats.checksumErrors += 1;
      this.stats.discardedBytes += messageBytes;
      return null;
    }
    this.stats.frames += 1;
    return latin1(body, 0, separator).split(FIELD_SEPARATOR);
  }
}
