/// <reference lib="dom" />
/**
 * Bench page: the naive baseline the anchor measured (A-fixed). One uPlot per wave (96), and in
 * every animation frame each gets `setData` of its whole 6 s window: plain arrays indexed by
 * sweep position, with a null band ahead of the newest sample for the erase gap. Fixed x and y
 * scales, no axes or legend, default cursor, stroke width 1 — as in the anchor. Same tile grid,
 * same synthetic feed and same probe as the product page.
 */
import uPlot from 'uplot';
import { parameterColour } from '../../../renderer/src/theme/parameterColours.js';
import { startFrameProbe } from './frameProbe.js';
import { buildStationGrid } from './stationLayout.js';
import {
  BED_COUNT,
  ERASE_SECONDS,
  SWEEP_SECONDS,
  SyntheticWard,
  type SegmentSink,
} from './syntheticWard.js';

interface NaiveChart {
  plot: uPlot;
  x: number[];
  y: (number | null)[];
  scale: number;
  gapSamples: number;
}

const root = document.getElementById('root');
if (root === null) throw new Error('the bench page has no #root');

const ward = new SyntheticWard(BED_COUNT);
const charts: NaiveChart[] = buildStationGrid(root, ward.beds, ward.streams).map(
  ({ stream, slot }) => {
    const windowSamples = Math.round(stream.sampleRate * SWEEP_SECONDS);
    const x = Array.from({ length: windowSamples }, (_, i) => i / stream.sampleRate);
    const y: (number | null)[] = new Array<number | null>(windowSamples).fill(null);
    const plot = new uPlot(
      {
        width: slot.clientWidth,
        height: slot.clientHeight,
        legend: { show: false },
        axes: [{ show: false }, { show: false }],
        scales: {
          x: { time: false, auto: false, range: [0, SWEEP_SECONDS] },
          y: { auto: false, range: [stream.displayMin, stream.displayMax] },
        },
        series: [{}, { stroke: parameterColour(stream.code), width: 1 }],
      },
      [x, y],
      (self, init) => {
        slot.prepend(self.root);
        init();
      },
    );
    return {
      plot,
      x,
      y,
      scale: stream.scale,
      gapSamples: Math.round(stream.sampleRate * ERASE_SECONDS),
    };
  },
);

const toCharts: SegmentSink = (streamId, seq, samples) => {
  const chart = charts[streamId];
  if (chart === undefined) return;
  const { y, scale, gapSamples } = chart;
  for (let i = 0; i < samples.length; i++) y[(seq + i) % y.length] = (samples[i] ?? 0) * scale;
  const newest = seq + samples.length - 1;
  for (let i = 1; i <= gapSamples; i++) y[(newest + i) % y.length] = null;
};

startFrameProbe(
  (elapsedMs) => {
    ward.advance(elapsedMs, toCharts);
    for (const { plot, x, y } of charts) plot.setData([x, y]);
  },
  () => undefined,
);
