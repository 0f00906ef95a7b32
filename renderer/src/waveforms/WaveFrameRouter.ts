/**
 * Feeds the sweep from the station: binary wave frames are decoded and their segments handed to
 * the sweep by stream id, and the sweep follows the stream catalogue the store keeps (fetched
 * with 'waves.streams', updated by 'waves.streamsChanged', emptied while the engine is away).
 */
import type { WaveStream } from '../../../electron/contract/domain.js';
import type { StationConnection } from '../../../electron/contract/StationConnection.js';
import { decodeWaveFrame, type WaveFrame } from '../../../electron/contract/WaveFrameCodec.js';
import type { SweepDiagnostics } from './SweepDiagnostics.js';

export interface WaveSink {
  setStreams(streams: readonly WaveStream[]): void;
  /** `t0`: the engine's time for the first sample, ms since the epoch. */
  pushSegment(streamId: number, seq: number, samples: Int16Array, t0: number): void;
}

export interface StreamCatalogue {
  subscribe(listener: () => void): () => void;
  getSnapshot(): { streams: readonly WaveStream[] };
}

/** A bad frame is logged once and then every this many, so a broken feed is seen, not flooded. */
const LOG_EVERY_REJECTED = 600;

export function routeLiveWaves(
  connection: Pick<StationConnection, 'onBinary'>,
  catalogue: StreamCatalogue,
  sink: WaveSink,
  diagnostics: SweepDiagnostics,
): () => void {
  let streams = catalogue.getSnapshot().streams;
  sink.setStreams(streams);
  const stopCatalogue = catalogue.subscribe(() => {
    const next = catalogue.getSnapshot().streams;
    if (next === streams) return;
    streams = next;
    sink.setStreams(streams);
  });
  const stopFrames = connection.onBinary((buffer) => {
    let frame: WaveFrame;
    try {
      frame = decodeWaveFrame(buffer);
    } catch (error) {
      if (diagnostics.rejectedFrames++ % LOG_EVERY_REJECTED === 0) {
        // eslint-disable-next-line no-console -- the browser console is the renderer's only log
        console.error('wave frame dropped', error, { rejected: diagnostics.rejectedFrames });
      }
      return;
    }
    for (const segment of frame.segments) {
      sink.pushSegment(segment.streamId, segment.seq, segment.samples, segment.t0);
    }
  });
  return () => {
    stopCatalogue();
    stopFrames();
  };
}
