/**
 * Project-made N-595 lines in the data port layout (see
 * electron/station/devices/drivers/nellcor-ascii/PROTOCOL.md), written out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  NELLCOR_LINE_BYTES_PER_SECOND,
  formatNellcorDataLine,
  formatNellcorHeader,
  parseNellcorLine,
} from '../../../../electron/station/devices/drivers/nellcor-ascii/NellcorAsciiCodec.js';

describe('Nellcor N-595 lines', () => {
  it('runs at 9600 8N1: 960 bytes a second', () => {
    expect(NELLCOR_LINE_BYTES_PER_SECOND).toBe(960);
  });

  it('reads a data line: clock, SpO2, BPM, PA and status codes', () => {
    expect(parseNellcorLine('12-NOV-98 14:00:05  97  120  50  PS MO')).toEqual({
      kind: 'data',
      clock: { year: 1998, month: 11, day: 12, hour: 14, minute: 0, second: 5 },
      spo2: { value: 97, marked: false },
      pulseRate: { value: 120, marked: false },
      pulseAmplitude: { value: 50, marked: false },
      status: ['PS', 'MO'],
    });
  });

  it('reads --- as no value, keeps a starred number as marked, and a lone * as no value', () => {
    const line = parseNellcorLine('01-jan-24 08:00:00 --- 88* *');
    expect(line).toMatchObject({
      spo2: { value: null, marked: false },
      pulseRate: { value: 88, marked: true },
      pulseAmplitude: { value: null, marked: true },
      status: [],
    });
  });

  it('recognises the repeated header lines', () => {
    expect(parseNellcorLine('TIME %SPO2 BPM PA Status')).toEqual({ kind: 'header' });
    expect(parseNellcorLine('   TIME   %SPO2  BPM   PA  ')).toEqual({ kind: 'header' });
    expect(
      parseNellcorLine('N-595 VERSION 1.2.0.0 CRC:3E2A SpO2 Limit: 85-100% PR Limit: 40-170BPM'),
    ).toEqual({ kind: 'header' });
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      '    Command?',
      'NPB-595   Interactive Mode',
      '12-NOV-98 14:00:05 97 120',
      '12-XYZ-98 14:00:05 97 120 50',
      '12-NOV-98 25:00:05 97 120 50',
      '12-NOV-98 14:00:05 97 12O 50',
      '12-NOV-98 14:00:05 97 120 50 so',
    ]) {
      expect(parseNellcorLine(text)).toBeNull();
    }
  });

  it('prints what it reads', () => {
    const clock = { year: 2024, month: 2, day: 29, hour: 7, minute: 5, second: 9 };
    const text = formatNellcorDataLine(clock, { spo2: 91, pulseRate: 64, pulseAmplitude: null }, [
      'SL',
    ]);
    expect(text).toBe('29-FEB-24 07:05:09  91  64 --- SL\r\n');
    expect(parseNellcorLine(text)).toMatchObject({
      clock,
      spo2: { value: 91 },
      pulseAmplitude: { value: null },
      status: ['SL'],
    });
    const header = formatNellcorHeader({ spo2: [85, 100], pulseRate: [40, 170] });
    expect(header.split('\r\n').slice(0, 2).map(parseNellcorLine)).toEqual([
      { kind: 'header' },
      { kind: 'header' },
    ]);
  });
});
