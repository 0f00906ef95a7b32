import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation, WaveSegment } from '../../../../electron/contract/domain.js';
import { S5Decoder } from '../../../../electron/station/devices/drivers/ge-s5/S5Decoder.js';
import {
  S5Framer,
  encodeS5Frame,
} from '../../../../electron/station/devices/drivers/ge-s5/S5FrameCodec.js';
import {
  buildS5Request,
  readS5Header,
  readS5WaveSubrecords,
  type S5Request,
} from '../../../../electron/station/devices/drivers/ge-s5/S5RecordCodec.js';
import {
  S5Monitor,
  S5Simulator,
  wavesWithinBudget,
} from '../../../../electron/station/devices/drivers/ge-s5/S5Simulator.js';
import { geS5Driver } from '../../../../electron/station/devices/drivers/ge-s5/index.js';

const CONTEXT = { bed: 'bed-9', device: 'sim-s5', demo: true };
const HR = 147842;
const SPO2 = 150456;

const NUMERICS: S5Request = { kind: 'numerics', recordType: 1, intervalSeconds: 5, classMask: 0 };
const WAVES: S5Request = { kind: 'waves', start: true, waves: [1, 4, 8, 9, 15] };

function requestFrame(request: S5Request): Uint8Array {
  return encodeS5Frame(buildS5Request(request));
}

function records(frames: Uint8Array[]): Uint8Array[] {
  const framer = new S5Framer();
  return frames.flatMap((f) => framer.push(f).map((r) => r.record));
}

function mainTypes(frames: Uint8Array[]): number[] {
  return records(frames).map((r) => readS5Header(r)?.mainType ?? -1);
}

interface Collected {
  observations: Observation[];
  waves: WaveSegment[];
}

function samplesByCode(waves: WaveSegment[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const w of waves) counts.set(w.code, (counts.get(w.code) ?? 0) + w.samples.length);
  return counts;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('S5Monitor', () => {
  it('keeps the waves of a request that fit 600 samples/s, in order, and ignores the rest', () => {
    expect(wavesWithinBudget([1, 4, 8, 9, 15])).toEqual([1, 4, 8, 9, 15]);
    expect(wavesWithinBudget([1, 2, 4])).toEqual([1, 2]);
    expect(wavesWithinBudget([4, 5, 6, 7, 9, 10, 11, 12])).toEqual([4, 5, 6, 7, 9, 10, 11, 12]);
    expect(wavesWithinBudget([1, 2, 3])).toEqual([1, 2]);
  });

  it('is silent until asked, then sends numerics at once and every interval', () => {
    const monitor = new S5Monitor({ clockStart: 1_000 });
    expect(monitor.advance(30_000)).toEqual([]);
    monitor.receive(buildS5Request(NUMERICS), 30_000);
    expect(mainTypes(monitor.advance(30_000))).toEqual([0]);
    expect(mainTypes(monitor.advance(44_999))).toEqual([0, 0]);
    monitor.receive(buildS5Request({ ...NUMERICS, intervalSeconds: 0 }), 45_000);
    expect(monitor.advance(100_000)).toEqual([]);
    monitor.receive(buildS5Request({ ...NUMERICS, intervalSeconds: -1 }), 100_000);
    expect(mainTypes(monitor.advance(200_000))).toEqual([0]);
  });

  it('starts waves within a second, flags each first subrecord as a gap, and stops on request', () => {
    const monitor = new S5Monitor();
    monitor.receive(buildS5Request(WAVES), 0);
    const frames = monitor.advance(1_000);
    expect(frames).toHaveLength(5);
    const subs = records(frames).map((r) => readS5WaveSubrecords(r, readS5Header(r)!));
    expect(subs[0]?.map((s) => [s.type, s.status, s.samples.length])).toEqual([
      [1, 1, 60],
      [4, 1, 20],
      [8, 1, 20],
      [9, 1, 5],
      [15, 1, 5],
    ]);
    expect(subs[1]?.every((s) => s.status === 0)).toBe(true);
    monitor.receive(buildS5Request({ kind: 'waves', start: false, waves: [] }), 1_000);
    expect(monitor.advance(5_000)).toEqual([]);
  });

  it('plays an ECG recording resampled to 300 Hz, in µV', () => {
    // A 360 Hz ramp at 5 µV per unit: at 300 Hz the k-th sample sits at 1.2 k, i.e. 6 k µV.
    const ramp = Int16Array.from({ length: 720 }, (_, i) => i);
    const monitor = new S5Monitor({ ecg: { samples: ramp, sampleRate: 360, mvPerUnit: 1 / 200 } });
    monitor.receive(buildS5Request({ kind: 'waves', start: true, waves: [1] }), 0);
    const [record] = records(monitor.advance(200));
    const ecg = readS5WaveSubrecords(record!, readS5Header(record!)!)[0];
    expect(ecg?.samples.length).toBe(60);
    expect([...(ecg?.samples.slice(0, 5) ?? [])]).toEqual([0, 6, 12, 18, 24]);
  });

  it('refuses vitals it cannot show', () => {
    expect(() => new S5Monitor({ heartRate: 400 })).toThrow(RangeError);
    expect(() => new S5Monitor({ spo2: 101 })).toThrow(RangeError);
    expect(
      () => new S5Monitor({ ecg: { samples: new Int16Array(1), sampleRate: 360, mvPerUnit: 1 } }),
    ).toThrow(RangeError);
  });
});

describe('S5Simulator', () => {
  it('writes nothing until the station asks', () => {
    vi.useFakeTimers();
    const simulator = new S5Simulator();
    const written: Uint8Array[] = [];
    simulator.start((b) => written.push(b));
    vi.advanceTimersByTime(3_000);
    expect(written).toEqual([]);
    simulator.stop();
  });

  it('answers the requests at the real rates, never faster than the 19200 8E1 line', () => {
    vi.useFakeTimers();
    const simulator = new S5Simulator({ heartRate: 64 });
    const decoder = new S5Decoder(CONTEXT, { send: () => undefined });
    const perSecond = new Map<number, number>();
    const startedAt = Date.now();
    const got: Collected = { observations: [], waves: [] };
    simulator.start((bytes) => {
      const second = Math.floor((Date.now() - startedAt) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + bytes.length);
      const batch = decoder.push(bytes, Date.now());
      got.observations.push(...batch.observations);
      got.waves.push(...batch.waves);
    });
    simulator.receive(requestFrame(NUMERICS));
    simulator.receive(requestFrame(WAVES));
    vi.advanceTimersByTime(20_000);
    simulator.stop();
    const busiest = Math.max(...perSecond.values());
    expect(busiest).toBeLessThanOrEqual(1745 + 35);
    expect(got.observations.filter((o) => o.code === HR).map((o) => o.value)).toEqual([
      64, 64, 64, 64,
    ]);
    const counts = samplesByCode(got.waves);
    // 20 s less the first record's 200 ms, less what the line still holds.
    expect(counts.get(131330)).toBeGreaterThanOrEqual(300 * 19.5);
    expect(counts.get(150036)).toBeGreaterThanOrEqual(100 * 19.5);
    expect(counts.get(151700)).toBeGreaterThanOrEqual(25 * 19.5);
    expect(decoder.counters).toMatchObject({ checksumErrors: 0, discardedBytes: 0, sampleGaps: 0 });
  });

  it('round-trips with the driver decoder: requests out over io.send, values as set', () => {
    vi.useFakeTimers();
    const simulator = geS5Driver.createSimulator({ seed: 4, heartRate: 88, spo2: 93 });
    const decoder = geS5Driver.createDecoder(CONTEXT, { send: (b) => simulator.receive?.(b) });
    const observations: Observation[] = [];
    simulator.start((bytes) => observations.push(...decoder.push(bytes, Date.now()).observations));
    decoder.connected?.(Date.now());
    vi.advanceTimersByTime(4_000);
    expect(observations.filter((o) => o.code === HR).at(-1)?.value).toBe(88);
    expect(observations.filter((o) => o.code === SPO2).at(-1)?.value).toBe(93);
    expect(decoder.associating).toBe(false);
    const s5 = simulator as S5Simulator;
    s5.setHeartRate(121);
    s5.setSpO2(89);
    vi.advanceTimersByTime(5_000);
    simulator.stop();
    expect(observations.filter((o) => o.code === HR).at(-1)?.value).toBe(121);
    expect(observations.filter((o) => o.code === SPO2).at(-1)?.value).toBe(89);
  });
});

describe('geS5Driver', () => {
  it('describes the protocol, its line and its rate', () => {
    expect(geS5Driver.protocol).toBe('ge-s5-dri');
    expect(geS5Driver.serialDefaults).toEqual({
      baudRate: 19200,
      dataBits: 8,
      parity: 'even',
      stopBits: 1,
      flowControl: 'rtscts',
    });
    expect(geS5Driver.lineBytesPerSecond).toBe(1745);
  });

  it('has a repeatable example stream that fits the line and decodes cleanly', () => {
    const stream = geS5Driver.exampleStream(30);
    expect(geS5Driver.exampleStream(30)).toEqual(stream);
    expect(stream.length / 30).toBeLessThan(geS5Driver.lineBytesPerSecond);
    const decoder = geS5Driver.createDecoder(CONTEXT, { send: () => undefined });
    const batch = decoder.push(stream, 0);
    const counts = samplesByCode(batch.waves);
    expect([...counts.values()]).toEqual([9000, 3000, 3000, 750, 750]);
    expect(batch.observations.filter((o) => o.code === HR)).toHaveLength(7);
    expect(decoder.counters).toMatchObject({ frames: 157, checksumErrors: 0, discardedBytes: 0 });
  });
});
