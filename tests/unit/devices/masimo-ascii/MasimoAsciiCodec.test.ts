/**
 * Project-made lines in the Radical-7 ASCII 1 layout (see
 * electron/station/devices/drivers/masimo-ascii/PROTOCOL.md), written out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  MASIMO_LINE_BYTES_PER_SECOND,
  formatMasimoLine,
  parseMasimoLine,
} from '../../../../electron/station/devices/drivers/masimo-ascii/MasimoAsciiCodec.js';

const FULL =
  '03/14/24 09:26:53 SN=0000012345 SPO2=098% BPM=061 PI=03.47% SPCO=01.5% SPMET=00.8% ' +
  'DESAT=02 PIDELTA=-04 PVI=017 ALARM=0002 EXC=000820';
const NO_VALUES =
  '03/14/24 09:26:54 SN=0000012345 SPO2=---% BPM=--- PI=--.--% SPCO=--.-% SPMET=--.-% ' +
  'DESAT=-- PIDELTA=+-- PVI=--- ALARM=0000 EXC=000020';

describe('Masimo ASCII 1 lines', () => {
  it('runs at 9600 8N1: 960 bytes a second', () => {
    expect(MASIMO_LINE_BYTES_PER_SECOND).toBe(960);
  });

  it('reads every field of a full line', () => {
    expect(parseMasimoLine(FULL)).toEqual({
      clock: { year: 2024, month: 3, day: 14, hour: 9, minute: 26, second: 53 },
      serialNumber: '0000012345',
      spo2: 98,
      pulseRate: 61,
      perfusionIndex: 3.47,
      spco: 1.5,
      spmet: 0.8,
      desat: 2,
      piDelta: -4,
      pvi: 17,
      alarm: 0x0002,
      exception: 0x000820,
    });
  });

  it('reads dashes as no value', () => {
    expect(parseMasimoLine(NO_VALUES)).toMatchObject({
      spo2: null,
      pulseRate: null,
      perfusionIndex: null,
      spco: null,
      spmet: null,
      desat: null,
      piDelta: null,
      pvi: null,
      alarm: 0,
      exception: 0x20,
    });
  });

  it('reads a garbled or optional missing field as unknown, and skips fields it does not know', () => {
    const line = parseMasimoLine(
      '03/14/24 09:26:53 SPO2=97% BPM=6x1 PI=1.5% SPHB=13.1 ALARM=ZZ EXC=000800',
    );
    expect(line).toMatchObject({ spo2: 97, pulseRate: null, pvi: null, alarm: null });
    expect(line?.exception).toBe(0x800);
  });

  it('refuses a line that lost a field every ASCII 1 line has (a cut-short line)', () => {
    expect(parseMasimoLine('03/14/24 09:26:53 SN=0000012345 SPO2=09')).toBeNull();
    expect(parseMasimoLine(FULL.replace(' EXC=000820', ''))).toBeNull();
  });

  it('refuses what is not an ASCII 1 line', () => {
    expect(parseMasimoLine('')).toBeNull();
    expect(parseMasimoLine('SPO2=97% BPM=61')).toBeNull();
    expect(parseMasimoLine('13/14/24 09:26:53 SPO2=97% BPM=61')).toBeNull();
    expect(parseMasimoLine('03/14/24 09:26:53 hello SPO2=97%')).toBeNull();
    expect(parseMasimoLine('\u0000\u00ff garbage')).toBeNull();
  });

  it('prints lines it reads back to the same values', () => {
    const parsed = parseMasimoLine(FULL);
    expect(parsed).not.toBeNull();
    const line = formatMasimoLine(parsed!);
    expect(line).toBe(`${FULL}\r\n`);
    const blank = parseMasimoLine(NO_VALUES)!;
    expect(formatMasimoLine(blank)).toBe(`${NO_VALUES}\r\n`);
  });
});
