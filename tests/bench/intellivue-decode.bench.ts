/**
 * How fast the IntelliVue driver decodes the real capture (framing, messages, numerics, waves),
 * in MB/s and as a multiple of what one monitor's 115,200-baud line can carry, against the
 * framer alone (FCS and unstuffing) on the same bytes.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { intellivueMibDriver } from '../../electron/station/devices/drivers/intellivue/index.js';
import { loadIntelliVueCapture } from '../../electron/station/devices/drivers/intellivue/IntelliVueCapture.js';
import { IntelliVueFramer } from '../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';
import { percentile, type Benchmark, type BenchRow } from './BenchTable.js';

const CAPTURE = loadIntelliVueCapture(fileURLToPath(new URL('../../resources', import.meta.url)));
/** What a serial port typically hands over per read at 115,200 baud. */
const CHUNK = 4096;
const RUNS = 15;
const WARMUP = 3;
const TARGET_LINE_MULTIPLE = 200;

function decodeOnce(): void {
  const decoder = intellivueMibDriver.createDecoder(
    { bed: 'bench', device: 'bench', demo: true },
    { send: () => undefined },
  );
  for (let at = 0; at < CAPTURE.length; at += CHUNK) {
    decoder.push(CAPTURE.subarray(at, at + CHUNK), at);
  }
}

function frameOnce(): void {
  const framer = new IntelliVueFramer();
  for (let at = 0; at < CAPTURE.length; at += CHUNK) framer.push(CAPTURE.subarray(at, at + CHUNK));
}

/** Median bytes per second over RUNS passes through the whole capture. */
function throughput(pass: () => void): number {
  for (let i = 0; i < WARMUP; i++) pass();
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    pass();
    rates.push(CAPTURE.length / ((performance.now() - started) / 1000));
  }
  return percentile(
    rates.sort((a, b) => a - b),
    50,
  );
}

async function decodeThroughput(): Promise<BenchRow[]> {
  const decode = throughput(decodeOnce);
  const frame = throughput(frameOnce);
  const line = intellivueMibDriver.lineBytesPerSecond;
  const lineMultiple = decode / line;
  return [
    {
      name: 'IntelliVue decode of the real capture (frames → observations + waves)',
      figure: decode / 1e6,
      unit: 'MB/s',
      target: `>= ${((TARGET_LINE_MULTIPLE * line) / 1e6).toFixed(2)} MB/s`,
      met: lineMultiple >= TARGET_LINE_MULTIPLE,
      baseline: frame / 1e6,
      baselineLabel: 'framer alone (FCS + unstuffing)',
      ratio: decode / frame,
    },
    {
      name: 'IntelliVue decode as a multiple of one 115,200-baud line',
      figure: lineMultiple,
      unit: 'x line rate',
      target: `>= ${TARGET_LINE_MULTIPLE}x`,
      met: lineMultiple >= TARGET_LINE_MULTIPLE,
      baseline: frame / line,
      baselineLabel: 'framer alone (FCS + unstuffing)',
      ratio: decode / frame,
    },
  ];
}

export const benchmarks: Benchmark[] = [
  { name: 'IntelliVue MIB/RS232 decode throughput', run: decodeThroughput },
];
