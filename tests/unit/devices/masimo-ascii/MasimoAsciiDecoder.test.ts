/** Project-made ASCII 1 lines, written out by hand, fed to the decoder as bytes. */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../../electron/contract/domain.js';
import { MasimoAsciiDecoder } from '../../../../electron/station/devices/drivers/masimo-ascii/MasimoAsciiDecoder.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';

const CONTEXT = { bed: 'bed-3', device: 'rad7', demo: false };
const T = 1_700_000_000_000;
const SPO2 = 150456;
const PR = 149530;
const PI = 150448;

function line(fields: { spo2?: string; bpm?: string; pi?: string; alarm?: string; exc?: string }) {
  const { spo2 = '097', bpm = '072', pi = '02.50', alarm = '0000', exc = '000800' } = fields;
  return (
    `01/02/24 10:00:00 SN=0000012345 SPO2=${spo2}% BPM=${bpm} PI=${pi}% SPCO=--.-% ` +
    `SPMET=--.-% DESAT=-- PIDELTA=+-- PVI=--- ALARM=${alarm} EXC=${exc}\r\n`
  );
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function values(observations: Observation[]): Array<[number, number | null, string]> {
  return observations.map((o) => [o.code, o.value, o.status]);
}

function phases(alarms: DeviceAlarmReport[] | undefined): Array<[string, string]> {
  return (alarms ?? []).map((a) => [a.code, a.phase]);
}

describe('MasimoAsciiDecoder', () => {
  it('turns a line into SpO2, pulse rate and PI timed by arrival', () => {
    const decoder = new MasimoAsciiDecoder(CONTEXT);
    const batch = decoder.push(bytes(line({})), T);
    expect(values(batch.observations)).toEqual([
      [SPO2, 97, 'valid'],
      [PR, 72, 'valid'],
      [PI, 2.5, 'valid'],
    ]);
    expect(batch.observations[2]).toEqual({
      bed: 'bed-3',
      device: 'rad7',
      code: PI,
      value: 2.5,
      unit: '%',
      time: T,
      status: 'valid',
      demo: false,
    });
    expect(batch.waves).toEqual([]);
    expect(decoder.counters).toMatchObject({ frames: 1, discardedBytes: 0 });
  });

  it('reports dashes as invalid with no value', () => {
    const batch = new MasimoAsciiDecoder(CONTEXT).push(
      bytes(line({ spo2: '---', bpm: '---', pi: '--.--' })),
      T,
    );
    expect(values(batch.observations)).toEqual([
      [SPO2, null, 'invalid'],
      [PR, null, 'invalid'],
      [PI, null, 'invalid'],
    ]);
  });

  it('trusts no number while the sensor is off, and doubts them in pulse search', () => {
    const off = new MasimoAsciiDecoder(CONTEXT).push(bytes(line({ exc: '000020' })), T);
    expect(values(off.observations).map(([, v, s]) => [v, s])).toEqual([
      [null, 'invalid'],
      [null, 'invalid'],
      [null, 'invalid'],
    ]);
    const search = new MasimoAsciiDecoder(CONTEXT).push(bytes(line({ exc: '000808' })), T);
    expect(values(search.observations)[0]).toEqual([SPO2, 97, 'questionable']);
  });

  it('raises technical alarms for sensor off, no sensor and low perfusion, and ends them', () => {
    const decoder = new MasimoAsciiDecoder(CONTEXT);
    const start = decoder.push(bytes(line({ exc: '000025' })), T);
    expect(start.alarms).toEqual([
      {
        bed: 'bed-3',
        device: 'rad7',
        code: 'masimo.no-sensor',
        text: 'SpO₂ no sensor',
        priority: 'medium',
        kind: 'technical',
        phase: 'start',
        time: T,
      },
      expect.objectContaining({ code: 'masimo.low-perfusion', priority: 'low', phase: 'start' }),
      expect.objectContaining({ code: 'masimo.sensor-off', priority: 'medium', phase: 'start' }),
    ]);
    expect(decoder.push(bytes(line({ exc: '000025' })), T + 1000).alarms).toEqual([]);
    expect(phases(decoder.push(bytes(line({ exc: '000804' })), T + 2000).alarms)).toEqual([
      ['masimo.no-sensor', 'end'],
      ['masimo.sensor-off', 'end'],
    ]);
    expect(phases(decoder.push(bytes(line({})), T + 3000).alarms)).toEqual([
      ['masimo.low-perfusion', 'end'],
    ]);
  });

  it('raises physiological alarms from ALARM, ignoring the active and silenced summary bits', () => {
    const decoder = new MasimoAsciiDecoder(CONTEXT);
    const low = decoder.push(bytes(line({ spo2: '085', alarm: '0012' })), T);
    expect(low.alarms).toEqual([
      expect.objectContaining({
        code: 'masimo.spo2-low',
        kind: 'physiological',
        priority: 'high',
        phase: 'start',
      }),
    ]);
    expect(decoder.push(bytes(line({ alarm: '0032' })), T + 1000).alarms).toEqual([]);
    expect(phases(decoder.push(bytes(line({ alarm: '0004' })), T + 2000).alarms)).toEqual([
      ['masimo.spo2-low', 'end'],
      ['masimo.pulse-rate-high', 'start'],
    ]);
  });

  it('ignores SET mode and calibrating as alarms, keeps state through an unreadable field', () => {
    const decoder = new MasimoAsciiDecoder(CONTEXT);
    expect(decoder.push(bytes(line({ exc: '020800' })), T).alarms).toEqual([]);
    decoder.push(bytes(line({ alarm: '0002' })), T + 1000);
    expect(decoder.push(bytes(line({ alarm: 'XXXX' })), T + 2000).alarms).toEqual([]);
    expect(phases(decoder.push(bytes(line({})), T + 3000).alarms)).toEqual([
      ['masimo.spo2-low', 'end'],
    ]);
  });

  it('decodes the same whatever the split, at every byte boundary', () => {
    const stream = bytes(line({}) + line({ exc: '000020' }) + line({ alarm: '0008' }));
    const whole = new MasimoAsciiDecoder(CONTEXT).push(stream, T);
    for (let cut = 1; cut < stream.length; cut++) {
      const decoder = new MasimoAsciiDecoder(CONTEXT);
      const a = decoder.push(stream.subarray(0, cut), T);
      const b = decoder.push(stream.subarray(cut), T);
      expect(values([...a.observations, ...b.observations])).toEqual(values(whole.observations));
      expect(phases([...(a.alarms ?? []), ...(b.alarms ?? [])])).toEqual(phases(whole.alarms));
    }
  });

  it('skips and counts garbage and a truncated line, and reads the lines after them', () => {
    const decoder = new MasimoAsciiDecoder(CONTEXT);
    const truncated = line({}).slice(0, 40);
    const batch = decoder.push(bytes(`@@@\r\n${truncated}\n${line({ spo2: '095' })}`), T);
    expect(values(batch.observations)[0]).toEqual([SPO2, 95, 'valid']);
    expect(decoder.counters).toMatchObject({ frames: 1, discardedBytes: 4 + 41 });
  });

  it('never throws on binary noise, and counts overlong lines', () => {
    const decoder = new MasimoAsciiDecoder(CONTEXT);
    const noise = Uint8Array.from({ length: 5000 }, (_, i) => (i * 73 + 5) & 0xff);
    expect(() => decoder.push(noise, T)).not.toThrow();
    expect(decoder.counters.discardedBytes).toBeGreaterThan(4000);
    expect(values(decoder.push(bytes(`\n${line({})}`), T).observations)[0]).toEqual([
      SPO2,
      97,
      'valid',
    ]);
  });
});
