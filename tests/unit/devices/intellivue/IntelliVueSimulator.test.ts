import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WaveSegment } from '../../../../electron/contract/domain.js';
import { Mdc } from '../../../../electron/contract/mdc.js';
import { intellivueMibDriver } from '../../../../electron/station/devices/drivers/intellivue/index.js';
import { IntelliVueDecoder } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueDecoder.js';
import { IntelliVueFramer } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';
import {
  encodeAssociationRequest,
  encodeMdsCreateResult,
  parseDataExportMessage,
} from '../../../../electron/station/devices/drivers/intellivue/IntelliVueMessages.js';
import { STATION_ASSOCIATION } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueSession.js';
import {
  CaptureReplay,
  IntelliVueSimulator,
} from '../../../../electron/station/devices/drivers/intellivue/IntelliVueSimulator.js';
import { encodeIntelliVueFrame } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';
import { CAPTURE, captureWireFrames } from './intellivueTestBytes.js';

const CONTEXT = { bed: 'sim', device: 'sim', demo: true };

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function decodeAll(bytes: Uint8Array): { decoder: IntelliVueDecoder; waves: WaveSegment[] } {
  const decoder = new IntelliVueDecoder(CONTEXT, { send: () => undefined });
  const waves: WaveSegment[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    waves.push(...decoder.push(bytes.subarray(i, i + 8192), i).waves);
  }
  return { decoder, waves };
}

function contiguous(segments: WaveSegment[]): boolean {
  return segments.every((s, i) => {
    const previous = segments[i - 1];
    return !previous || s.seq === previous.seq + previous.samples.length;
  });
}

function wireFrameCount(bytes: Uint8Array): number {
  return bytes.filter((b) => b === 0xc1).length;
}

function ofCode(waves: WaveSegment[], code: number): WaveSegment[] {
  return waves.filter((w) => w.code === code);
}

describe('CaptureReplay (REAL capture as a schedule)', () => {
  it('starts with the captured accept and MDS Create event, byte for byte', () => {
    const [accept, mds] = captureWireFrames();
    if (!accept || !mds) throw new Error('no opening');
    expect(new CaptureReplay(CAPTURE).opening).toEqual(concat([accept, mds]));
  });

  it('paces poll results by the monitor clock: about four wave polls a second', () => {
    const replay = new CaptureReplay(CAPTURE);
    const firstTenSeconds = replay.takeDue(10_000);
    const messages = firstTenSeconds.map((f) =>
      parseDataExportMessage(new IntelliVueFramer().push(f)[0] ?? new Uint8Array()),
    );
    const wavePolls = messages.filter((m) => m.kind === 'poll-result' && m.objectClass === 9);
    expect(wavePolls.length).toBeGreaterThanOrEqual(39);
    expect(wavePolls.length).toBeLessThanOrEqual(41);
    expect(messages.every((m) => m.kind === 'poll-result')).toBe(true);
  });

  it('loops with the monitor clock running on, so the waves stay contiguous', () => {
    const replay = new CaptureReplay(CAPTURE);
    const { decoder, waves } = decodeAll(concat([replay.opening, ...replay.takeDue(800_000)]));
    expect(decoder.counters).toMatchObject({ checksumErrors: 0, sampleGaps: 0 });
    const ecg = ofCode(waves, Mdc.EcgII.code);
    expect(contiguous(ecg)).toBe(true);
    // Two full loops and a part of a third: 3 × 1,435 polls would be 367 s each.
    expect(ecg.length).toBeGreaterThan(2 * 1435);
    expect(contiguous(ofCode(waves, Mdc.Pleth.code))).toBe(true);
  });

  it('restarts for a new association mid-loop with the monitor clock still running forward', () => {
    const replay = new CaptureReplay(CAPTURE);
    const first = concat([replay.opening, ...replay.takeDue(100_000)]);
    replay.rewind();
    const second = concat([replay.opening, ...replay.takeDue(400_000)]);
    const { decoder, waves } = decodeAll(concat([first, second]));
    // The one gap is the new association itself; no poll of the second run is dropped as old.
    expect(decoder.counters).toMatchObject({ checksumErrors: 0, sampleGaps: 4 });
    const ecg = ofCode(waves, Mdc.EcgII.code);
    const restart = ecg.findIndex((s, i) => i > 0 && s.seq !== (ecg[i - 1]?.seq ?? 0) + 64);
    expect(restart).toBeGreaterThan(0);
    expect(contiguous(ecg.slice(restart))).toBe(true);
    expect((ecg.length - restart) * 0.256).toBeCloseTo(400, -1);
  });

  it('writes a recorded ECG into lead II, scaled as the monitor scales lead II', () => {
    // A 360 Hz ramp of 1 µV-ish steps: −1 mV … +1 mV over 400 samples (mvPerUnit 0.005).
    const samples = Int16Array.from({ length: 400 }, (_, i) => i - 200);
    const replay = new CaptureReplay(CAPTURE, { samples, sampleRate: 360, mvPerUnit: 0.005 });
    const { waves } = decodeAll(concat([replay.opening, ...replay.takeDue(5_000)]));
    const leadII = ofCode(waves, Mdc.EcgII.code);
    const physical = leadII.flatMap((s) => [...s.samples].map((x) => x * s.scale + s.offset));
    physical.forEach((mv, n) => {
      const position = ((n * 360) / 250) % 400;
      const before = Math.floor(position);
      const a = (samples[before] ?? 0) * 0.005;
      const b = (samples[(before + 1) % 400] ?? 0) * 0.005;
      expect(mv).toBeCloseTo(a + (b - a) * (position - before), 2);
    });
    // The other leads are the capture's.
    const original = decodeAll(
      concat([replay.opening, ...new CaptureReplay(CAPTURE).takeDue(5_000)]),
    );
    const samplesOf = (segments: WaveSegment[]): number[][] =>
      segments.map((w) => [w.seq, ...w.samples]);
    expect(samplesOf(ofCode(waves, Mdc.EcgV.code))).toEqual(
      samplesOf(ofCode(original.waves, Mdc.EcgV.code)),
    );
  });
});

describe('IntelliVueSimulator', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers an association request and replays once the MDS Create result arrives', () => {
    vi.useFakeTimers();
    const written: Uint8Array[] = [];
    const sim = new IntelliVueSimulator({ capture: CAPTURE });
    sim.start((bytes) => written.push(bytes));
    vi.advanceTimersByTime(1_000);
    expect(written).toEqual([]);
    sim.receive(encodeIntelliVueFrame(encodeAssociationRequest(STATION_ASSOCIATION)));
    vi.advanceTimersByTime(1_000);
    const [accept, mds] = captureWireFrames();
    if (!accept || !mds) throw new Error('no opening');
    expect(concat(written)).toEqual(concat([accept, mds]));
    written.length = 0;
    vi.advanceTimersByTime(2_000);
    expect(written).toEqual([]);
    sim.receive(encodeIntelliVueFrame(encodeMdsCreateResult(1, 0)));
    vi.advanceTimersByTime(10_000);
    const bytes = concat(written);
    // Paced: never more than the line carries.
    expect(bytes.length).toBeLessThanOrEqual(10 * 11_520);
    const { waves } = decodeAll(bytes);
    const seconds = ofCode(waves, Mdc.EcgII.code).reduce((n, s) => n + s.samples.length, 0) / 250;
    expect(seconds).toBeGreaterThan(9);
    expect(seconds).toBeLessThanOrEqual(10.3);
    sim.stop();
  });

  it('streams to the station decoder that drives it, without gaps', () => {
    vi.useFakeTimers();
    const sim = intellivueMibDriver.createSimulator({});
    const decoder = intellivueMibDriver.createDecoder(CONTEXT, { send: (b) => sim.receive?.(b) });
    const waves: WaveSegment[] = [];
    sim.start((bytes) => waves.push(...decoder.push(bytes, Date.now()).waves));
    decoder.connected?.(Date.now());
    for (let i = 0; i < 40; i++) {
      vi.advanceTimersByTime(500);
      decoder.tick?.(Date.now());
    }
    sim.stop();
    expect(decoder.associating).toBe(false);
    expect(decoder.counters).toMatchObject({ checksumErrors: 0, sampleGaps: 0 });
    const ecg = ofCode(waves, Mdc.EcgII.code);
    expect(contiguous(ecg)).toBe(true);
    expect(ecg.reduce((n, s) => n + s.samples.length, 0) / 250).toBeGreaterThan(18);
    expect(waves.every((w) => w.demo)).toBe(true);
  });
});

describe('intellivueMibDriver', () => {
  it('describes a 115,200-baud 8N1 line with no flow control', () => {
    expect(intellivueMibDriver).toMatchObject({
      protocol: 'philips-intellivue-mib',
      serialDefaults: {
        baudRate: 115_200,
        dataBits: 8,
        parity: 'none',
        stopBits: 1,
        flowControl: 'none',
      },
      lineBytesPerSecond: 11_520,
    });
  });

  it('gives the real capture as its example stream, looping when asked for more', () => {
    const tenSeconds = intellivueMibDriver.exampleStream(10);
    expect(intellivueMibDriver.exampleStream(10)).toEqual(tenSeconds);
    // The capture's frames in order, without the GET and SET results (frames 7 and 8), which
    // answered the capturing client's own requests.
    const captured = captureWireFrames().filter((_, i) => i !== 6 && i !== 7);
    expect(tenSeconds).toEqual(concat(captured.slice(0, wireFrameCount(tenSeconds))));
    const { waves, decoder } = decodeAll(intellivueMibDriver.exampleStream(400));
    expect(decoder.counters).toMatchObject({ checksumErrors: 0, sampleGaps: 0 });
    const seconds = ofCode(waves, Mdc.EcgII.code).reduce((n, s) => n + s.samples.length, 0) / 250;
    expect(seconds).toBeGreaterThan(398);
    expect(seconds).toBeLessThan(401);
  });
});
