/**
 * The sound of one alarm pulse: a fundamental and its harmonics 2–5, each quieter than the one
 * below but all within 15 dB of the loudest, as IEC 60601-1-8 asks (at least four harmonics in
 * 300–4000 Hz) so the pulse can be located in a room and heard through hearing loss at any one
 * pitch.
 */
const HARMONIC_AMPLITUDES: readonly number[] = [1, 0.7, 0.5, 0.35, 0.25];

export interface PulsePartial {
  /** 1 is the fundamental. */
  harmonic: number;
  frequencyHz: number;
  /** Relative to the fundamental. */
  amplitude: number;
}

export function pulsePartials(fundamentalHz: number): PulsePartial[] {
  return HARMONIC_AMPLITUDES.map((amplitude, index) => ({
    harmonic: index + 1,
    frequencyHz: fundamentalHz * (index + 1),
    amplitude,
  }));
}
