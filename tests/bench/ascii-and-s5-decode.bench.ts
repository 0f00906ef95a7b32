/**
 * Decode throughput of the GE S/5, Masimo ASCII and Nellcor ASCII drivers: 60 s of each device's
 * example stream, fed through a fresh decoder again and again in serial-port-sized reads, against
 * the same reads through the framer or line splitter alone. The figure that matters is how many
 * times the device's own line rate one station core keeps up with.
 */
import { performance } from 'node:perf_hooks';
import type { DeviceDriver } from '../../electron/station/devices/drivers/DeviceDriver.js';
import { S5Framer } from '../../electron/station/devices/drivers/ge-s5/S5FrameCodec.js';
import { geS5Driver } from '../../electron/station/devices/drivers/ge-s5/index.js';
import { masimoAsciiDriver } from '../../electron/station/devices/drivers/masimo-ascii/index.js';
import { nellcorAsciiDriver } from '../../electron/station/devices/drivers/nellcor-ascii/index.js';
import { AsciiLineSplitter } from '../../electron/station/devices/drivers/shared/AsciiLineSplitter.js';
import type { Benchmark, BenchRow } from './BenchTable.js';

const STREAM_SECONDS = 60;
/** Roughly what one read from a USB serial adapter returns. */
const READ_BYTES = 64;
const RUN_MS = 1_500;
const TARGET_TIMES_LINE_RATE = 200;

interface ByteConsumer {
  push(bytes: Uint8Array, receivedAt: number): unknown;
}

/** Bytes per second through a fresh consumer per pass of the stream, over at least RUN_MS. */
function bytesPerSecond(stream: Uint8Array, fresh: () => ByteConsumer): number {
  const reads: Uint8Array[] = [];
  for (let at = 0; at < stream.length; at += READ_BYTES) {
    reads.push(stream.subarray(at, at + READ_BYTES));
  }
  const pass = (): void => {
    const consumer = fresh();
    reads.forEach((read, i) => consumer.push(read, i));
  };
  pass();
  let passes = 0;
  const started = performance.now();
  while (performance.now() - started < RUN_MS) {
    pass();
    passes += 1;
  }
  return (passes * stream.length) / ((performance.now() - started) / 1000);
}

function driverRows(
  name: string,
  driver: DeviceDriver,
  framingOnly: () => ByteConsumer,
): BenchRow[] {
  const stream = driver.exampleStream(STREAM_SECONDS);
  const context = { bed: 'bench', device: 'bench', demo: true };
  const decoded = bytesPerSecond(stream, () =>
    driver.createDecoder(context, { send: () => undefined }),
  );
  const framed = bytesPerSecond(stream, framingOnly);
  const timesLine = decoded / driver.lineBytesPerSecond;
  const label = `${name}, ${STREAM_SECONDS} s example (${stream.length} B)`;
  return [
    {
      name: `${label}: decode`,
      figure: decoded / 1e6,
      unit: 'MB/s',
      target: 'informational',
      met: true,
      baseline: framed / 1e6,
      baselineLabel: 'framing alone',
      ratio: decoded / framed,
    },
    {
      name: `${label}: decode vs the ${driver.lineBytesPerSecond} B/s line`,
      figure: timesLine,
      unit: 'x line rate',
      target: `>= ${TARGET_TIMES_LINE_RATE}x`,
      met: timesLine >= TARGET_TIMES_LINE_RATE,
      baseline: framed / driver.lineBytesPerSecond,
      baselineLabel: 'framing alone',
      ratio: decoded / framed,
    },
  ];
}

export const benchmarks: Benchmark[] = [
  {
    name: 'GE S/5 decode throughput',
    run: async () => driverRows('GE S/5', geS5Driver, () => new S5Framer()),
  },
  {
    name: 'Masimo ASCII decode throughput',
    run: async () => driverRows('Masimo ASCII 1', masimoAsciiDriver, () => new AsciiLineSplitter()),
  },
  {
    name: 'Nellcor ASCII decode throughput',
    run: async () => driverRows('Nellcor N-595', nellcorAsciiDriver, () => new AsciiLineSplitter()),
  },
];
