/**
 * The alarm sound as data, against IEC 60601-1-8 Tables 3 and 4: pulses per burst, the high
 * priority 3+2 / 3+2 rhythm and its spacing, effective pulse durations, the silence between
 * bursts, and the harmonics of each pulse. The ranges are the standard's, not this code's numbers.
 */
import { describe, expect, it } from 'vitest';
import type { AlarmPriority, AlarmSignalState } from '../../../electron/contract/domain.js';
import {
  alarmBurst,
  burstLength,
  burstStarts,
  nextBurstStart,
  reminderBurst,
  type AlarmBurst,
} from '../../../renderer/src/alarms/audio/alarmBursts.js';
import { alarmSoundFor } from '../../../renderer/src/alarms/audio/alarmSoundFor.js';
import { pulsePartials } from '../../../renderer/src/alarms/audio/pulseTimbre.js';

/** Silence between the end of each pulse and the start of the next. */
function spacings(burst: AlarmBurst): number[] {
  return burst.pulses.slice(1).map((pulse, i) => {
    const previous = burst.pulses[i]!;
    return pulse.at - (previous.at + previous.duration);
  });
}

function decibels(amplitude: number, reference: number): number {
  return 20 * Math.log10(amplitude / reference);
}

const signals = (overrides: Partial<AlarmSignalState>): AlarmSignalState => ({
  sounding: null,
  escalated: false,
  audioPausedUntil: null,
  bedAudioPausedUntil: {},
  audioOff: false,
  reminderAt: null,
  audioPauseSeconds: 120,
  ...overrides,
});

describe('alarm bursts', () => {
  it('high priority: ten pulses of 75–200 ms in 3+2, a pause, 3+2', () => {
    for (const escalated of [false, true]) {
      const burst = alarmBurst('high', escalated);
      expect(burst.pulses).toHaveLength(10);
      for (const pulse of burst.pulses) {
        expect(pulse.duration).toBeGreaterThanOrEqual(0.075);
        expect(pulse.duration).toBeLessThanOrEqual(0.2);
      }
      const gaps = spacings(burst);
      const td = burst.pulses[0]!.duration;
      const x = gaps[0]!;
      expect(x).toBeGreaterThanOrEqual(0.05);
      expect(x).toBeLessThanOrEqual(0.125);
      // Pulse spacing per position: x between pulses of a group, 2x + td between groups.
      const expected = [x, x, 2 * x + td, x, undefined, x, x, 2 * x + td, x];
      gaps.forEach((gap, i) => {
        const want = expected[i];
        if (want === undefined) {
          expect(gap).toBeGreaterThanOrEqual(0.35);
          expect(gap).toBeLessThanOrEqual(1.3);
        } else {
          expect(gap).toBeCloseTo(want, 9);
        }
      });
    }
  });

  it('high priority repeats after 2.5–15 s, sooner and louder when escalated', () => {
    const normal = alarmBurst('high', false);
    const escalated = alarmBurst('high', true);
    for (const burst of [normal, escalated]) {
      expect(burst.interBurst).toBeGreaterThanOrEqual(2.5);
      expect(burst.interBurst).toBeLessThanOrEqual(15);
    }
    expect(escalated.interBurst!).toBeLessThan(normal.interBurst!);
    expect(escalated.gain).toBeGreaterThan(normal.gain);
    expect(escalated.gain).toBeLessThanOrEqual(1);
  });

  it('medium priority: three pulses of 125–250 ms, spaced 125–250 ms, every 2.5–30 s', () => {
    for (const escalated of [false, true]) {
      const burst = alarmBurst('medium', escalated);
      expect(burst.pulses).toHaveLength(3);
      for (const pulse of burst.pulses) {
        expect(pulse.duration).toBeGreaterThanOrEqual(0.125);
        expect(pulse.duration).toBeLessThanOrEqual(0.25);
      }
      for (const gap of spacings(burst)) {
        expect(gap).toBeGreaterThanOrEqual(0.125);
        expect(gap).toBeLessThanOrEqual(0.25);
      }
      expect(burst.interBurst).toBeGreaterThanOrEqual(2.5);
      expect(burst.interBurst).toBeLessThanOrEqual(30);
    }
  });

  it('low priority: one or two pulses of 125–250 ms, not repeated within 15 s', () => {
    const burst = alarmBurst('low', false);
    expect(burst.pulses.length).toBeGreaterThanOrEqual(1);
    expect(burst.pulses.length).toBeLessThanOrEqual(2);
    for (const pulse of burst.pulses) {
      expect(pulse.duration).toBeGreaterThanOrEqual(0.125);
      expect(pulse.duration).toBeLessThanOrEqual(0.25);
    }
    for (const gap of spacings(burst)) {
      expect(gap).toBeGreaterThanOrEqual(0.125);
      expect(gap).toBeLessThanOrEqual(0.25);
    }
    if (burst.interBurst !== null) expect(burst.interBurst).toBeGreaterThan(15);
  });

  it('the reminder is one soft pulse, played once', () => {
    expect(reminderBurst.pulses).toHaveLength(1);
    expect(reminderBurst.interBurst).toBeNull();
    expect(burstStarts(reminderBurst, 1, 100)).toEqual([1]);
  });

  it('pitches the priorities apart, high highest, all fundamentals in 150–1000 Hz', () => {
    const pitch = (p: AlarmPriority) => alarmBurst(p, false).fundamentalHz;
    for (const p of ['high', 'medium', 'low'] as const) {
      expect(pitch(p)).toBeGreaterThanOrEqual(150);
      expect(pitch(p)).toBeLessThanOrEqual(1000);
    }
    expect(reminderBurst.fundamentalHz).toBeGreaterThanOrEqual(150);
    expect(pitch('high')).toBeGreaterThan(pitch('medium'));
    expect(pitch('medium')).toBeGreaterThan(pitch('low'));
  });

  it('repeats a burst from the end of its last pulse plus the inter-burst silence', () => {
    const burst = alarmBurst('medium', false);
    const length = burstLength(burst);
    const last = burst.pulses.at(-1)!;
    expect(length).toBeCloseTo(last.at + last.duration, 9);
    expect(nextBurstStart(burst, 2)).toBeCloseTo(2 + length + burst.interBurst!, 9);
    const starts = burstStarts(burst, 0, 20);
    expect(starts).toHaveLength(3);
    expect(starts[2]).toBeCloseTo(2 * (length + burst.interBurst!), 9);
    expect(burstStarts(burst, 5, 5)).toEqual([]);
  });
});

describe('pulse timbre', () => {
  it('has at least four harmonics in 300–4000 Hz within 15 dB of the loudest, for every pitch', () => {
    const fundamentals = [
      ...(['high', 'medium', 'low'] as const).map((p) => alarmBurst(p, false).fundamentalHz),
      reminderBurst.fundamentalHz,
    ];
    for (const fundamental of fundamentals) {
      const partials = pulsePartials(fundamental);
      expect(partials[0]).toMatchObject({ harmonic: 1, frequencyHz: fundamental });
      const loudest = Math.max(...partials.map((p) => p.amplitude));
      const counted = partials.filter(
        (p) =>
          p.frequencyHz >= 300 && p.frequencyHz <= 4000 && decibels(p.amplitude, loudest) >= -15,
      );
      expect(counted.length).toBeGreaterThanOrEqual(4);
      for (const p of partials) expect(p.frequencyHz).toBe(fundamental * p.harmonic);
    }
  });
});

describe('alarmSoundFor', () => {
  it('sounds what the engine says, escalated only for a high-priority sound', () => {
    expect(alarmSoundFor(signals({ sounding: 'high', escalated: true }), 'connected')).toEqual({
      priority: 'high',
      escalated: true,
    });
    expect(alarmSoundFor(signals({ sounding: 'medium', escalated: true }), 'connected')).toEqual({
      priority: 'medium',
      escalated: false,
    });
    expect(alarmSoundFor(signals({ sounding: null }), 'connected')).toBeNull();
    expect(alarmSoundFor(null, 'connecting')).toBeNull();
  });

  it('sounds a medium technical alarm while the engine is out of reach', () => {
    expect(alarmSoundFor(null, 'lost')).toEqual({ priority: 'medium', escalated: false });
  });
});
