import { describe, expect, it } from 'vitest';
import { eraseSpans, sampleX } from '../../../renderer/src/waveforms/sweepGeometry.js';

describe('sampleX', () => {
  it('places a sample by its sequence number: ((seq / rate) mod window) / window * width', () => {
    const perSweep = 75 * 6;
    expect(sampleX(0, perSweep, 600)).toBe(0);
    expect(sampleX(225, perSweep, 600)).toBe(300);
    expect(sampleX(450, perSweep, 600)).toBe(0);
    expect(sampleX(450 * 1000 + 75, perSweep, 600)).toBeCloseTo(100, 9);
  });

  it('handles rates whose sweep is not a whole number of samples', () => {
    const perSweep = 62.5 * 7; // 437.5
    expect(sampleX(437, perSweep, 875)).toBeCloseTo(874, 9);
    expect(sampleX(438, perSweep, 875)).toBeCloseTo(1, 9);
  });
});

describe('eraseSpans', () => {
  const out = new Float64Array(4);

  it('clears nothing when the band has not moved', () => {
    expect(eraseSpans(2.5, 2.5, 100, out)).toBe(0);
    expect(eraseSpans(2.5, 2.4, 100, out)).toBe(0);
  });

  it('clears the newly uncovered columns ahead of the head', () => {
    expect(eraseSpans(3.1, 3.15, 200, out)).toBe(1);
    expect(out[0]).toBeCloseTo(20, 9);
    expect(out[1]).toBeCloseTo(30, 9);
  });

  it('splits a span that crosses the right edge', () => {
    expect(eraseSpans(4.95, 5.05, 100, out)).toBe(2);
    expect(out[0]).toBeCloseTo(95, 9);
    expect(out[1]).toBe(100);
    expect(out[2]).toBe(0);
    expect(out[3]).toBeCloseTo(5, 9);
  });

  it('never clears more than one sweep, however far the head jumped', () => {
    expect(eraseSpans(1, 9.25, 100, out)).toBe(2);
    const cleared = out[1]! - out[0]! + (out[3]! - out[2]!);
    expect(cleared).toBeCloseTo(100, 9);
  });
});
