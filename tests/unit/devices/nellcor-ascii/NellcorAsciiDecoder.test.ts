/** Project-made N-595 lines, written out by hand, fed to the decoder as bytes. */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../../electron/contract/domain.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';
import { NellcorAsciiDecoder } from '../../../../electron/station/devices/drivers/nellcor-ascii/NellcorAsciiDecoder.js';

const CONTEXT = { bed: 'bed-6', device: 'n595', demo: false };
const T = 1_700_000_000_000;
const SPO2 = 150456;
const PR = 149530;
const HEADER =
  'N-595 VERSION 1.2.0.0 CRC:3E2A SpO2 Limit: 85-100% PR Limit: 40-170BPM\r\n' +
  'TIME %SPO2 BPM PA Status\r\n';

function line(spo2 = ' 97', bpm = ' 72', pa = ' 50', ...codes: string[]): string {
  return [`05-MAR-24 10:00:00 ${spo2} ${bpm} ${pa}`, ...codes].join(' ') + '\r\n';
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function values(observations: Observation[]): Array<[number, number | null, string]> {
  return observations.map((o) => [o.code, o.value, o.status]);
}

function phases(alarms: DeviceAlarmReport[] | undefined): Array<[string, string]> {
  return (alarms ?? []).map((a) => [a.code, a.phase]);
}

describe('NellcorAsciiDecoder', () => {
  it('turns a data line into SpO2 and pulse rate timed by arrival; headers carry no values', () => {
    const decoder = new NellcorAsciiDecoder(CONTEXT);
    const batch = decoder.push(bytes(HEADER + line()), T);
    expect(values(batch.observations)).toEqual([
      [SPO2, 97, 'valid'],
      [PR, 72, 'valid'],
    ]);
    expect(batch.observations[1]).toEqual({
      bed: 'bed-6',
      device: 'n595',
      code: PR,
      value: 72,
      unit: '{beat}/min',
      time: T,
      status: 'valid',
      demo: false,
    });
    expect(decoder.counters).toMatchObject({ frames: 3, discardedBytes: 0 });
  });

  it('reports --- and a lone * as invalid, and a starred number as questionable', () => {
    const decoder = new NellcorAsciiDecoder(CONTEXT);
    expect(values(decoder.push(bytes(line('---', '  *')), T).observations)).toEqual([
      [SPO2, null, 'invalid'],
      [PR, null, 'invalid'],
    ]);
    expect(values(decoder.push(bytes(line('84*', ' 72', ' 50', 'SL')), T).observations)).toEqual([
      [SPO2, 84, 'questionable'],
      [PR, 72, 'valid'],
    ]);
  });

  it('trusts no number with the sensor off or no pulse, and doubts them in pulse search', () => {
    const decoder = new NellcorAsciiDecoder(CONTEXT);
    for (const code of ['SO', 'SD', 'LP', 'LM']) {
      expect(values(decoder.push(bytes(line(' 97', ' 72', ' 50', code)), T).observations)).toEqual([
        [SPO2, null, 'invalid'],
        [PR, null, 'invalid'],
      ]);
    }
    const search = decoder.push(bytes(line(' 97', ' 72', ' 50', 'PS')), T);
    expect(values(search.observations)[0]).toEqual([SPO2, 97, 'questionable']);
  });

  it('maps every status code to its alarm, except alarm silence, and ends them by diffing', () => {
    const decoder = new NellcorAsciiDecoder(CONTEXT);
    const all = ['AO', 'AS', 'LB', 'LM', 'LP', 'MO', 'PH', 'PL', 'PS', 'SH', 'SL', 'SD', 'SO'];
    const start = decoder.push(bytes(line(' 97', ' 72', ' 50', ...all)), T).alarms ?? [];
    expect(start.map((a) => [a.code, a.kind, a.priority])).toEqual([
      ['nellcor.AO', 'technical', 'low'],
      ['nellcor.LB', 'technical', 'low'],
      ['nellcor.LM', 'technical', 'low'],
      ['nellcor.LP', 'physiological', 'high'],
      ['nellcor.MO', 'technical', 'low'],
      ['nellcor.PH', 'physiological', 'medium'],
      ['nellcor.PL', 'physiological', 'medium'],
      ['nellcor.PS', 'technical', 'low'],
      ['nellcor.SH', 'physiological', 'medium'],
      ['nellcor.SL', 'physiological', 'high'],
      ['nellcor.SD', 'technical', 'medium'],
      ['nellcor.SO', 'technical', 'medium'],
    ]);
    expect(start.every((a) => a.phase === 'start' && a.time === T && a.bed === 'bed-6')).toBe(true);
    const next = decoder.push(bytes(line(' 97', ' 72', ' 50', 'SL', 'ZZ')), T + 2000);
    expect(phases(next.alarms)).toHaveLength(11);
    expect(phases(next.alarms).every(([, phase]) => phase === 'end')).toBe(true);
    expect(phases(decoder.push(bytes(line()), T + 4000).alarms)).toEqual([['nellcor.SL', 'end']]);
  });

  it('keeps alarm state through header lines', () => {
    const decoder = new NellcorAsciiDecoder(CONTEXT);
    decoder.push(bytes(line(' 84', ' 72', ' 50', 'SL')), T);
    expect(decoder.push(bytes(HEADER), T + 100).alarms).toEqual([]);
    expect(decoder.push(bytes(line(' 83', ' 72', ' 50', 'SL')), T + 2000).alarms).toEqual([]);
  });

  it('decodes the same whatever the split, at every byte boundary', () => {
    const stream = bytes(HEADER + line() + line('---', '---', '---', 'SO') + line());
    const whole = new NellcorAsciiDecoder(CONTEXT).push(stream, T);
    for (let cut = 1; cut < stream.length; cut++) {
      const decoder = new NellcorAsciiDecoder(CONTEXT);
      const a = decoder.push(stream.subarray(0, cut), T);
      const b = decoder.push(stream.subarray(cut), T);
      expect(values([...a.observations, ...b.observations])).toEqual(values(whole.observations));
      expect(phases([...(a.alarms ?? []), ...(b.alarms ?? [])])).toEqual(phases(whole.alarms));
      expect(decoder.counters.frames).toBe(5);
    }
  });

  it('skips and counts garbage and a truncated line, never throws on noise', () => {
    const decoder = new NellcorAsciiDecoder(CONTEXT);
    const truncated = line().slice(0, 24);
    const batch = decoder.push(bytes(`~~\n${truncated}\r\n${line(' 93')}`), T);
    expect(values(batch.observations)[0]).toEqual([SPO2, 93, 'valid']);
    expect(decoder.counters).toMatchObject({ frames: 1, discardedBytes: 3 + 25 });
    const noise = Uint8Array.from({ length: 5000 }, (_, i) => (i * 91 + 3) & 0xff);
    expect(() => decoder.push(noise, T)).not.toThrow();
  });
});
