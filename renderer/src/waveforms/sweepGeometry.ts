/**
 * Where things go on a monitor sweep. A sample's position depends only on its sequence number,
 * so every frame and every redraw after a resize puts it in the same place, and lost samples
 * leave a gap instead of squeezing the trace.
 */

/** Pixels from the slot's left edge at which sample `seq` is drawn. */
export function sampleX(seq: number, samplesPerSweep: number, width: number): number {
  return ((seq % samplesPerSweep) / samplesPerSweep) * width;
}

/**
 * The columns to clear so that the erase band, which already reaches `from`, reaches `to`. Both
 * are positions in sweeps since sample 0, so they only grow; at most one full sweep is cleared.
 * A span crossing the right edge continues at the left. Writes [x0, x1) pixel pairs into `out`
 * (length 4, reused so the frame loop allocates nothing) and returns how many it wrote (0–2).
 */
export function eraseSpans(from: number, to: number, width: number, out: Float64Array): number {
  if (!(to > from)) return 0;
  const length = Math.min(to - from, 1);
  const start = to - length;
  const x0 = (start - Math.floor(start)) * width;
  const x1 = x0 + length * width;
  out[0] = x0;
  if (x1 <= width) {
    out[1] = x1;
    return 1;
  }
  out[1] = width;
  out[2] = 0;
  out[3] = x1 - width;
  return 2;
}
