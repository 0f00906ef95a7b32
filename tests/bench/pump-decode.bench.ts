/**
 * Decode throughput of the pumps and the Nonin oximeter (the other drivers have their own bench
 * files): each driver's exampleStream (the device's side of a real session)
 * pushed through a fresh decoder in chunks the size a serial port hands over, against the same
 * bytes through the driver's framer alone. The figure that matters is how many times faster
 * than the pump's own line the station decodes.
 */
import { performance } from 'node:perf_hooks';
import { AsenaFramer } from '../../electron/station/devices/drivers/alaris-asena/AsenaCodec.js';
import { alarisAsenaDriver } from '../../electron/station/devices/drivers/alaris-asena/index.js';
import { BccFramer } from '../../electron/station/devices/drivers/bbraun-bcc/BccCodec.js';
import { bbraunBccDriver } from '../../electron/station/devices/drivers/bbraun-bcc/index.js';
import type { DeviceDriver } from '../../electron/station/devices/drivers/DeviceDriver.js';
import { noninFormat7Driver } from '../../electron/station/devices/drivers/nonin/index.js';
import { NoninFramer } from '../../electron/station/devices/drivers/nonin/NoninFormat7Codec.js';
import type { Benchmark, BenchRow } from './BenchTable.js';

/** One hour of session: 720 B. Braun polls, 1,800 Asena cycles. */
const STREAM_SECONDS = 3_600;
/** About what a USB serial adapter or a TCP read delivers at a time. */
const CHUNK_BYTES = 64;
const MIN_RUN_MS = 1_500;
const TARGET_TIMES_LINE_RATE = 200;

interface Pusher {
  push(bytes: Uint8Array, receivedAt: number): unknown;
}

/** MB/s of pushing `stream` in chunks through a fresh consumer each pass, for MIN_RUN_MS. */
function throughput(stream: Uint8Array, fresh: () => Pusher): number {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < stream.length; at += CHUNK_BYTES) {
    chunks.push(stream.subarray(at, at + CHUNK_BYTES));
  }
  const pass = (): void => {
    const consumer = fresh();
    for (const chunk of chunks) consumer.push(chunk, 0);
  };
  pass(); // warm-up
  let bytes = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_RUN_MS) {
    pass();
    bytes += stream.length;
  }
  return bytes / ((performance.now() - start) / 1000) / 1e6;
}

function rows(label: string, driver: DeviceDriver, framer: () => Pusher): BenchRow[] {
  const stream = driver.exampleStream(STREAM_SECONDS);
  const context = { bed: 'bench', device: 'bench', demo: true };
  const decode = throughput(stream, () => driver.createDecoder(context, { send: () => undefined }));
  const frame = throughput(stream, framer);
  const lineMBps = driver.lineBytesPerSecond / 1e6;
  const times = decode / lineMBps;
  return [
    {
      name: `${label} decode (${(stream.length / 1e6).toFixed(2)} MB, ${CHUNK_BYTES}-byte chunks)`,
      figure: decode,
      unit: 'MB/s',
      target: 'informational',
      met: true,
      baseline: frame,
      baselineLabel: 'framer alone',
      ratio: decode / frame,
    },
    {
      name: `${label} decode vs its line (${driver.lineBytesPerSecond} B/s)`,
      figure: times,
      unit: 'x line rate',
      target: `>= ${TARGET_TIMES_LINE_RATE}x`,
      met: times >= TARGET_TIMES_LINE_RATE,
      baseline: frame / lineMBps,
      baselineLabel: 'framer alone',
      ratio: decode / frame,
    },
  ];
}

export const benchmarks: Benchmark[] = [
  {
    name: 'Nonin Format 7 decode throughput',
    run: async () => rows('Nonin Format 7', noninFormat7Driver, () => new NoninFramer()),
  },
  {
    name: 'B. Braun BCC decode throughput',
    run: async () => rows('B. Braun BCC', bbraunBccDriver, () => new BccFramer()),
  },
  {
    name: 'Alaris Asena decode throughput',
    run: async () => rows('Alaris Asena', alarisAsenaDriver, () => new AsenaFramer()),
  },
];
