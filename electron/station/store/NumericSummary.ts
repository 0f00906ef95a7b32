/**
 * Min, max and median of a run of numeric values: what a trend bucket and a one-minute roll-up
 * show. The median rather than the mean, because one artefact (a probe off, a flush of the
 * arterial line) would drag a mean far from what the patient's value was.
 */
export interface NumericSummary {
  min: number;
  max: number;
  median: number;
  count: number;
}

/** null for an empty run; the input is not changed. */
export function summarize(values: readonly number[]): NumericSummary | null {
  const count = values.length;
  if (count === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = count >> 1;
  const median = count % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, max: sorted[count - 1]!, median, count };
}
