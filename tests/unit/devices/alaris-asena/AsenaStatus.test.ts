/**
 * The INF fields of the first case are a reply OpenICE logged from a real Asena (CRC DB9D
 * reproduces); the INF_VTBI form is the OpenICE set command's (CRC 4433); the rest is
 * project-made.
 */
import { describe, expect, it } from 'vitest';
import {
  asenaState,
  parseAlarmReply,
  parseStatusReply,
  parseVtbiReply,
} from '../../../../electron/station/devices/drivers/alaris-asena/AsenaStatus.js';

const LOGGED_INF =
  'INF^8002-51733^A^HLD^0.00^ml/h^^0.969^ml^530.15^mmHg^00:04:09^EVENT^214725'.split('^');

function inf(mode: string, rate: string, drug = 'Propofol 1%', volume = '3.250'): string[] {
  return [
    'INF',
    '8002-10001',
    '-',
    mode,
    rate,
    'ml/h',
    drug,
    volume,
    'ml',
    '17.91',
    'mmHg',
    '00:10:00',
    'EVENT',
    '7',
  ];
}

describe('parseStatusReply', () => {
  it('reads the logged reply of a pump on hold', () => {
    const status = parseStatusReply(LOGGED_INF);
    expect(status).toEqual({ mode: 'HLD', rateMlPerH: 0, drug: null, volumeInfusedMl: 0.969 });
    expect(asenaState(status, null)).toBe('paused');
  });

  it('reads rate, drug and volume infused', () => {
    expect(parseStatusReply(inf('SET', '12.50'))).toEqual({
      mode: 'SET',
      rateMlPerH: 12.5,
      drug: 'Propofol 1%',
      volumeInfusedMl: 3.25,
    });
  });

  it('reports values in units it does not convert, and missing fields, as missing', () => {
    const odd = inf('SET', '2.00');
    odd[5] = 'mg/h';
    odd[8] = 'l';
    expect(parseStatusReply(odd)).toMatchObject({ rateMlPerH: null, volumeInfusedMl: null });
    expect(parseStatusReply(['INF'])).toEqual({
      mode: '',
      rateMlPerH: null,
      drug: null,
      volumeInfusedMl: null,
    });
  });
});

describe('parseVtbiReply', () => {
  it('reads an active volume to be infused', () => {
    expect(parseVtbiReply('INF_VTBI^ACTIV^11.000^ml^STOP'.split('^'))).toBe(11);
  });

  it('is null when deactivated, empty or in another unit', () => {
    expect(parseVtbiReply(['INF_VTBI', 'DEACT'])).toBeNull();
    expect(parseVtbiReply(['INF_VTBI', 'ACTIV', '', 'ml'])).toBeNull();
    expect(parseVtbiReply(['INF_VTBI', 'ACTIV', '5', 'l'])).toBeNull();
  });
});

describe('parseAlarmReply', () => {
  it('is null for AL_NOALM, as OpenICE simulates it', () => {
    expect(parseAlarmReply(['ALARM', 'AL_NOALM', ' ', ' '])).toBeNull();
  });

  it.each([
    ['AL_OCCLU', 'high'],
    ['AL_EMBAT', 'high'],
    ['AL_LWBAT', 'medium'],
    ['AL_VTBIS', 'medium'],
    ['AL_NEOIN', 'low'],
    ['AL_VTBIK', 'low'],
  ])('maps %s to %s priority', (code, priority) => {
    expect(parseAlarmReply(['ALARM', code, ' ', ''])).toMatchObject({ code, priority });
  });

  it('still alarms, at medium priority, on a code it does not know', () => {
    expect(parseAlarmReply(['ALARM', 'AL_TITNC', 'TITRATION', ''])).toEqual({
      code: 'AL_TITNC',
      text: 'titration',
      priority: 'medium',
    });
    expect(parseAlarmReply(['ALARM', 'AL_XYZ'])).toMatchObject({ text: 'pump alarm AL_XYZ' });
  });
});

describe('asenaState', () => {
  const running = parseStatusReply(inf('SET', '4.00'));
  const alarm = (code: string): ReturnType<typeof parseAlarmReply> =>
    parseAlarmReply(['ALARM', code]);

  it.each([
    ['running', running, null, 'infusing'],
    ['running, near end', running, 'AL_NEOIN', 'infusing'],
    ['volume delivered, KVO', parseStatusReply(inf('SET', '0.50')), 'AL_VTBIK', 'kvo'],
    ['end of infusion, KVO', running, 'AL_EOIKV', 'kvo'],
    ['volume delivered, stopped', parseStatusReply(inf('SET', '0.00')), 'AL_VTBIS', 'complete'],
    ['on hold with an occlusion', parseStatusReply(inf('HLD', '0.00')), 'AL_OCCLU', 'paused'],
    ['rate zero', parseStatusReply(inf('SET', '0.00')), null, 'paused'],
    ['rate unreadable', parseStatusReply(inf('SET', '')), null, 'unknown'],
  ] as const)('%s → %s', (_name, status, code, state) => {
    expect(asenaState(status, code === null ? null : alarm(code))).toBe(state);
  });
});
