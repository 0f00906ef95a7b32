/**
 * Renders the alarm sound of a priority into samples with an OfflineAudioContext, through the
 * same burst builder and synthesiser the live player uses, so a test can measure what the ward
 * would hear without a sound card or real time passing.
 */
import type { AlarmPriority } from '../../../../electron/contract/domain.js';
import { alarmBurst, burstStarts } from './alarmBursts.js';
import { synthesizeBurst } from './synthesizeBurst.js';

/** Nyquist 12 kHz: the fifth harmonic of the highest pitch (3.3 kHz) is rendered cleanly. */
const SAMPLE_RATE = 24_000;
/** The first burst starts here, so its first rise ramp is wholly inside the rendering. */
export const RENDER_LEAD_IN_S = 0.1;

export interface RenderedAlarm {
  sampleRate: number;
  /** Mono; the first burst's first pulse reaches half amplitude at RENDER_LEAD_IN_S. */
  samples: Float32Array;
}

export async function renderAlarmOffline(
  priority: AlarmPriority,
  seconds: number,
  escalated = false,
): Promise<RenderedAlarm> {
  const context = new OfflineAudioContext(1, Math.ceil(seconds * SAMPLE_RATE), SAMPLE_RATE);
  const burst = alarmBurst(priority, escalated);
  for (const start of burstStarts(burst, RENDER_LEAD_IN_S, seconds)) {
    synthesizeBurst(context, context.destination, burst, start);
  }
  const rendered = await context.startRendering();
  return { sampleRate: SAMPLE_RATE, samples: rendered.getChannelData(0) };
}
