/**
 * `npm run bench`: runs every tests/bench/*.bench.ts and prints one table. A benchmark file
 * exports `benchmarks: Benchmark[]`. `npm run bench -- NAME` runs only files whose name contains
 * NAME.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, type Benchmark, type BenchRow } from './BenchTable.js';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';

async function main(): Promise<void> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { benchmarks: Benchmark[] };
    for (const bench of mod.benchmarks) {
      process.stderr.write(`bench: ${bench.name}…\n`);
      rows.push(...(await bench.run()));
    }
  }
  process.stdout.write(formatTable(rows) + '\n');
  const missed = rows.filter((r) => !r.met).length;
  process.stdout.write(
    `${rows.length} figures, ${rows.length - missed} on target, ${missed} off target\n`,
  );
}

void main().then(() => process.exit(0));
