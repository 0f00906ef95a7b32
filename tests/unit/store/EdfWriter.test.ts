import { describe, expect, it } from 'vitest';
import {
  edfHeader,
  edfNumber,
  edfRecord,
  encodeTal,
  patientField,
  recordingField,
  recordSecondsFor,
  type EdfLayout,
} from '../../../electron/station/store/export/EdfWriter.js';

const layout: EdfLayout = {
  patient: {
    code: 'MCH 0234567',
    sex: 'F',
    birthDate: new Date(Date.UTC(1951, 4, 2)),
    name: 'Haagse Harry',
    extra: [],
  },
  recording: {
    start: { year: 2026, month: 3, day: 2, hour: 9, minute: 5, second: 7 },
    adminCode: null,
    technician: null,
    equipment: 'Ward Station 0.1.0',
    extra: ['bed-3'],
  },
  recordCount: 2,
  recordSeconds: 2,
  signals: [
    {
      label: 'ECG II',
      transducer: '',
      physicalDimension: 'mV',
      physicalMin: '-163.84',
      physicalMax: '163.835',
      digitalMin: -32768,
      digitalMax: 32767,
      prefiltering: '',
      samplesPerRecord: 4,
    },
    {
      label: 'Resp',
      transducer: '',
      physicalDimension: '',
      physicalMin: '-32768',
      physicalMax: '32767',
      digitalMin: -32768,
      digitalMax: 32767,
      prefiltering: '',
      samplesPerRecord: 1,
    },
  ],
  annotationBytes: 40,
};

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  Buffer.from(bytes.subarray(from, from + length)).toString('latin1');

describe('EDF+ identification fields', () => {
  it('writes the patient as code, sex, birth date and name, spaces made underscores', () => {
    expect(patientField(layout.patient)).toBe('MCH_0234567 F 02-MAY-1951 Haagse_Harry');
    expect(
      patientField({ code: null, sex: null, birthDate: null, name: null, extra: ['bed 3'] }),
    ).toBe('X X X X bed_3');
  });

  it('writes the recording as Startdate, date, admin code, technician and equipment', () => {
    expect(recordingField(layout.recording)).toBe(
      'Startdate 02-MAR-2026 X X Ward_Station_0.1.0 bed-3',
    );
  });
});

describe('edfNumber', () => {
  it('fits a number into 8 characters as precisely as it can', () => {
    expect(edfNumber(-32768)).toBe('-32768');
    expect(edfNumber(-163.84)).toBe('-163.84');
    expect(edfNumber(0.005 * 32767)).toBe('163.835');
    expect(edfNumber(79.99755859375)).toBe('79.99756');
    expect(edfNumber(-0.0000001)).toBe('0');
    expect(() => edfNumber(1e12)).toThrow('does not fit');
  });
});

describe('recordSecondsFor', () => {
  it('picks the shortest whole-second record holding whole samples of every rate', () => {
    expect(recordSecondsFor([500, 125, 62.5, 125])).toBe(2);
    expect(recordSecondsFor([360, 75])).toBe(1);
    expect(recordSecondsFor([0.2])).toBe(5);
    expect(() => recordSecondsFor([Math.PI])).toThrow('no record duration');
  });
});

describe('TALs', () => {
  it('encodes onset, optional duration and texts with the 20/21/0 separators', () => {
    expect([...encodeTal(0, null, [''])]).toEqual([0x2b, 0x30, 0x14, 0x14, 0x00]);
    expect(Buffer.from(encodeTal(12.5, 2.25, ['No data ECG II'])).toString('latin1')).toBe(
      '+12.5\x152.25\x14No data ECG II\x14\x00',
    );
  });
});

describe('edfHeader', () => {
  it('puts every field at its place in the 256 + 256 × signals bytes', () => {
    const header = edfHeader(layout);
    const ns = 3;
    expect(header.length).toBe(256 + ns * 256);
    expect(ascii(header, 0, 8)).toBe('0       ');
    expect(ascii(header, 8, 80).trimEnd()).toBe('MCH_0234567 F 02-MAY-1951 Haagse_Harry');
    expect(ascii(header, 88, 80).trimEnd()).toBe(
      'Startdate 02-MAR-2026 X X Ward_Station_0.1.0 bed-3',
    );
    expect(ascii(header, 168, 8)).toBe('02.03.26');
    expect(ascii(header, 176, 8)).toBe('09.05.07');
    expect(ascii(header, 184, 8).trim()).toBe(String(256 * 4));
    expect(ascii(header, 192, 44).trim()).toBe('EDF+C');
    expect(ascii(header, 236, 8).trim()).toBe('2');
    expect(ascii(header, 244, 8).trim()).toBe('2');
    expect(ascii(header, 252, 4).trim()).toBe('3');
    // Per-signal fields: each one for all signals in turn.
    const at = (offset: number, width: number, i: number) =>
      ascii(header, 256 + offset * ns + i * width, width).trim();
    expect([0, 1, 2].map((i) => at(0, 16, i))).toEqual(['ECG II', 'Resp', 'EDF Annotations']);
    expect([0, 1, 2].map((i) => at(96, 8, i))).toEqual(['mV', '', '']);
    expect([0, 1, 2].map((i) => at(104, 8, i))).toEqual(['-163.84', '-32768', '-1']);
    expect([0, 1, 2].map((i) => at(112, 8, i))).toEqual(['163.835', '32767', '1']);
    expect([0, 1, 2].map((i) => at(120, 8, i))).toEqual(['-32768', '-32768', '-32768']);
    expect([0, 1, 2].map((i) => at(128, 8, i))).toEqual(['32767', '32767', '32767']);
    expect([0, 1, 2].map((i) => at(216, 8, i))).toEqual(['4', '1', '20']);
  });

  it('refuses text that is not printable ASCII or too long', () => {
    expect(() =>
      edfHeader({
        ...layout,
        signals: [{ ...layout.signals[0]!, label: 'ECG II lead, long label' }],
      }),
    ).toThrow('longer than 16');
  });
});

describe('edfRecord', () => {
  it('lays out little-endian samples signal after signal, then the time-keeping TAL', () => {
    const { bytes, leftOver } = edfRecord(
      layout,
      1,
      [Int16Array.of(1, -2, 300, -32768), Int16Array.of(7)],
      [{ onset: 2.5, duration: 1, text: 'No data Resp' }],
    );
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe((4 + 1) * 2 + 40);
    expect([0, 2, 4, 6, 8].map((o) => view.getInt16(o, true))).toEqual([1, -2, 300, -32768, 7]);
    const annotations = ascii(bytes, 10, 40);
    expect(annotations).toBe('+2\x14\x14\x00+2.5\x151\x14No data Resp\x14\x00'.padEnd(40, '\x00'));
    expect(leftOver).toEqual([]);
  });

  it('hands back annotations that do not fit, for the next record', () => {
    const note = { onset: 0, duration: 1, text: 'No data ECG II' };
    const { leftOver } = edfRecord(layout, 0, [new Int16Array(4), new Int16Array(1)], [note, note]);
    expect(leftOver).toEqual([note]);
  });
});
