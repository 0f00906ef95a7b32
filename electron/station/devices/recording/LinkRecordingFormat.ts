/**
 * The raw link recording format (.wsrec): every byte one device link carried, which way it went
 * and when, so a session from the ward can be replayed byte for byte at the bench.
 *
 * Layout (varint = unsigned LEB128, at most 8 bytes, values up to 2^53 - 1):
 *
 *   header  "WSRAWREC" (8 ASCII bytes) · version (1 byte, = 1)
 *           · metadata length (varint) · metadata (UTF-8 JSON, see RecordingMetadata)
 *   record  tag (1 byte: 0x44 "D" device → station, 0x53 "S" station → device)
 *           · time offset in µs since the recording started (varint, never decreasing)
 *           · length (varint, ≥ 1) · the bytes
 *
 * Records are only ever appended, each one self-contained, so a crash mid-write can only cut
 * the last record short. Decoding stops at the first record that is incomplete or cannot be a
 * record (a zero-filled tail has no valid tag) and reports how many bytes it left unread; every
 * record before that point is intact.
 */
import { z } from 'zod';
import type { SerialSettings } from '../drivers/DeviceDriver.js';

const RECORDING_MAGIC = 'WSRAWREC';
const RECORDING_VERSION = 1;
export const RECORDING_EXTENSION = '.wsrec';

export type LinkDirection = 'device-to-station' | 'station-to-device';

const TAG_BY_DIRECTION: Record<LinkDirection, number> = {
  'device-to-station': 0x44,
  'station-to-device': 0x53,
};
const DIRECTION_BY_TAG = new Map<number, LinkDirection>(
  Object.entries(TAG_BY_DIRECTION).map(([direction, tag]) => [tag, direction as LinkDirection]),
);

/** 8 × 7 bits covers every safe integer (53 bits). */
const MAX_VARINT_BYTES = 8;
const MAX_METADATA_BYTES = 64 * 1024;
/** Far above any serial read; a larger length can only be a corrupt byte. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

const SerialSettingsSchema = z.object({
  baudRate: z.number().int().positive(),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']),
}) satisfies z.ZodType<SerialSettings>;

/** Who was recorded, over what, from when. Unknown keys from newer versions are ignored. */
export const RecordingMetadata = z.object({
  link: z.string().min(1),
  bed: z.string(),
  protocol: z.string().min(1),
  /** As the link showed it: "/dev/ttyUSB0 9600 8N1" or "tcp 10.0.0.5:4001". */
  endpoint: z.string(),
  /** null for links over TCP, where the device server owns the line settings. */
  serial: SerialSettingsSchema.nullable(),
  /** Wall-clock start, ms since the Unix epoch; record offsets count from here. */
  startedAt: z.number(),
});
export type RecordingMetadata = z.infer<typeof RecordingMetadata>;

export interface LinkRecord {
  /** µs since the recording started. */
  offsetUs: number;
  direction: LinkDirection;
  bytes: Uint8Array;
}

export interface DecodedRecording {
  metadata: RecordingMetadata;
  records: LinkRecord[];
  /** Bytes at the end that do not form a whole record: a write cut short by a crash. */
  unreadableTailBytes: number;
}

export class RecordingFormatError extends Error {
  override readonly name = 'RecordingFormatError';
}

const MAGIC_BYTES = new TextEncoder().encode(RECORDING_MAGIC);

function varintLength(value: number): number {
  let length = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) length += 1;
  return length;
}

/** Writes `value` at `position` and returns the position after it. */
function writeVarint(target: Uint8Array, position: number, value: number): number {
  let v = value;
  let at = position;
  while (v >= 0x80) {
    target[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  target[at++] = v;
  return at;
}

/** null when the bytes end first or the varint is longer than any valid one. */
function readVarint(bytes: Uint8Array, position: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const byte = bytes[position + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return Number.isSafeInteger(value) ? { value, next: position + i + 1 } : null;
    scale *= 0x80;
  }
  return null;
}

function checkCount(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
}

export function encodeHeader(metadata: RecordingMetadata): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(RecordingMetadata.parse(metadata)));
  if (json.length > MAX_METADATA_BYTES) {
    throw new RangeError(`recording metadata is ${json.length} bytes, over ${MAX_METADATA_BYTES}`);
  }
  const header = new Uint8Array(MAGIC_BYTES.length + 1 + varintLength(json.length) + json.length);
  header.set(MAGIC_BYTES, 0);
  header[MAGIC_BYTES.length] = RECORDING_VERSION;
  header.set(json, writeVarint(header, MAGIC_BYTES.length + 1, json.length));
  return header;
}

export function encodeRecord(record: LinkRecord): Uint8Array {
  const { offsetUs, direction, bytes } = record;
  checkCount('record offset', offsetUs);
  if (bytes.length === 0 || bytes.length > MAX_RECORD_BYTES) {
    throw new RangeError(`a record carries 1 to ${MAX_RECORD_BYTES} bytes, got ${bytes.length}`);
  }
  const out = new Uint8Array(
    1 + varintLength(offsetUs) + varintLength(bytes.length) + bytes.length,
  );
  out[0] = TAG_BY_DIRECTION[direction];
  const lengthAt = writeVarint(out, 1, offsetUs);
  out.set(bytes, writeVarint(out, lengthAt, bytes.length));
  return out;
}

/** Reads the header; throws RecordingFormatError saying why when the file is not a recording. */
export function decodeHeader(bytes: Uint8Array): { metadata: RecordingMetadata; length: number } {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC_BYTES.length));
  if (magic !== RECORDING_MAGIC) {
    throw new RecordingFormatError(`not a link recording (no ${RECORDING_MAGIC} header)`);
  }
  const version = bytes[MAGIC_BYTES.length];
  if (version === undefined) throw new RecordingFormatError('recording header is cut short');
  if (version !== RECORDING_VERSION) {
    throw new RecordingFormatError(
      `recording format version ${version} is not supported (this station reads ${RECORDING_VERSION})`,
    );
  }
  const size = readVarint(bytes, MAGIC_BYTES.length + 1);
  if (!size || size.value > MAX_METADATA_BYTES || size.next + size.value > bytes.length) {
    throw new RecordingFormatError('recording header is cut short or corrupt');
  }
  const end = size.next + size.value;
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(size.next, end)),
    );
  } catch (error) {
    throw new RecordingFormatError(`recording metadata is not JSON: ${(error as Error).message}`);
  }
  const parsed = RecordingMetadata.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RecordingFormatError(`recording metadata is invalid: ${problems.join('; ')}`);
  }
  return { metadata: parsed.data, length: end };
}

/**
 * The record starting at `position`, or null when none can start there (incomplete, or not a
 * record). `notBeforeUs` is the previous record's offset: time never runs backwards in a
 * recording, so an earlier offset marks corrupt bytes. The bytes are a view, not a copy.
 */
function decodeRecordAt(
  bytes: Uint8Array,
  position: number,
  notBeforeUs = 0,
): { record: LinkRecord; next: number } | null {
  const tag = bytes[position];
  const direction = tag === undefined ? undefined : DIRECTION_BY_TAG.get(tag);
  if (!direction) return null;
  const offset = readVarint(bytes, position + 1);
  if (!offset || offset.value < notBeforeUs) return null;
  const length = readVarint(bytes, offset.next);
  if (!length || length.value === 0 || length.value > MAX_RECORD_BYTES) return null;
  const end = length.next + length.value;
  if (end > bytes.length) return null;
  return {
    record: { offsetUs: offset.value, direction, bytes: bytes.subarray(length.next, end) },
    next: end,
  };
}

export function decodeRecording(bytes: Uint8Array): DecodedRecording {
  const header = decodeHeader(bytes);
  const records: LinkRecord[] = [];
  let position = header.length;
  let lastOffsetUs = 0;
  for (;;) {
    const decoded = decodeRecordAt(bytes, position, lastOffsetUs);
    if (!decoded) break;
    records.push(decoded.record);
    lastOffsetUs = decoded.record.offsetUs;
    position = decoded.next;
  }
  return { metadata: header.metadata, records, unreadableTailBytes: bytes.length - position };
}

/** "<link>-<ISO time with '-' for ':'>.wsrec": sorts by time, valid on every file system. */
export function recordingFileName(linkId: string, startedAt: Date): string {
  return `${linkId}-${startedAt.toISOString().replaceAll(':', '-')}${RECORDING_EXTENSION}`;
}
