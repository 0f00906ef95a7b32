/**
 * The bench's in-page feed, the same for every variant: 32 beds × ECG 500 Hz, pleth 125 Hz and
 * resp 62.5 Hz, all GENERATED here (PQRST bumps, a pulse with a dicrotic notch, a breathing
 * sine; a different heart and breathing rate per bed). Samples are due from the animation-frame
 * time at the real rates, floor(t · rate), so a late frame gets more of them; each stream starts
 * with one full sweep already due, so every variant draws the whole window from its first frame.
 */
import type { WaveStream } from '../../../electron/contract/domain.js';
import { Mdc } from '../../../electron/contract/mdc.js';

/** A full unit. */
export const BED_COUNT = 32;
export const SWEEP_SECONDS = 6;
export const ERASE_SECONDS = 0.2;

interface WaveKind {
  code: number;
  label: string;
  unit: string;
  sampleRate: number;
  /** Physical units per int16 step. */
  scale: number;
  displayMin: number;
  displayMax: number;
  /** One cycle of the signal, phase in [0, 1), in physical units. */
  cycle: (phase: number) => number;
  cyclesPerSecond: (bed: number) => number;
}

function bump(phase: number, centre: number, width: number, height: number): number {
  return height * Math.exp(-(((phase - centre) / width) ** 2));
}

const WAVE_KINDS: readonly WaveKind[] = [
  {
    code: Mdc.EcgII.code,
    label: 'II',
    unit: 'mV',
    sampleRate: 500,
    scale: 0.001,
    displayMin: -0.8,
    displayMax: 1.6,
    cycle: (p) =>
      bump(p, 0.18, 0.03, 0.12) +
      bump(p, 0.35, 0.01, -0.12) +
      bump(p, 0.38, 0.012, 1.15) +
      bump(p, 0.41, 0.012, -0.28) +
      bump(p, 0.62, 0.05, 0.3),
    cyclesPerSecond: (bed) => (58 + ((bed * 13) % 50)) / 60,
  },
  {
    code: Mdc.Pleth.code,
    label: 'Pleth',
    unit: '1',
    sampleRate: 125,
    scale: 0.001,
    displayMin: -0.1,
    displayMax: 1.1,
    cycle: (p) => 0.1 + bump(p, 0.22, 0.09, 0.85) + bump(p, 0.5, 0.08, 0.28),
    cyclesPerSecond: (bed) => (58 + ((bed * 13) % 50)) / 60,
  },
  {
    code: Mdc.RespImpedanceWave.code,
    label: 'Resp',
    unit: 'Ohm',
    sampleRate: 62.5,
    scale: 0.001,
    displayMin: -1.2,
    displayMax: 1.2,
    cycle: (p) => 0.9 * Math.sin(2 * Math.PI * p),
    cyclesPerSecond: (bed) => (10 + (bed % 12)) / 60,
  },
];

/** Points per tabulated cycle: sampling the table is cheaper than evaluating the shapes. */
const CYCLE_TABLE_SIZE = 4096;

function cycleTable(kind: WaveKind): Int16Array {
  const table = new Int16Array(CYCLE_TABLE_SIZE);
  for (let i = 0; i < CYCLE_TABLE_SIZE; i++) {
    table[i] = Math.round(kind.cycle(i / CYCLE_TABLE_SIZE) / kind.scale);
  }
  return table;
}

export type SegmentSink = (streamId: number, seq: number, samples: Int16Array, t0: number) => void;

export class SyntheticWard {
  readonly beds: readonly { id: string; label: string }[];
  readonly streams: readonly WaveStream[];
  private readonly tables: readonly Int16Array[];
  /** Next sequence number to hand out, per stream. */
  private readonly nextSeq: Float64Array;
  /** Epoch ms of sample 0: one sweep before the first frame. */
  private epochOfSeqZero = NaN;

  constructor(bedCount: number) {
    this.beds = Array.from({ length: bedCount }, (_, i) => ({
      id: `bed-${i + 1}`,
      label: `Bed ${i + 1}`,
    }));
    this.streams = this.beds.flatMap((bed, b) =>
      WAVE_KINDS.map((kind, w): WaveStream => ({
        streamId: b * WAVE_KINDS.length + w,
        bed: bed.id,
        device: `${bed.id}-synthetic`,
        code: kind.code,
        label: kind.label,
        sampleRate: kind.sampleRate,
        unit: kind.unit,
        scale: kind.scale,
        offset: 0,
        displayMin: kind.displayMin,
        displayMax: kind.displayMax,
        demo: true,
      })),
    );
    this.tables = WAVE_KINDS.map(cycleTable);
    this.nextSeq = new Float64Array(this.streams.length);
  }

  /** Hands `sink` every sample due `elapsedMs` after the first frame, one segment per stream. */
  advance(elapsedMs: number, sink: SegmentSink): void {
    if (Number.isNaN(this.epochOfSeqZero)) {
      this.epochOfSeqZero = Date.now() - SWEEP_SECONDS * 1000;
    }
    const seconds = elapsedMs / 1000 + SWEEP_SECONDS;
    for (let id = 0; id < this.streams.length; id++) {
      const w = id % WAVE_KINDS.length;
      const kind = WAVE_KINDS[w];
      const table = this.tables[w];
      if (kind === undefined || table === undefined) continue;
      const first = this.nextSeq[id] ?? 0;
      const due = Math.floor(seconds * kind.sampleRate);
      if (due <= first) continue;
      const cyclesPerSample =
        kind.cyclesPerSecond(Math.floor(id / WAVE_KINDS.length)) / kind.sampleRate;
      const samples = new Int16Array(due - first);
      for (let i = 0; i < samples.length; i++) {
        const cycles = (first + i) * cyclesPerSample;
        samples[i] = table[Math.floor((cycles - Math.floor(cycles)) * CYCLE_TABLE_SIZE)] ?? 0;
      }
      this.nextSeq[id] = due;
      sink(id, first, samples, this.epochOfSeqZero + (first * 1000) / kind.sampleRate);
    }
  }
}
