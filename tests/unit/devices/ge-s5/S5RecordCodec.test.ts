/**
 * Project-made records, written byte by byte from the DRI specification's structures (offsets in
 * the comments), so the codec is checked against the layout and not against itself.
 */
import { describe, expect, it } from 'vitest';
import {
  S5_PHDB_SUBRECORD_LENGTH,
  buildS5BasicSubrecord,
  buildS5Record,
  buildS5Request,
  buildS5WaveSubrecord,
  readS5BasicClass,
  readS5Header,
  readS5Request,
  readS5WaveSubrecords,
  type S5Request,
} from '../../../../electron/station/devices/drivers/ge-s5/S5RecordCodec.js';

function le16(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff];
}

function le32(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
}

const MONITOR = { number: 7, level: 11, plug: 3, time: 1_671_468_233 };
const STATION = { number: 0, level: 0, plug: 0, time: 0 };

/** datex_hdr: r_len, r_nbr, dri_level, plug_id, r_time, 4 reserved, r_maintype, 8 × sr_desc. */
function header(
  length: number,
  mainType: number,
  subrecords: Array<[number, number]>,
  from = MONITOR,
): number[] {
  const desc = subrecords.flatMap(([offset, type]) => [...le16(offset), type]);
  const padding = Array.from({ length: 24 - desc.length }, (_, i) =>
    i === 2 && subrecords.length < 8 ? 0xff : 0,
  );
  return [
    ...le16(length),
    from.number,
    from.level,
    ...le16(from.plug),
    ...le32(from.time),
    0,
    0,
    0,
    0,
    ...le16(mainType),
    ...desc,
    ...padding,
  ];
}

describe('S5 record header', () => {
  it('reads the 40-byte little-endian header and the subrecord list up to 0xFF', () => {
    const bytes = Uint8Array.from([...header(46, 1, [[0, 8]]), 0, 0, 0, 0, 0, 0]);
    expect(bytes.length).toBe(46);
    expect(readS5Header(bytes)).toEqual({
      length: 46,
      number: 7,
      driLevel: 11,
      plugId: 3,
      time: 1_671_468_233,
      mainType: 1,
      subrecords: [{ offset: 0, type: 8 }],
    });
  });

  it('refuses a record shorter than its header or a subrecord pointing outside it', () => {
    expect(readS5Header(new Uint8Array(39))).toBeNull();
    expect(readS5Header(Uint8Array.from(header(40, 1, [[10, 8]])))).toBeNull();
  });

  it('builds records whose header says their length and lists the subrecords', () => {
    const rec = buildS5Record({ mainType: 1, number: 300, driLevel: 11, time: 5 }, [
      { type: 1, body: Uint8Array.of(1, 2) },
      { type: 8, body: Uint8Array.of(3) },
    ]);
    expect(rec.length).toBe(43);
    expect(readS5Header(rec)).toMatchObject({
      length: 43,
      number: 300 & 0xff,
      driLevel: 11,
      time: 5,
      mainType: 1,
      subrecords: [
        { offset: 0, type: 1 },
        { offset: 2, type: 8 },
      ],
    });
  });
});

describe('S5 requests', () => {
  it('lays out the displayed-values request: 49 bytes, type, interval, class bits', () => {
    const rec = buildS5Request({
      kind: 'numerics',
      recordType: 1,
      intervalSeconds: 5,
      classMask: 0,
    });
    // Header: r_len 49, maintype 0 (PHDB), subrecord 0 at offset 0, then the end of the list.
    expect([...rec.subarray(0, 40)]).toEqual(header(49, 0, [[0, 0]], STATION));
    // dri_phdb_req: phdb_rcrd_type 1, tx_ival 5, phdb_class_bf 0, reserved 0.
    expect([...rec.subarray(40)]).toEqual([1, 5, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('lays out the wave request: 72 bytes, start, the list ending in 0xFF', () => {
    const rec = buildS5Request({ kind: 'waves', start: true, waves: [1, 4, 8, 9, 15] });
    expect(rec.length).toBe(72);
    expect([...rec.subarray(0, 2)]).toEqual([72, 0]);
    expect([...rec.subarray(14, 16)]).toEqual([1, 0]);
    // wf_req: req_type 0 (start), res 0, type[8], then reserved, all zero.
    expect([...rec.subarray(40, 52)]).toEqual([0, 0, 0, 0, 1, 4, 8, 9, 15, 0xff, 0, 0]);
    expect(rec.subarray(52).every((b) => b === 0)).toBe(true);
  });

  it('reads requests back as the monitor would, and nothing else as a request', () => {
    const waves: S5Request = { kind: 'waves', start: false, waves: [] };
    expect(readS5Request(buildS5Request(waves))).toEqual(waves);
    const numerics = {
      kind: 'numerics',
      recordType: 1,
      intervalSeconds: -1,
      classMask: 2,
    } as const;
    expect(readS5Request(buildS5Request(numerics))).toEqual(numerics);
    const waveData = buildS5Record({ mainType: 1 }, [{ type: 8, body: new Uint8Array(6) }]);
    expect(readS5Request(waveData)).toBeNull();
  });
});

describe('S5 basic physiological class', () => {
  /** One 278-byte dri_phdb subrecord with the HR, NIBP and SpO2 groups filled in by offset. */
  function basicSubrecord(): number[] {
    const sub = new Array<number>(S5_PHDB_SUBRECORD_LENGTH).fill(0);
    const put = (at: number, bytes: number[]): void => bytes.forEach((b, i) => (sub[at + i] = b));
    put(0, le32(1_700_000_000));
    // Class data starts at 4. ECG group at 0: status, label, hr, st1..3, imp_rr.
    put(4, [...le32(0x0b), ...le16(0x0200), ...le16(72), 0, 0, 0, 0, 0, 0, ...le16(14)]);
    // NIBP group at class offset 72: sys/dia/mean in 1/100 mmHg.
    put(4 + 72, [...le32(3), ...le16(0x08), ...le16(12000), ...le16(8000), ...le16(9300)]);
    // SpO2 group at class offset 118: SpO2 1/100 %, pulse rate.
    put(4 + 118, [...le32(3), ...le16(0), ...le16(0x8001), ...le16(61)]);
    // cl_drilvl_subt at 276: low byte 0xB1 as a level-11 monitor sends it, class 0 (basic).
    put(276, le16(0x00b1));
    return sub;
  }

  it('reads the groups at their offsets in the basic class', () => {
    const sub = basicSubrecord();
    const rec = Uint8Array.from([...header(40 + sub.length, 0, [[0, 1]]), ...sub]);
    const basic = readS5BasicClass(rec, readS5Header(rec)!);
    expect(basic?.time).toBe(1_700_000_000);
    expect(basic?.groups.ecg).toEqual({ status: 0x0b, label: 0x0200, values: [72, 0, 0, 0, 14] });
    expect(basic?.groups.nibp).toEqual({ status: 3, label: 8, values: [12000, 8000, 9300, 0] });
    expect(basic?.groups.spo2.values.slice(0, 2)).toEqual([-32767, 61]);
  });

  it('skips subrecords of another class (bits 8..11 of cl_drilvl_subt)', () => {
    const ext1 = basicSubrecord();
    ext1[277] = 0x01;
    const rec = Uint8Array.from([...header(40 + ext1.length, 0, [[0, 1]]), ...ext1]);
    expect(readS5BasicClass(rec, readS5Header(rec)!)).toBeNull();
  });

  it('writes what it reads', () => {
    const groups = {
      ecg: { status: 3, label: 0x200, values: [80, 1, 2, 3, 12] },
      p1: { status: 3, label: 1, values: [12000, 8000, 9300, 80] },
      nibp: { status: 3, label: 0, values: [11000, 7000, 8300, 80] },
      t1: { status: 3, label: 11, values: [3650] },
      spo2: { status: 3, label: 0, values: [9800, 80, 200, -32767] },
      co2: { status: 3, label: 1, values: [510, 0, 14, 7600] },
    };
    const rec = buildS5Record({ mainType: 0 }, [
      { type: 1, body: buildS5BasicSubrecord(9, groups, 11) },
    ]);
    expect(readS5BasicClass(rec, readS5Header(rec)!)).toEqual({ time: 9, groups });
  });
});

describe('S5 waves', () => {
  it('reads wf_hdr (count, status) and the int16 samples of each subrecord', () => {
    const ecg = [...le16(3), ...le16(1), ...le16(0), ...le16(100), ...le16(-5), ...le16(0x7e7d)];
    const pleth = [...le16(1), ...le16(0), ...le16(0), ...le16(250)];
    const rec = Uint8Array.from([
      ...header(40 + ecg.length + pleth.length, 1, [
        [0, 1],
        [ecg.length, 8],
      ]),
      ...ecg,
      ...pleth,
    ]);
    const subs = readS5WaveSubrecords(rec, readS5Header(rec)!);
    expect(subs.map((s) => [s.type, s.status, [...s.samples]])).toEqual([
      [1, 1, [100, -5, 0x7e7d]],
      [8, 0, [250]],
    ]);
  });

  it('drops a subrecord whose count runs past the record', () => {
    const rec = buildS5Record({ mainType: 1 }, [
      { type: 8, body: buildS5WaveSubrecord(0, Int16Array.of(1, 2)) },
    ]);
    rec[40] = 9;
    expect(readS5WaveSubrecords(rec, readS5Header(rec)!)).toEqual([]);
  });
});
