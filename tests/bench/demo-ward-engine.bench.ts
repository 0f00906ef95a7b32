/**
 * Engine cost of a full unit: the 32-bed demo ward's simulators run in their own process and
 * stream over loopback TCP at real line rates; the headless station decodes, stores and serves
 * them. Engine CPU comes from the engine's own process.cpuUsage() (station.diagnostics) over
 * 60 s; sample loss from the links' counters and the wave streams' nominal rates. Baseline in
 * the same run: a process that only reads the same sockets and throws the bytes away.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { StationConfig } from '../../electron/station/config/StationConfigSchema.js';
import { startHeadlessStation } from '../support/headlessStation.js';
import { connectStationClient } from '../support/stationClient.js';
import type { Benchmark, BenchRow } from './BenchTable.js';

const BEDS = 32;
const WINDOW_MS = 60_000;
const WARMUP_MS = 5_000;
const SINK_WINDOW_MS = 20_000;

async function startDevices(): Promise<{ child: ChildProcess; config: StationConfig }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve('tests/bench/support/demoDevicesProcess.ts'), String(BEDS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, config: JSON.parse(line) as StationConfig };
}

/** CPU of a process that only drains the device sockets: the floor for any engine. */
async function sinkCpuPercent(config: StationConfig): Promise<number> {
  const sockets = config.links.flatMap((l) =>
    l.transport.kind === 'tcp' ? [connect(l.transport.port, l.transport.host)] : [],
  );
  for (const s of sockets) s.on('data', () => undefined);
  await new Promise((r) => setTimeout(r, 2_000));
  const start = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SINK_WINDOW_MS));
  const used = process.cpuUsage(start);
  const elapsedMs = performance.now() - t0;
  for (const s of sockets) s.destroy();
  return ((used.user + used.system) / 1000 / elapsedMs) * 100;
}

async function run(): Promise<BenchRow[]> {
  const devices = await startDevices();
  try {
    const sink = await sinkCpuPercent(devices.config);
    const station = await startHeadlessStation({
      config: { ...devices.config, unit: { name: 'Bench ward' } },
    });
    try {
      const { client, socket } = await connectStationClient(station.url, station.token);
      await new Promise((r) => setTimeout(r, WARMUP_MS));
      const d0 = await client.call('station.diagnostics', {});
      const links0 = await client.call('links.list', {});
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      const d1 = await client.call('station.diagnostics', {});
      const links1 = await client.call('links.list', {});
      const streams = await client.call('waves.streams', {});
      socket.close();
      const cpuMicros =
        d1.cpuUserMicros + d1.cpuSystemMicros - d0.cpuUserMicros - d0.cpuSystemMicros;
      const elapsedMs = d1.uptimeMs - d0.uptimeMs;
      const cpu = (cpuMicros / 1000 / elapsedMs) * 100;
      const sum = (
        links: typeof links0,
        f: (c: (typeof links0)[number]['counters']) => number,
      ): number => links.reduce((a, l) => a + f(l.counters), 0);
      const gaps = sum(links1, (c) => c.sampleGaps) - sum(links0, (c) => c.sampleGaps);
      const errors = sum(links1, (c) => c.checksumErrors) - sum(links0, (c) => c.checksumErrors);
      // Only links that carry waves: pumps count their records as decoded samples.
      const waveLinks = new Set(streams.map((s) => s.device));
      const onlyWaves = (links: typeof links0): typeof links0 =>
        links.filter((l) => waveLinks.has(l.id));
      const decoded =
        sum(onlyWaves(links1), (c) => c.decodedSamples) -
        sum(onlyWaves(links0), (c) => c.decodedSamples);
      const expected = streams.reduce((a, s) => a + s.sampleRate, 0) * (elapsedMs / 1000);
      const lossPercent = expected > 0 ? Math.max(0, (1 - decoded / expected) * 100) : 100;
      return [
        {
          name: `engine CPU, ${BEDS}-bed demo ward streaming (${streams.length} waves)`,
          figure: cpu,
          unit: '% of a core',
          target: '< 25 %',
          met: cpu < 25,
          baseline: sink,
          baselineLabel: 'process only draining the sockets',
          ratio: sink / cpu,
        },
        {
          name: 'sample gaps + checksum errors over 60 s',
          figure: gaps + errors,
          unit: 'count',
          target: '0',
          met: gaps + errors === 0,
          baseline: null,
          baselineLabel: '-',
          ratio: null,
        },
        {
          name: 'samples decoded vs nominal wave rates',
          figure: lossPercent,
          unit: '% missing',
          target: '< 0.5 % (batch edges)',
          met: lossPercent < 0.5,
          baseline: expected,
          baselineLabel: 'nominal samples in window',
          ratio: null,
        },
        {
          name: 'engine event-loop delay p99 (since start)',
          figure: d1.eventLoopDelayMs.p99,
          unit: 'ms',
          target: '< 20 ms',
          met: d1.eventLoopDelayMs.p99 < 20,
          baseline: null,
          baselineLabel: '-',
          ratio: null,
        },
      ];
    } finally {
      await station.stop();
    }
  } finally {
    devices.child.kill('SIGTERM');
  }
}

export const benchmarks: Benchmark[] = [{ name: 'demo ward engine load', run }];
