/** The rows the live-waveform bench reports, with the targets of issue 7. */
import type { BenchRow } from '../BenchTable.js';
import type { FrameSummary } from './frameStats.js';

const STEADY_FPS = 59.5;
const SCRIPT_P95_MS = 1.5;
const CPU_PERCENT = 40;
const SCRIPT_RATIO = 10;
const LATENCY_P99_MS = 100;
const HEAP_GROWTH_MB = 1;

export interface MeasuredRun {
  label: string;
  seconds: number;
  summary: FrameSummary;
}

export interface SampleToPixel {
  p50Ms: number;
  p99Ms: number;
  segments: number;
  waves: number;
  beds: number;
  seconds: number;
}

/** One figure of a frame run, and how it is judged. */
interface Metric {
  what: string;
  unit: string;
  of: (summary: FrameSummary) => number;
  target: string;
  /** `timesBetter` is against the naive baseline, null when there is none. */
  met: (figure: number, timesBetter: number | null) => boolean;
  /** Which way is better, for the ratio; null: no ratio (the heap is not a cost of the frame). */
  better: 'more' | 'less' | null;
}

const informational = (): boolean => true;

const FPS: Metric = {
  what: 'fps delivered',
  unit: 'fps',
  of: (s) => s.fps,
  target: `>= ${STEADY_FPS} (steady 60)`,
  met: (fps) => fps >= STEADY_FPS,
  better: 'more',
};
const DROPPED: Metric = {
  what: 'dropped frames (> 25 ms)',
  unit: 'frames',
  of: (s) => s.dropped,
  target: '0',
  met: (dropped) => dropped === 0,
  better: 'less',
};
const SCRIPT_P95: Metric = {
  what: 'frame script p95',
  unit: 'ms',
  of: (s) => s.scriptP95,
  target: `<= ${SCRIPT_P95_MS} ms`,
  met: (ms) => ms <= SCRIPT_P95_MS,
  better: 'less',
};
const CPU: Metric = {
  what: 'Chromium CPU, all processes',
  unit: '% of 1 core',
  of: (s) => s.cpu.chromium,
  target: `<= ${CPU_PERCENT} %`,
  met: (percent) => percent <= CPU_PERCENT,
  better: 'less',
};

const COMPARED: readonly Metric[] = [
  FPS,
  DROPPED,
  {
    what: 'frame script p50',
    unit: 'ms',
    of: (s) => s.scriptP50,
    target: 'informational',
    met: informational,
    better: 'less',
  },
  SCRIPT_P95,
  {
    what: 'frame script p99',
    unit: 'ms',
    of: (s) => s.scriptP99,
    target: 'informational',
    met: informational,
    better: 'less',
  },
  {
    what: 'frame script mean',
    unit: 'ms',
    of: (s) => s.scriptMean,
    target: `>= ${SCRIPT_RATIO}x less than naive`,
    met: (_, timesBetter) => timesBetter !== null && timesBetter >= SCRIPT_RATIO,
    better: 'less',
  },
  CPU,
  {
    what: 'JS heap at start',
    unit: 'MB',
    of: (s) => s.heapStartMb,
    target: 'informational',
    met: informational,
    better: null,
  },
  {
    what: 'JS heap at end',
    unit: 'MB',
    of: (s) => s.heapEndMb,
    target: 'informational',
    met: informational,
    better: null,
  },
];

const STEADY: readonly Metric[] = [
  FPS,
  DROPPED,
  SCRIPT_P95,
  CPU,
  {
    what: 'JS heap slope; NOT the 10-min growth test (BENCH_LONG=1)',
    unit: 'MB/min',
    of: (s) => s.heapSlopeMbPerMinute,
    target: 'informational',
    met: informational,
    better: null,
  },
];

/** "Times better" than the baseline, as BenchRow.ratio has it; none when ours is 0. */
function timesBetter(metric: Metric, figure: number, baseline: number): number | null {
  if (metric.better === 'more') return figure / baseline;
  if (metric.better === 'less' && figure > 0) return baseline / figure;
  return null;
}

export function comparisonRows(waves: number, ours: MeasuredRun, naive: MeasuredRun): BenchRow[] {
  return COMPARED.map((metric) => {
    const figure = metric.of(ours.summary);
    const baseline = metric.of(naive.summary);
    const ratio = timesBetter(metric, figure, baseline);
    return {
      name: `live waves ${waves}, ${metric.what} (${ours.seconds} s)`,
      figure,
      unit: metric.unit,
      target: metric.target,
      met: metric.met(figure, ratio),
      baseline,
      baselineLabel: `naive uPlot setData x${waves}, same run`,
      ratio,
    };
  });
}

export function steadyRows(waves: number, steady: MeasuredRun): BenchRow[] {
  return STEADY.map((metric) => {
    const figure = metric.of(steady.summary);
    return {
      name: `live waves ${waves}, ${metric.what} (${steady.seconds} s)`,
      figure,
      unit: metric.unit,
      target: metric.target,
      met: metric.met(figure, null),
      baseline: null,
      baselineLabel: 'product sweep alone',
      ratio: null,
    };
  });
}

export function heapGrowthRow(waves: number, long: MeasuredRun): BenchRow {
  const s = long.summary;
  return {
    name: `live waves ${waves}, JS heap growth over ${long.seconds / 60} min (post-GC floor, first vs last minute)`,
    figure: s.heapFloorGrowthMb,
    unit: 'MB',
    target: `<= ${HEAP_GROWTH_MB} MB (no growth)`,
    met: s.heapFloorGrowthMb <= HEAP_GROWTH_MB,
    baseline: null,
    baselineLabel: `slope ${s.heapSlopeMbPerMinute.toFixed(3)} MB/min`,
    ratio: null,
  };
}

/** How busy the rest of the machine was during each frame run: the figures depend on it. */
export function machineRow(runs: readonly MeasuredRun[], loadAverageAtStart: number): BenchRow {
  return {
    name: 'live waves: other processes on the machine during the frame runs (worst run)',
    figure: Math.max(...runs.map((r) => r.summary.cpu.others)),
    unit: '% of 1 core',
    target: 'informational',
    met: true,
    baseline: null,
    baselineLabel:
      runs.map((r) => `${r.label} ${r.summary.cpu.others.toFixed(0)} %`).join(', ') +
      `; load avg at start ${loadAverageAtStart.toFixed(2)}`,
    ratio: null,
  };
}

export function latencyRows(latency: SampleToPixel): BenchRow[] {
  const row = (p: string, figure: number, target: string, met: boolean): BenchRow => ({
    name:
      `sample-to-pixel ${p}: engine receipt to stroke, ${latency.waves} waves, ` +
      `${latency.beds}-bed demo ward (${latency.seconds} s)`,
    figure,
    unit: 'ms',
    target,
    met,
    baseline: null,
    baselineLabel: `${latency.segments} segments drawn`,
    ratio: null,
  });
  return [
    row('p50', latency.p50Ms, 'informational', true),
    row('p99', latency.p99Ms, `< ${LATENCY_P99_MS} ms`, latency.p99Ms < LATENCY_P99_MS),
  ];
}
