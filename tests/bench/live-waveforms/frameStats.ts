/** What a recorded run comes to: the figures of the bench table for one variant. */
import { percentile } from '../BenchTable.js';
import type { FrameRecording } from './frameProbe.js';
import type { CpuShare } from './processCpu.js';

/** An interval this long means at least one 60 Hz frame was not delivered. */
const DROPPED_FRAME_MS = 25;
const BYTES_PER_MB = 1e6;

export interface FrameSummary {
  fps: number;
  dropped: number;
  scriptMean: number;
  scriptP50: number;
  scriptP95: number;
  scriptP99: number;
  heapStartMb: number;
  heapEndMb: number;
  /** Least-squares slope of the once-a-second heap samples. */
  heapSlopeMbPerMinute: number;
  /** Lowest heap (after a GC) in the last minute minus the lowest in the first minute. */
  heapFloorGrowthMb: number;
  cpu: CpuShare;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function slopePerSecond(values: readonly number[]): number {
  const xMean = (values.length - 1) / 2;
  const yMean = mean(values);
  let covariance = 0;
  let variance = 0;
  values.forEach((y, x) => {
    covariance += (x - xMean) * (y - yMean);
    variance += (x - xMean) ** 2;
  });
  return variance === 0 ? NaN : covariance / variance;
}

export function summarise(recording: FrameRecording, cpu: CpuShare): FrameSummary {
  if (recording.overflowed) throw new Error('the page recorded more frames than it had room for');
  const script = [...recording.scriptMs].sort((a, b) => a - b);
  const intervals = recording.intervalsMs;
  const heap = recording.heapBytes.map((bytes) => bytes / BYTES_PER_MB);
  const minute = Math.min(60, heap.length);
  return {
    fps: (intervals.length / intervals.reduce((sum, ms) => sum + ms, 0)) * 1000,
    dropped: intervals.filter((ms) => ms > DROPPED_FRAME_MS).length,
    scriptMean: mean(script),
    scriptP50: percentile(script, 50),
    scriptP95: percentile(script, 95),
    scriptP99: percentile(script, 99),
    heapStartMb: recording.heapStartBytes / BYTES_PER_MB,
    heapEndMb: recording.heapEndBytes / BYTES_PER_MB,
    heapSlopeMbPerMinute: slopePerSecond(heap) * 60,
    heapFloorGrowthMb: Math.min(...heap.slice(-minute)) - Math.min(...heap.slice(0, minute)),
    cpu,
  };
}
