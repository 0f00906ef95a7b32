import { describe, expect, it } from 'vitest';
import { RecordingFileName } from '../../../../electron/contract/domain.js';
import {
  MAX_RECORD_BYTES,
  RecordingFormatError,
  decodeHeader,
  decodeRecording,
  encodeHeader,
  encodeRecord,
  recordingFileName,
  type LinkDirection,
  type LinkRecord,
  type RecordingMetadata,
} from '../../../../electron/station/devices/recording/LinkRecordingFormat.js';

const metadata: RecordingMetadata = {
  link: 'ox-7',
  bed: 'bed-7',
  protocol: 'nonin-format7',
  endpoint: '/dev/ttyUSB0 9600 8N1',
  serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
  startedAt: 1_700_000_000_123,
};

/** mulberry32, so a failing random case can be reproduced from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

function randomRecords(random: () => number, count: number, maxLength = 20_000): LinkRecord[] {
  const records: LinkRecord[] = [];
  let offsetUs = Math.floor(random() * 1_000);
  for (let i = 0; i < count; i++) {
    // Mostly small steps, sometimes none (same timer tick), sometimes hours.
    const step = random();
    offsetUs += step < 0.1 ? 0 : step < 0.95 ? Math.floor(random() * 50_000) : 2 ** 36;
    const length =
      1 + Math.floor(random() * (random() < 0.05 ? maxLength : Math.min(200, maxLength)));
    const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
    const direction: LinkDirection = random() < 0.7 ? 'device-to-station' : 'station-to-device';
    records.push({ offsetUs, direction, bytes });
  }
  return records;
}

function encodeFile(meta: RecordingMetadata, records: LinkRecord[]): Uint8Array {
  const parts = [encodeHeader(meta), ...records.map(encodeRecord)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Compares as plain values: decoded bytes are views into the file, not fresh arrays. */
function plain(records: LinkRecord[]): { offsetUs: number; direction: string; bytes: string }[] {
  return records.map((r) => ({ ...r, bytes: Buffer.from(r.bytes).toString('hex') }));
}

describe('link recording format', () => {
  it('round-trips the header metadata and every record', () => {
    const records: LinkRecord[] = [
      { offsetUs: 0, direction: 'device-to-station', bytes: Uint8Array.of(1, 2, 3) },
      { offsetUs: 13_333, direction: 'station-to-device', bytes: Uint8Array.of(0xff) },
      { offsetUs: 13_333, direction: 'device-to-station', bytes: new Uint8Array(300).fill(0x80) },
    ];
    const decoded = decodeRecording(encodeFile(metadata, records));
    expect(decoded.metadata).toEqual(metadata);
    expect(plain(decoded.records)).toEqual(plain(records));
    expect(decoded.unreadableTailBytes).toBe(0);
  });

  it('keeps each record’s direction', () => {
    const directions: LinkDirection[] = [
      'station-to-device',
      'device-to-station',
      'station-to-device',
    ];
    const records = directions.map((direction, i) => ({
      offsetUs: i,
      direction,
      bytes: Uint8Array.of(i + 1),
    }));
    expect(decodeRecording(encodeFile(metadata, records)).records.map((r) => r.direction)).toEqual(
      directions,
    );
  });

  it('keeps time offsets exact to the microsecond across every varint length', () => {
    const offsets = [
      0,
      1,
      127,
      128,
      16_383,
      16_384,
      2 ** 21,
      2 ** 32 + 7,
      2 ** 49,
      Number.MAX_SAFE_INTEGER,
    ];
    const records = offsets.map((offsetUs) => ({
      offsetUs,
      direction: 'device-to-station' as const,
      bytes: Uint8Array.of(0x42),
    }));
    expect(decodeRecording(encodeFile(metadata, records)).records.map((r) => r.offsetUs)).toEqual(
      offsets,
    );
  });

  it('round-trips many random recordings exactly', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const records = randomRecords(random, Math.floor(random() * 60));
      const meta = { ...metadata, startedAt: Math.floor(random() * 2e12), serial: null };
      const decoded = decodeRecording(encodeFile(meta, records));
      expect(decoded.metadata, `seed ${seed}`).toEqual(meta);
      expect(plain(decoded.records), `seed ${seed}`).toEqual(plain(records));
      expect(decoded.unreadableTailBytes, `seed ${seed}`).toBe(0);
    }
  });

  it('reads every whole record of a file cut at any byte (a crash mid-write)', () => {
    const records = randomRecords(seededRandom(99), 40, 40);
    const header = encodeHeader(metadata);
    const file = encodeFile(metadata, records);
    const ends: number[] = [];
    let end = header.length;
    for (const r of records) ends.push((end += encodeRecord(r).length));
    for (let cut = header.length; cut <= file.length; cut++) {
      const whole = ends.filter((e) => e <= cut).length;
      const decoded = decodeRecording(file.subarray(0, cut));
      expect(plain(decoded.records), `cut at ${cut}`).toEqual(plain(records.slice(0, whole)));
      expect(decoded.unreadableTailBytes).toBe(
        cut - (whole === 0 ? header.length : ends[whole - 1]!),
      );
    }
  });

  it('stops at a zero-filled tail and at time running backwards, keeping what came before', () => {
    const good = {
      offsetUs: 500,
      direction: 'device-to-station' as const,
      bytes: Uint8Array.of(7),
    };
    const zeros = new Uint8Array(64);
    const withZeros = new Uint8Array([...encodeFile(metadata, [good]), ...zeros]);
    const zeroTail = decodeRecording(withZeros);
    expect(plain(zeroTail.records)).toEqual(plain([good]));
    expect(zeroTail.unreadableTailBytes).toBe(64);

    const earlier = encodeRecord({ ...good, offsetUs: 499 });
    const backwards = decodeRecording(
      new Uint8Array([...encodeFile(metadata, [good]), ...earlier]),
    );
    expect(backwards.records).toHaveLength(1);
    expect(backwards.unreadableTailBytes).toBe(earlier.length);
  });

  it('says why a file is not a readable recording', () => {
    const header = encodeHeader(metadata);
    expect(() => decodeHeader(new TextEncoder().encode('SQLite format 3\0'))).toThrow(
      /not a link recording/,
    );
    const newer = header.slice();
    newer[8] = 2;
    expect(() => decodeHeader(newer)).toThrow(/version 2 is not supported/);
    expect(() => decodeHeader(header.subarray(0, header.length - 1))).toThrow(RecordingFormatError);
    expect(() => decodeHeader(header.subarray(0, 8))).toThrow(/cut short/);
    const notJson = header.slice();
    notJson[header.length - 1] = 0x7b;
    expect(() => decodeHeader(notJson)).toThrow(/not JSON/);
    const renamed = header.slice();
    const linkKey = Buffer.from(renamed).indexOf('"link"');
    renamed[linkKey + 2] = 'y'.charCodeAt(0);
    expect(() => decodeHeader(renamed)).toThrow(/metadata is invalid: link/);
  });

  it('refuses records that could not be decoded again', () => {
    const empty = {
      offsetUs: 0,
      direction: 'device-to-station' as const,
      bytes: new Uint8Array(0),
    };
    expect(() => encodeRecord(empty)).toThrow(RangeError);
    expect(() => encodeRecord({ ...empty, bytes: Uint8Array.of(1), offsetUs: -1 })).toThrow(
      RangeError,
    );
    expect(() => encodeRecord({ ...empty, bytes: Uint8Array.of(1), offsetUs: 1.5 })).toThrow(
      RangeError,
    );
    expect(() => encodeRecord({ ...empty, bytes: new Uint8Array(MAX_RECORD_BYTES + 1) })).toThrow(
      RangeError,
    );
  });

  it('names files by link and time without colons, as the contract accepts them', () => {
    const name = recordingFileName('ox-7', new Date('2025-03-04T05:06:07.089Z'));
    expect(name).toBe('ox-7-2025-03-04T05-06-07.089Z.wsrec');
    expect(RecordingFileName.safeParse(name).success).toBe(true);
  });
});
