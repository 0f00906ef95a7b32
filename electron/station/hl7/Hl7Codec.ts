/**
 * HL7 v2 ER7 ("pipe") encoding: bytes ↔ text by MSH-18, text ↔ segments and fields by the
 * delimiters the message itself declares in MSH-1/MSH-2. Pure functions; malformed input throws
 * Hl7MessageError saying what and where, which the listener answers with AE/AR + ERR.
 *
 * Segment ends: CR as the standard says. Senders that end segments with LF alone are accepted
 * only when the message holds no CR at all, because literal LF inside text (NTE, ST) exists and
 * splitting on it would corrupt that text; CRLF ends are CR ends followed by a stray LF.
 */
import { escapeText } from './Hl7Escapes.js';
import { Hl7ErrorCode, messageError, rejectMessage } from './Hl7Issue.js';
import {
  EXPLICIT_NULL,
  Hl7Message,
  Hl7Segment,
  type Hl7Charset,
  type Hl7Delimiters,
  type Hl7Field,
} from './Hl7Message.js';

const UTF8_BOM = '\u00EF\u00BB\u00BF';
/** MSH-18 as the first segment splits: [MSH, MSH-2, MSH-3, …] puts field n at index n - 1. */
const MSH_18_INDEX = 17;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodedText {
  text: string;
  charset: Hl7Charset;
}

/** Reads the bytes of one message as text in the character set its MSH-18 declares. */
export function decodeMessageBytes(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  // Every supported charset agrees with Latin-1 on the ASCII bytes MSH is written in.
  const latin1 = buffer.toString('latin1');
  const declared = declaredCharset(latin1);
  switch (declared) {
    case '8859/1':
      return { text: latin1, charset: '8859/1' };
    case 'UNICODE UTF-8':
    case 'UTF-8':
    case 'UTF8':
      return { text: strictUtf8Text(buffer), charset: 'UTF-8' };
    case '':
    case 'ASCII':
      return undeclaredText(buffer, latin1);
    default:
      throw rejectMessage(
        Hl7ErrorCode.tableValueNotFound,
        `Character set "${declared}" in MSH-18 is not supported; use ASCII, 8859/1 or UNICODE UTF-8`,
        { segment: 'MSH', sequence: 1, field: 18 },
      );
  }
}

function declaredCharset(latin1: string): string {
  const start = latin1.indexOf('MSH');
  if (start < 0) return '';
  const separator = latin1[start + 3];
  if (separator === undefined) return '';
  const ends = [latin1.indexOf('\r', start), latin1.indexOf('\n', start)].filter((i) => i >= 0);
  const header = latin1.slice(start, ends.length > 0 ? Math.min(...ends) : undefined);
  // MSH-18 may repeat (first = the default charset); only the first repetition decides.
  const encoding = header.slice(4, header.indexOf(separator, 4));
  const repetition = encoding[1] ?? '~';
  const value = header.split(separator)[MSH_18_INDEX] ?? '';
  return value.split(repetition)[0]!.trim().toUpperCase();
}

function strictUtf8Text(buffer: Buffer): string {
  try {
    const text = strictUtf8.decode(buffer);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    throw rejectMessage(
      Hl7ErrorCode.dataType,
      'The message declares UNICODE UTF-8 in MSH-18 but its bytes are not valid UTF-8',
      { segment: 'MSH', sequence: 1, field: 18 },
    );
  }
}

/**
 * Blank MSH-18 means ASCII, but senders routinely put UTF-8 or Latin-1 names in such messages;
 * reading valid UTF-8 as UTF-8 and anything else as Latin-1 keeps every byte they sent.
 */
function undeclaredText(buffer: Buffer, latin1: string): DecodedText {
  if (!/[\u0080-\u00FF]/.test(latin1)) return { text: latin1, charset: 'ASCII' };
  if (latin1.startsWith(UTF8_BOM)) return { text: strictUtf8Text(buffer), charset: 'UTF-8' };
  try {
    return { text: strictUtf8.decode(buffer), charset: 'UTF-8' };
  } catch {
    return { text: latin1, charset: '8859/1' };
  }
}

/** Turns text back into bytes in the charset the message was read (or is answered) in. */
export function encodeMessageBytes(text: string, charset: Hl7Charset): Buffer {
  return Buffer.from(text, charset === 'UTF-8' ? 'utf8' : 'latin1');
}

/** Parses one message's text. */
export function parseMessage(input: string, charset: Hl7Charset = 'ASCII'): Hl7Message {
  const text = withoutLeadingNoise(input);
  const delimiters = readDelimiters(text);
  const segments: Hl7Segment[] = [];
  for (const line of splitSegments(text)) {
    segments.push(parseSegment(line, segments.length + 1, delimiters, charset));
  }
  return new Hl7Message(segments, delimiters, charset);
}

/** Bytes straight to a message: charset by MSH-18, then parse. */
export function decodeMessage(bytes: Uint8Array): Hl7Message {
  const { text, charset } = decodeMessageBytes(bytes);
  return parseMessage(text, charset);
}

/** A stray VT, NUL, BOM or blank line in front of MSH is framing debris, not content. */
function withoutLeadingNoise(text: string): string {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) <= 0x20 || text.charCodeAt(i) === 0xfeff)) i++;
  if (text.startsWith(UTF8_BOM, i)) i += UTF8_BOM.length;
  if (!text.startsWith('MSH', i)) {
    throw rejectMessage(
      Hl7ErrorCode.segmentSequence,
      'The message does not start with an MSH segment',
      { segment: 'MSH', sequence: 1 },
    );
  }
  return i === 0 ? text : text.slice(i);
}

function readDelimiters(text: string): Hl7Delimiters {
  const field = text[3];
  if (field === undefined || !isDelimiterChar(field)) {
    throw rejectMessage(
      Hl7ErrorCode.dataType,
      'MSH-1 (field separator) is missing or not a punctuation character',
      { segment: 'MSH', sequence: 1, field: 1 },
    );
  }
  const end = [text.indexOf(field, 4), text.indexOf('\r', 4), text.indexOf('\n', 4)]
    .filter((i) => i >= 0)
    .reduce((a, b) => Math.min(a, b), text.length);
  const encoding = text.slice(4, end);
  const chars = [...encoding];
  const distinct = new Set([field, ...chars]).size === chars.length + 1;
  if (chars.length < 1 || chars.length > 5 || !distinct || !chars.every(isDelimiterChar)) {
    throw rejectMessage(
      Hl7ErrorCode.dataType,
      `MSH-2 (encoding characters) must be up to five distinct punctuation characters such as ^~\\&, got "${encoding}"`,
      { segment: 'MSH', sequence: 1, field: 2 },
    );
  }
  return internedDelimiters(field + encoding, () => ({
    field,
    component: chars[0] ?? '',
    repetition: chars[1] ?? '',
    escape: chars[2] ?? '',
    subcomponent: chars[3] ?? '',
    truncation: chars[4] ?? '',
  }));
}

/**
 * One object per delimiter set, shared by every message that uses it: what is worked out per set
 * (the codec's character patterns) is then worked out once, not once per message.
 */
const delimiterSets = new Map<string, Hl7Delimiters>();

function internedDelimiters(key: string, create: () => Hl7Delimiters): Hl7Delimiters {
  let delimiters = delimiterSets.get(key);
  if (!delimiters) {
    // Bounded: a stream of garbage must not grow it for ever.
    if (delimiterSets.size >= 64) delimiterSets.clear();
    delimiters = Object.freeze(create());
    delimiterSets.set(key, delimiters);
  }
  return delimiters;
}

function isDelimiterChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code > 0x20 && code < 0x7f && !/[A-Za-z0-9]/.test(ch);
}

/** Three capitals or digits, the first a capital: checked per segment, so without a regex. */
function isSegmentName(line: string): boolean {
  if (line.length < 3) return false;
  const a = line.charCodeAt(0);
  const b = line.charCodeAt(1);
  const c = line.charCodeAt(2);
  return isCapital(a) && (isCapital(b) || isDigit(b)) && (isCapital(c) || isDigit(c));
}

function isCapital(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function splitSegments(text: string): string[] {
  const lines = text.includes('\r')
    ? text.split('\r').map((line) => (line.startsWith('\n') ? line.slice(1) : line))
    : text.split('\n');
  return lines.filter(
    (line) => line.length > 0 && (line.charCodeAt(0) > 0x20 || line.trim() !== ''),
  );
}

function parseSegment(
  line: string,
  sequence: number,
  d: Hl7Delimiters,
  charset: Hl7Charset,
): Hl7Segment {
  const name = line.slice(0, 3);
  if (!isSegmentName(line) || (line.length > 3 && line[3] !== d.field)) {
    throw messageError(
      Hl7ErrorCode.segmentSequence,
      `Segment ${sequence} does not start with a segment id (three capitals or digits) and a field separator: "${line.slice(0, 12)}"`,
      { segment: name.replace(/[^\x20-\x7E]/g, '?'), sequence },
    );
  }
  if (sequence === 1 && name !== 'MSH') {
    throw rejectMessage(Hl7ErrorCode.segmentSequence, 'The first segment must be MSH', {
      segment: name,
      sequence,
    });
  }
  const parts = line.split(d.field);
  // MSH-1 is the separator itself, so after splitting, MSH's fields sit one place too low.
  const fields = name === 'MSH' && sequence === 1 ? ['MSH', d.field, ...parts.slice(1)] : parts;
  return new Hl7Segment(name, fields, d, charset);
}

/** A segment to write: fields[i] is field i + 1; MSH-1 and MSH-2 are written from the delimiters. */
export interface Hl7SegmentValue {
  name: string;
  fields: readonly Hl7Field[];
}

/** Writes segments as ER7 text with CR segment ends, escaping every value. */
export function encodeMessage(segments: readonly Hl7SegmentValue[], d: Hl7Delimiters): string {
  return segments.map((segment) => encodeSegment(segment, d) + '\r').join('');
}

function encodeSegment(segment: Hl7SegmentValue, d: Hl7Delimiters): string {
  if (segment.name === 'MSH') {
    const encoding = d.component + d.repetition + d.escape + d.subcomponent + d.truncation;
    const rest = trimTrailingEmpty(segment.fields.slice(2).map((f) => encodeField(f, d)));
    return ['MSH' + d.field + encoding, ...rest].join(d.field);
  }
  const fields = trimTrailingEmpty(segment.fields.map((f) => encodeField(f, d)));
  return [segment.name, ...fields].join(d.field);
}

function encodeField(field: Hl7Field, d: Hl7Delimiters): string {
  return trimTrailingEmpty(
    field.map((rep) =>
      trimTrailingEmpty(
        rep.map((component) =>
          trimTrailingEmpty(
            component.map((sub) => (sub === null ? EXPLICIT_NULL : escapeText(sub, d))),
          ).join(d.subcomponent),
        ),
      ).join(d.component),
    ),
  ).join(d.repetition);
}

/** Trailing empty fields, components and subcomponents may be left out, and are. */
function trimTrailingEmpty(parts: string[]): string[] {
  let end = parts.length;
  while (end > 0 && parts[end - 1] === '') end--;
  return end === parts.length ? parts : parts.slice(0, end);
}

/** A parsed message as values to encode again (every field decoded). */
export function messageValues(message: Hl7Message): Hl7SegmentValue[] {
  return message.segments.map((segment) => ({
    name: segment.name,
    fields: Array.from({ length: segment.lastField }, (_, i) => segment.field(i + 1)),
  }));
}

/** A field of one plain value (null: explicit null). */
export function textField(text: string | null): Hl7Field {
  return text === '' ? [] : [[[text]]];
}

/** A field of one repetition with these components (each a single subcomponent). */
export function componentsField(...components: (string | null)[]): Hl7Field {
  return [components.map((c) => [c])];
}
