import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WaveStream } from '../../../electron/contract/domain.js';
import { encodeWaveFrame } from '../../../electron/contract/WaveFrameCodec.js';
import { SweepDiagnostics } from '../../../renderer/src/waveforms/SweepDiagnostics.js';
import { routeLiveWaves, type WaveSink } from '../../../renderer/src/waveforms/WaveFrameRouter.js';
import { waveStream } from './fixtures.js';

function setup() {
  let binary: ((frame: ArrayBuffer) => void) | null = null;
  let catalogueListener: (() => void) | null = null;
  let snapshot: { streams: readonly WaveStream[] } = { streams: [waveStream()] };
  const pushed: [number, number, number[]][] = [];
  const catalogues: (readonly WaveStream[])[] = [];
  const sink: WaveSink = {
    setStreams: (streams) => catalogues.push(streams),
    pushSegment: (id, seq, samples) => pushed.push([id, seq, Array.from(samples)]),
  };
  const diagnostics = new SweepDiagnostics();
  const stop = routeLiveWaves(
    {
      onBinary(handler) {
        binary = handler;
        return () => (binary = null);
      },
    },
    {
      subscribe(listener) {
        catalogueListener = listener;
        return () => (catalogueListener = null);
      },
      getSnapshot: () => snapshot,
    },
    sink,
    diagnostics,
  );
  return {
    pushed,
    catalogues,
    diagnostics,
    stop,
    send: (frame: ArrayBuffer) => binary?.(frame),
    setCatalogue(streams: readonly WaveStream[]) {
      snapshot = { streams };
      catalogueListener?.();
    },
    isSubscribed: () => binary !== null || catalogueListener !== null,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('routeLiveWaves', () => {
  it('hands every segment of a wave frame to the sweep by stream id', () => {
    const r = setup();
    r.send(
      encodeWaveFrame({
        time: 1,
        segments: [
          { streamId: 0, seq: 10, t0: 0, samples: Int16Array.of(1, 2, 3) },
          { streamId: 7, seq: 0, t0: 0, samples: Int16Array.of(-4) },
        ],
      }),
    );
    expect(r.pushed).toEqual([
      [0, 10, [1, 2, 3]],
      [7, 0, [-4]],
    ]);
  });

  it('follows the catalogue, passing it on only when it changed', () => {
    const r = setup();
    expect(r.catalogues).toHaveLength(1);
    r.setCatalogue(r.catalogues[0]!);
    expect(r.catalogues).toHaveLength(1);
    r.setCatalogue([]);
    expect(r.catalogues).toEqual([[waveStream()], []]);
  });

  it('counts and reports a frame it cannot decode instead of failing silently', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = setup();
    r.send(new ArrayBuffer(4));
    r.send(new ArrayBuffer(40));
    expect(r.diagnostics.rejectedFrames).toBe(2);
    expect(error).toHaveBeenCalledTimes(1);
    expect(r.pushed).toEqual([]);
  });

  it('stops listening when stopped', () => {
    const r = setup();
    r.stop();
    expect(r.isSubscribed()).toBe(false);
  });
});
