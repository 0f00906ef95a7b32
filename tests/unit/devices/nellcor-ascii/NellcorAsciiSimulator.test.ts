import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../../electron/contract/domain.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';
import { NellcorAsciiDecoder } from '../../../../electron/station/devices/drivers/nellcor-ascii/NellcorAsciiDecoder.js';
import {
  NellcorAsciiSimulator,
  NellcorLineGenerator,
} from '../../../../electron/station/devices/drivers/nellcor-ascii/NellcorAsciiSimulator.js';
import { nellcorAsciiDriver } from '../../../../electron/station/devices/drivers/nellcor-ascii/index.js';

const CONTEXT = { bed: 'bed-2', device: 'sim-n595', demo: true };
const SPO2 = 150456;

afterEach(() => {
  vi.useRealTimers();
});

describe('NellcorLineGenerator', () => {
  it('prints the header, a line every 2 s of device clock, and the header again after 25', () => {
    const generator = new NellcorLineGenerator({ clockStart: Date.UTC(2024, 0, 31, 23, 59, 58) });
    const outputs = Array.from({ length: 27 }, () => generator.nextOutput());
    expect(outputs[0]).toMatch(
      /^N-595 VERSION .*\r\nTIME %SPO2 BPM PA Status\r\n31-JAN-24 23:59:58 /,
    );
    expect(outputs[1]).toMatch(/^01-FEB-24 00:00:00 {2}97 {2}72 {1,2}\d+\r\n$/);
    expect(outputs.filter((o) => o.includes('TIME %SPO2'))).toHaveLength(2);
    expect(outputs[25]).toMatch(/^N-595 VERSION/);
  });

  it('prints its limit alarms and SO with dashes when the sensor is off', () => {
    const generator = new NellcorLineGenerator({ spo2: 82, pulseRate: 180 });
    expect(generator.nextOutput()).toMatch(/ {2}82 180 +\d+ SL PH\r\n$/);
    generator.setSensorOff(true);
    expect(generator.nextOutput()).toMatch(/--- --- --- SO\r\n$/);
  });
});

describe('NellcorAsciiSimulator', () => {
  it('sends a data line every 2 s, paced to 9600 baud, with headers every 25 lines', () => {
    vi.useFakeTimers();
    const simulator = new NellcorAsciiSimulator({ spo2: 95 });
    const decoder = new NellcorAsciiDecoder(CONTEXT);
    const observations: Observation[] = [];
    const chunks: Uint8Array[] = [];
    simulator.start((bytes) => {
      chunks.push(bytes);
      observations.push(...decoder.push(bytes, Date.now()).observations);
    });
    vi.advanceTimersByTime(60_000);
    simulator.stop();
    const spo2 = observations.filter((o) => o.code === SPO2);
    expect(spo2).toHaveLength(30);
    expect(new Set(spo2.map((o) => o.value))).toEqual(new Set([95]));
    // 30 data lines and 2 headers of 2 lines each.
    expect(decoder.counters).toMatchObject({ frames: 34, discardedBytes: 0 });
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(960 * 0.04 + 1);
  });

  it('raises and ends device alarms as values change while it runs', () => {
    vi.useFakeTimers();
    const simulator = new NellcorAsciiSimulator();
    const decoder = new NellcorAsciiDecoder(CONTEXT);
    const alarms: DeviceAlarmReport[] = [];
    simulator.start((bytes) => alarms.push(...(decoder.push(bytes, Date.now()).alarms ?? [])));
    vi.advanceTimersByTime(3_000);
    simulator.setPulseRate(35);
    vi.advanceTimersByTime(4_000);
    simulator.setPulseRate(70);
    vi.advanceTimersByTime(4_000);
    simulator.setSpO2(83);
    vi.advanceTimersByTime(4_000);
    simulator.setSensorOff(true);
    vi.advanceTimersByTime(4_000);
    simulator.stop();
    expect(alarms.map((a) => [a.code, a.phase])).toEqual([
      ['nellcor.PL', 'start'],
      ['nellcor.PL', 'end'],
      ['nellcor.SL', 'start'],
      ['nellcor.SL', 'end'],
      ['nellcor.SO', 'start'],
    ]);
  });
});

describe('nellcorAsciiDriver', () => {
  it('describes the protocol and its line', () => {
    expect(nellcorAsciiDriver.protocol).toBe('nellcor-n595-ascii');
    expect(nellcorAsciiDriver.serialDefaults).toMatchObject({ baudRate: 9600, parity: 'none' });
    expect(nellcorAsciiDriver.lineBytesPerSecond).toBe(960);
  });

  it('has a repeatable example stream that decodes cleanly', () => {
    const stream = nellcorAsciiDriver.exampleStream(60);
    expect(nellcorAsciiDriver.exampleStream(60)).toEqual(stream);
    const decoder = nellcorAsciiDriver.createDecoder(CONTEXT, { send: () => undefined });
    const batch = decoder.push(stream, 0);
    expect(batch.observations.filter((o) => o.code === SPO2)).toHaveLength(30);
    expect(decoder.counters).toMatchObject({ frames: 34, discardedBytes: 0 });
  });
});
