/// <reference lib="dom" />
/**
 * Bench page: the PRODUCT's live sweep (SweepRenderer on one full-window canvas) drawing the
 * synthetic ward into the product's tile grid. It publishes the product's own diagnostics too,
 * so the bench can check that all 96 slots are bound and drawing.
 */
import { exposeSweepDiagnostics } from '../../../renderer/src/waveforms/exposeSweepDiagnostics.js';
import { SweepDiagnostics } from '../../../renderer/src/waveforms/SweepDiagnostics.js';
import { SweepRenderer } from '../../../renderer/src/waveforms/SweepRenderer.js';
import { startFrameProbe } from './frameProbe.js';
import { buildStationGrid } from './stationLayout.js';
import { BED_COUNT, SyntheticWard, type SegmentSink } from './syntheticWard.js';

const root = document.getElementById('root');
if (root === null) throw new Error('the bench page has no #root');

const ward = new SyntheticWard(BED_COUNT);
const diagnostics = new SweepDiagnostics();
exposeSweepDiagnostics(diagnostics, window);
const sweep = new SweepRenderer(diagnostics);
sweep.setStreams(ward.streams);
for (const { stream, slot } of buildStationGrid(root, ward.beds, ward.streams)) {
  sweep.registerSlot(stream.bed, stream.code, slot);
}
const canvas = document.createElement('canvas');
canvas.className = 'sweep-canvas';
document.body.append(canvas);

const toSweep: SegmentSink = (streamId, seq, samples, t0) =>
  sweep.pushSegment(streamId, seq, samples, t0);
startFrameProbe(
  (elapsedMs) => ward.advance(elapsedMs, toSweep),
  () => sweep.attachCanvas(canvas),
);
