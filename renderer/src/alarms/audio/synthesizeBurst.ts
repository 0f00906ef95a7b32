/**
 * Turns an alarm burst into Web Audio nodes on any context, live or offline, so the sound the
 * tests render is made by the same code as the sound the ward hears.
 */
import type { AlarmBurst } from './alarmBursts.js';
import { pulsePartials } from './pulseTimbre.js';

/** Rise and fall each take this share of the effective pulse duration (the standard: 10–20 %). */
const RAMP_SHARE = 0.15;

function pulseWave(context: BaseAudioContext, fundamentalHz: number): PeriodicWave {
  const partials = pulsePartials(fundamentalHz);
  const size = Math.max(...partials.map((p) => p.harmonic)) + 1;
  const real = new Float32Array(size);
  const imag = new Float32Array(size);
  for (const partial of partials) imag[partial.harmonic] = partial.amplitude;
  return context.createPeriodicWave(real, imag);
}

/**
 * Schedules the burst's pulses from context time `start` into `output`. Linear ramps centred on
 * each pulse's half-amplitude times keep the effective duration and spacing exactly as built.
 */
export function synthesizeBurst(
  context: BaseAudioContext,
  output: AudioNode,
  burst: AlarmBurst,
  start: number,
): void {
  const wave = pulseWave(context, burst.fundamentalHz);
  for (const pulse of burst.pulses) {
    const ramp = pulse.duration * RAMP_SHARE;
    const begin = start + pulse.at - ramp / 2;
    const end = start + pulse.at + pulse.duration + ramp / 2;
    const envelope = new GainNode(context, { gain: 0 });
    envelope.gain.setValueAtTime(0, begin);
    envelope.gain.linearRampToValueAtTime(burst.gain, begin + ramp);
    envelope.gain.setValueAtTime(burst.gain, end - ramp);
    envelope.gain.linearRampToValueAtTime(0, end);
    const oscillator = new OscillatorNode(context, {
      frequency: burst.fundamentalHz,
      periodicWave: wave,
    });
    oscillator.connect(envelope).connect(output);
    oscillator.addEventListener('ended', () => envelope.disconnect(), { once: true });
    oscillator.start(begin);
    oscillator.stop(end);
  }
}
