/**
 * What every benchmark reports: a figure, its target, and a baseline measured in the same run
 * (on these shared, noisy machines a ratio says more than an absolute time).
 */
export interface BenchRow {
  name: string;
  figure: number;
  unit: string;
  /** e.g. "<= 1 ms" or ">= 10x"; met is judged by the benchmark itself. */
  target: string;
  met: boolean;
  baseline: number | null;
  baselineLabel: string;
  /** figure / baseline, or baseline / figure when lower is better: always "times better". */
  ratio: number | null;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function fmt(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '-';
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(3);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = [
    'benchmark',
    'figure',
    'unit',
    'target',
    'met',
    'baseline',
    'baseline is',
    'ratio',
  ];
  const body = rows.map((r) => [
    r.name,
    fmt(r.figure),
    r.unit,
    r.target,
    r.met ? 'yes' : 'NO',
    fmt(r.baseline),
    r.baselineLabel,
    r.ratio === null ? '-' : `${fmt(r.ratio)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
