import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMitBih208 } from '../../../electron/station/devices/simulators/MitBihEcg.js';
import {
  decodeWaveform,
  encodeWaveform,
  WaveformCodecError,
} from '../../../electron/station/store/RiceWaveformCodec.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function roundTrips(samples: Int16Array): void {
  const decoded = decodeWaveform(encodeWaveform(samples));
  expect(decoded.length).toBe(samples.length);
  for (let i = 0; i < samples.length; i++) {
    if (decoded[i] !== samples[i]) {
      throw new Error(`sample ${i}: wrote ${samples[i]}, read ${decoded[i]}`);
    }
  }
}

const ecg = decodeMitBih208(
  readFileSync('resources/demo/mitbih-208-mlii-360hz-120s.u16le'),
).samples;

describe('RiceWaveformCodec', () => {
  it('decodes every chunk of real ECG (MIT-BIH 208) to exactly what was written', () => {
    for (const size of [360, 720, 1000]) {
      for (let s = 0; s < ecg.length; s += size) roundTrips(ecg.slice(s, s + size));
    }
  });

  it('compresses real ECG at least 3x against raw int16', () => {
    let encoded = 0;
    for (let s = 0; s < ecg.length; s += 720)
      encoded += encodeWaveform(ecg.subarray(s, s + 720)).length;
    expect((ecg.length * 2) / encoded).toBeGreaterThanOrEqual(3);
  });

  it('round-trips random signals of every shape and length (property test)', () => {
    const random = seeded(2026);
    const shapes: ((i: number, n: number) => number)[] = [
      () => Math.floor(random() * 65536) - 32768, // white noise over the full range: escapes
      (i) => (i % 2 ? 32767 : -32768), // largest possible residuals
      () => 0,
      (i) => Math.round(3000 * Math.sin(i / 9)),
      (i) => Math.round(20 * Math.sin(i / 3) + (random() - 0.5) * 8),
      (i, n) => (i < n / 2 ? -32768 : 32767),
      (i) => (Math.round(i * 37) % 65536) - 32768,
    ];
    for (let trial = 0; trial < 400; trial++) {
      const n = [0, 1, 2, 3, 63, 64, 65, 127, 129, 500, 2048][trial % 11]!;
      const shape = shapes[Math.floor(random() * shapes.length)]!;
      const mix = random() < 0.3;
      const samples = Int16Array.from({ length: n }, (_, i) =>
        mix && random() < 0.1 ? Math.floor(random() * 65536) - 32768 : shape(i, n),
      );
      roundTrips(samples);
    }
  });

  it('refuses truncated or foreign data with a codec error, never a wrong signal', () => {
    const encoded = encodeWaveform(ecg.subarray(0, 720));
    for (const cut of [1, 2, 10, Math.floor(encoded.length / 2), encoded.length - 1]) {
      expect(() => decodeWaveform(encoded.subarray(0, cut))).toThrow(WaveformCodecError);
    }
    expect(() => decodeWaveform(new Uint8Array([9, 1, 0]))).toThrow(/version 9/);
    expect(() => decodeWaveform(new Uint8Array(0))).toThrow(WaveformCodecError);
  });
});
