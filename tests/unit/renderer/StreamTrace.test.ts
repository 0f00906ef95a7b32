import { describe, expect, it } from 'vitest';
import { StreamTrace, type TraceCanvas } from '../../../renderer/src/waveforms/StreamTrace.js';

type Op = ['clear', number, number, number, number] | ['move' | 'line', number, number];

function recorder(): TraceCanvas & { ops: Op[]; take(): Op[] } {
  const ops: Op[] = [];
  return {
    ops,
    clearRect: (x, y, w, h) => ops.push(['clear', x, y, w, h]),
    moveTo: (x, y) => ops.push(['move', x, y]),
    lineTo: (x, y) => ops.push(['line', x, y]),
    take() {
      return ops.splice(0);
    },
  };
}

/** 10 samples a second over a 10 s sweep: one sample per 10 px on a 1000 px slot. */
function trace(): StreamTrace {
  const t = new StreamTrace(
    { sampleRate: 10, scale: 1, offset: 0, displayMin: 0, displayMax: 100 },
    { sweepSeconds: 10, eraseSeconds: 1 },
  );
  t.place({ left: 50, top: 20, width: 1000, height: 100 }, 0);
  return t;
}

function frame(t: StreamTrace, canvas: ReturnType<typeof recorder>): number {
  t.erase(canvas);
  return t.trace(canvas);
}

const samples = (...values: number[]) => Int16Array.from(values);

describe('StreamTrace', () => {
  it('maps samples to x by sequence number and to y on the fixed display scale', () => {
    const t = trace();
    const canvas = recorder();
    t.push(3, samples(0, 50, 100, 150, -10));
    expect(frame(t, canvas)).toBe(5);
    const drawn = canvas.ops.filter((op) => op[0] !== 'clear');
    expect(drawn).toEqual([
      ['move', 80, 120],
      ['line', 90, 70],
      ['line', 100, 20],
      ['line', 110, 20], // clamped to the top of the slot
      ['line', 120, 120], // clamped to the bottom
    ]);
  });

  it('draws only the samples that arrived since the last frame, continuing from the last point', () => {
    const t = trace();
    const canvas = recorder();
    t.push(0, samples(1, 2));
    frame(t, canvas);
    canvas.take();
    expect(frame(t, canvas)).toBe(0);
    expect(canvas.take()).toEqual([]);
    t.push(2, samples(3, 4));
    expect(frame(t, canvas)).toBe(2);
    const ops = canvas.take().filter((op) => op[0] !== 'clear');
    expect(ops.map((op) => op.slice(0, 2))).toEqual([
      ['move', 60],
      ['line', 70],
      ['line', 80],
    ]);
  });

  it('leaves a gap where sequence numbers jump instead of joining across it', () => {
    const t = trace();
    const canvas = recorder();
    t.push(0, samples(10, 10, 10));
    t.push(6, samples(20, 20));
    expect(frame(t, canvas)).toBe(5);
    const ops = canvas.ops.filter((op) => op[0] !== 'clear').map((op) => op.slice(0, 2));
    expect(ops).toEqual([
      ['move', 50],
      ['line', 60],
      ['line', 70],
      ['move', 110],
      ['line', 120],
    ]);
  });

  it('starts a new sweep at the left edge rather than drawing a line back across the slot', () => {
    const t = trace();
    const canvas = recorder();
    t.push(90, samples(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    frame(t, canvas);
    const ops = canvas.ops.filter((op) => op[0] !== 'clear').map((op) => op.slice(0, 2));
    expect(ops.slice(9, 12)).toEqual([
      ['line', 1040],
      ['move', 50],
      ['line', 60],
    ]);
  });

  it('clears the whole slot at first, then only the erase band ahead of the newest sample', () => {
    const t = trace();
    const canvas = recorder();
    t.push(0, samples(1, 1, 1, 1, 1));
    t.erase(canvas);
    expect(canvas.take()).toEqual([['clear', 50, 20, 1000, 100]]);
    t.trace(canvas);
    canvas.take();
    t.push(5, samples(1, 1));
    t.erase(canvas);
    // Newest was seq 4 (x 40) with the band to 140; now seq 6 (x 60), band to 160.
    expect(canvas.take()).toEqual([['clear', 190, 20, 20, 100]]);
  });

  it('wraps the erase band around the right edge', () => {
    const t = trace();
    const canvas = recorder();
    t.push(88, samples(1));
    frame(t, canvas);
    canvas.take();
    t.push(89, samples(1, 1, 1, 1, 1));
    t.erase(canvas);
    // Newest moves from seq 88 to 93: the band from x 980 past the edge to x 30 of the next sweep.
    expect(canvas.take()).toEqual([
      ['clear', 1030, 20, 20, 100],
      ['clear', 50, 20, 30, 100],
    ]);
  });

  it('redraws the last sweep from its ring after the slot moves', () => {
    const t = trace();
    const canvas = recorder();
    t.push(0, samples(...Array.from({ length: 200 }, () => 50)));
    frame(t, canvas);
    canvas.take();
    t.place({ left: 0, top: 0, width: 100, height: 10 }, 0);
    // One sweep minus the erase band: the newest 90 of the 100 samples a sweep holds, from
    // seq 110 (x 10) just past the band to seq 199 (x 99).
    expect(frame(t, canvas)).toBe(90);
    expect(canvas.ops[0]).toEqual(['clear', 0, 0, 100, 10]);
    expect(canvas.ops[1]).toEqual(['move', 10, 5]);
    expect(canvas.ops.at(-1)).toEqual(['line', 99, 5]);
  });

  it('starts over when the stream restarts with lower sequence numbers', () => {
    const t = trace();
    const canvas = recorder();
    t.push(5000, samples(1, 1, 1));
    frame(t, canvas);
    canvas.take();
    t.push(0, samples(1, 1));
    expect(frame(t, canvas)).toBe(2);
    expect(canvas.ops[0]).toEqual(['clear', 50, 20, 1000, 100]);
    expect(canvas.ops.slice(1).map((op) => op.slice(0, 2))).toEqual([
      ['move', 50],
      ['line', 60],
    ]);
  });

  it('draws nothing while it has no slot', () => {
    const t = trace();
    const canvas = recorder();
    t.place(null, 0);
    t.push(0, samples(1, 2, 3));
    expect(frame(t, canvas)).toBe(0);
    expect(canvas.ops).toEqual([]);
  });
});
