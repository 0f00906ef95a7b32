import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../../electron/contract/domain.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';
import { MasimoAsciiDecoder } from '../../../../electron/station/devices/drivers/masimo-ascii/MasimoAsciiDecoder.js';
import {
  MasimoAsciiSimulator,
  MasimoLineGenerator,
} from '../../../../electron/station/devices/drivers/masimo-ascii/MasimoAsciiSimulator.js';
import { masimoAsciiDriver } from '../../../../electron/station/devices/drivers/masimo-ascii/index.js';

const CONTEXT = { bed: 'bed-1', device: 'sim-rad7', demo: true };
const SPO2 = 150456;
const PR = 149530;

afterEach(() => {
  vi.useRealTimers();
});

function run(simulator: MasimoAsciiSimulator, ms: number) {
  const decoder = new MasimoAsciiDecoder(CONTEXT);
  const observations: Observation[] = [];
  const alarms: DeviceAlarmReport[] = [];
  const chunks: Uint8Array[] = [];
  simulator.start((bytes) => {
    chunks.push(bytes);
    const batch = decoder.push(bytes, Date.now());
    observations.push(...batch.observations);
    alarms.push(...(batch.alarms ?? []));
  });
  vi.advanceTimersByTime(ms);
  return { decoder, observations, alarms, chunks };
}

describe('MasimoLineGenerator', () => {
  it('prints one ASCII 1 line per second of device clock, repeatably for a seed', () => {
    const start = Date.UTC(2024, 4, 6, 23, 59, 59);
    const a = new MasimoLineGenerator({ seed: 3, clockStart: start });
    const b = new MasimoLineGenerator({ seed: 3, clockStart: start });
    const lines = [a.nextLine(), a.nextLine()];
    expect([b.nextLine(), b.nextLine()]).toEqual(lines);
    expect(lines[0]).toMatch(/^05\/06\/24 23:59:59 SN=\d{10} SPO2=097% BPM=072 PI=\d\d\.\d\d%/);
    expect(lines[1]).toMatch(/^05\/07\/24 00:00:00 /);
    expect(lines[0]).toMatch(/ALARM=0000 EXC=000800\r\n$/);
  });

  it('flags its own limit alarms and a removed sensor as the device does', () => {
    const generator = new MasimoLineGenerator({ spo2: 86, pulseRate: 150 });
    expect(generator.nextLine()).toContain('ALARM=0016 EXC=000800');
    generator.setSensorOff(true);
    expect(generator.nextLine()).toContain('SPO2=---% BPM=--- PI=--.--%');
    expect(generator.nextLine()).toContain('ALARM=0000 EXC=000020');
  });

  it('refuses values a Radical-7 cannot show', () => {
    expect(() => new MasimoLineGenerator({ spo2: 101 })).toThrow(RangeError);
    expect(() => new MasimoLineGenerator().setPulseRate(241)).toThrow(RangeError);
  });
});

describe('MasimoAsciiSimulator', () => {
  it('sends a line a second, whole lines, no faster than 9600 baud', () => {
    vi.useFakeTimers();
    const simulator = new MasimoAsciiSimulator({ spo2: 94, pulseRate: 81 });
    const { decoder, observations, chunks } = run(simulator, 10_000);
    simulator.stop();
    expect(decoder.counters.frames).toBe(10);
    expect(observations.filter((o) => o.code === SPO2).map((o) => o.value)).toEqual(
      Array(10).fill(94),
    );
    expect(observations.filter((o) => o.code === PR).at(-1)?.value).toBe(81);
    // A 135-byte line takes about 140 ms at 960 bytes/s: it arrives in several pieces.
    expect(chunks.length).toBeGreaterThan(20);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(960 * 0.04 + 1);
  });

  it('raises and ends device alarms as values change while it runs', () => {
    vi.useFakeTimers();
    const simulator = new MasimoAsciiSimulator();
    const decoder = new MasimoAsciiDecoder(CONTEXT);
    const alarms: DeviceAlarmReport[] = [];
    simulator.start((bytes) => alarms.push(...(decoder.push(bytes, Date.now()).alarms ?? [])));
    vi.advanceTimersByTime(2_000);
    simulator.setSpO2(85);
    vi.advanceTimersByTime(2_000);
    simulator.setSpO2(96);
    simulator.setSensorOff(true);
    vi.advanceTimersByTime(2_000);
    simulator.stop();
    expect(alarms.map((a) => [a.code, a.phase])).toEqual([
      ['masimo.spo2-low', 'start'],
      ['masimo.spo2-low', 'end'],
      ['masimo.sensor-off', 'start'],
    ]);
  });

  it('stops writing when stopped', () => {
    vi.useFakeTimers();
    const simulator = new MasimoAsciiSimulator();
    const { chunks } = run(simulator, 1_500);
    simulator.stop();
    const count = chunks.length;
    vi.advanceTimersByTime(5_000);
    expect(chunks.length).toBe(count);
  });
});

describe('masimoAsciiDriver', () => {
  it('describes the protocol and its line', () => {
    expect(masimoAsciiDriver.protocol).toBe('masimo-radical7-ascii');
    expect(masimoAsciiDriver.serialDefaults).toEqual({
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
    });
    expect(masimoAsciiDriver.lineBytesPerSecond).toBe(960);
  });

  it('has a repeatable example stream of one line a second that decodes cleanly', () => {
    const stream = masimoAsciiDriver.exampleStream(60);
    expect(masimoAsciiDriver.exampleStream(60)).toEqual(stream);
    const decoder = masimoAsciiDriver.createDecoder(CONTEXT, { send: () => undefined });
    const batch = decoder.push(stream, 0);
    expect(decoder.counters).toMatchObject({ frames: 60, discardedBytes: 0 });
    expect(batch.observations.filter((o) => o.code === SPO2)).toHaveLength(60);
  });
});
