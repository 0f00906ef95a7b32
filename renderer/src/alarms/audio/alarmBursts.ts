/**
 * The auditory alarm signals of IEC 60601-1-8 (Tables 3 and 4) as data, in seconds: when each
 * pulse of a burst starts and how long it lasts, the silence between bursts, pitch and level.
 * A pulse's `at` and `duration` are taken at half amplitude, where the standard measures the
 * effective pulse duration and the pulse spacing, so these numbers are what a meter on the
 * rendered sound reads; the synthesiser puts the rise and fall ramps around them.
 */
import type { AlarmPriority } from '../../../../electron/contract/domain.js';

export interface AlarmPulse {
  /** From the start of the burst to this pulse's rise through half amplitude. */
  at: number;
  /** Effective pulse duration: half amplitude up to half amplitude down. */
  duration: number;
}

export interface AlarmBurst {
  pulses: readonly AlarmPulse[];
  fundamentalHz: number;
  /** Silence from the end of the last pulse to the next burst's first; null: played once. */
  interBurst: number | null;
  /** Output level, 0–1; an escalated alarm is louder. */
  gain: number;
}

// High priority: effective pulse duration 75–200 ms, spacing x 50–125 ms.
const HIGH_PULSE = 0.15;
const HIGH_SPACING = 0.1;
// "2x + td" separates the group of three from the group of two: one pulse's worth of silence.
const HIGH_GROUP_GAP = 2 * HIGH_SPACING + HIGH_PULSE;
// Between the two halves of the ten pulses, 0.35–1.30 s.
const HIGH_HALF_GAP = 0.7;
// Medium and low priority: effective pulse duration 125–250 ms, spacing y 125–250 ms.
const SOFT_PULSE = 0.2;
const SOFT_SPACING = 0.2;

/** 3 + 2, pause, 3 + 2: the rhythm that tells a high-priority alarm apart by ear. */
const HIGH_GAPS = [
  HIGH_SPACING,
  HIGH_SPACING,
  HIGH_GROUP_GAP,
  HIGH_SPACING,
  HIGH_HALF_GAP,
  HIGH_SPACING,
  HIGH_SPACING,
  HIGH_GROUP_GAP,
  HIGH_SPACING,
];

/** Higher pitch for more urgency; harmonics 1–5 of each stay inside 300–4000 Hz. */
const FUNDAMENTAL_HZ: Record<AlarmPriority, number> = { high: 659.3, medium: 523.3, low: 440 };
const REMINDER_HZ = 392;

// Allowed: high 2.5–15 s, medium 2.5–30 s, low more than 15 s or not repeated.
const INTER_BURST: Record<AlarmPriority, number> = { high: 5, medium: 7, low: 20 };
const ESCALATED_INTER_BURST: Record<AlarmPriority, number> = { high: 3, medium: 4, low: 20 };

const GAIN = 0.5;
const ESCALATED_GAIN = 1;

function pulsesWithGaps(duration: number, gaps: readonly number[]): AlarmPulse[] {
  const pulses: AlarmPulse[] = [{ at: 0, duration }];
  let end = duration;
  for (const gap of gaps) {
    pulses.push({ at: end + gap, duration });
    end += gap + duration;
  }
  return pulses;
}

const PULSES: Record<AlarmPriority, readonly AlarmPulse[]> = {
  high: pulsesWithGaps(HIGH_PULSE, HIGH_GAPS),
  medium: pulsesWithGaps(SOFT_PULSE, [SOFT_SPACING, SOFT_SPACING]),
  low: pulsesWithGaps(SOFT_PULSE, [SOFT_SPACING]),
};

/** The burst the station repeats while an alarm of `priority` sounds. */
export function alarmBurst(priority: AlarmPriority, escalated: boolean): AlarmBurst {
  return {
    pulses: PULSES[priority],
    fundamentalHz: FUNDAMENTAL_HZ[priority],
    interBurst: (escalated ? ESCALATED_INTER_BURST : INTER_BURST)[priority],
    gain: escalated ? ESCALATED_GAIN : GAIN,
  };
}

/** One soft pulse, once: silence (audio off, an acknowledged alarm) must not become forgotten. */
export const reminderBurst: AlarmBurst = {
  pulses: [{ at: 0, duration: SOFT_PULSE }],
  fundamentalHz: REMINDER_HZ,
  interBurst: null,
  gain: GAIN,
};

/** From the burst's start to the end of its last pulse. */
export function burstLength(burst: AlarmBurst): number {
  const last = burst.pulses.at(-1);
  return last === undefined ? 0 : last.at + last.duration;
}

/** When the burst after one that starts at `start` starts, or null if it is not repeated. */
export function nextBurstStart(burst: AlarmBurst, start: number): number | null {
  return burst.interBurst === null ? null : start + burstLength(burst) + burst.interBurst;
}

/** Starts of the bursts played from `start` on that begin before `until`. */
export function burstStarts(burst: AlarmBurst, start: number, until: number): number[] {
  const starts: number[] = [];
  for (let at: number | null = start; at !== null && at < until; at = nextBurstStart(burst, at)) {
    starts.push(at);
  }
  return starts;
}
