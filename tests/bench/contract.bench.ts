/**
 * The contract's own cost: call round-trip over both transports against a bare echo on the same
 * transport, and binary wave frames against the same frames JSON-encoded.
 */
import { performance } from 'node:perf_hooks';
import { ContractClient } from '../../electron/contract/ContractClient.js';
import { ContractServer } from '../../electron/contract/ContractServer.js';
import { stationContract } from '../../electron/contract/StationContract.js';
import { handlersFor } from '../support/contractHandlers.js';
import {
  decodeWaveFrame,
  encodeWaveFrame,
  type WaveFrame,
} from '../../electron/contract/WaveFrameCodec.js';
import {
  messagePortTransport,
  webSocketTransport,
  type EndpointPair,
  type TransportUnderTest,
} from '../support/contractPairs.js';
import { percentile, type Benchmark, type BenchRow } from './BenchTable.js';

const CALLS = 5_000;
const WARMUP = 500;

const handlers = handlersFor({
  'observations.latest': () => [
    {
      bed: 'bed-1',
      device: 'ox',
      code: 150456,
      value: 97,
      unit: '%',
      time: 1,
      status: 'valid',
      demo: true,
    },
  ],
});

async function timeSequential(n: number, once: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await once();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

/** The transport alone: the client endpoint sends, the server endpoint echoes. */
async function rawEcho(pair: EndpointPair): Promise<number[]> {
  let waiting: (() => void) | null = null;
  pair.server.onMessage((m) => pair.server.send(m as never));
  pair.client.onMessage(() => waiting?.());
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      waiting = resolve;
      pair.client.send({
        kind: 'call',
        id: 1,
        call: 'observations.latest',
        input: { bed: 'bed-1' },
      });
    });
  await timeSequential(WARMUP, once);
  return timeSequential(CALLS, once);
}

async function contractCalls(pair: EndpointPair): Promise<number[]> {
  new ContractServer(stationContract, handlers, { warn: () => undefined }).attach(pair.server);
  const client = new ContractClient(stationContract);
  client.attach(pair.client);
  const once = (): Promise<unknown> => client.call('observations.latest', { bed: 'bed-1' });
  await timeSequential(WARMUP, once);
  return timeSequential(CALLS, once);
}

async function roundTrip(transport: TransportUnderTest): Promise<BenchRow[]> {
  const rawPair = await transport.connect();
  const raw = await rawEcho(rawPair);
  await rawPair.close();
  const pair = await transport.connect();
  const calls = await contractCalls(pair);
  await pair.close();
  const row = (p: number, targetMs: number): BenchRow => {
    const figure = percentile(calls, p);
    const baseline = percentile(raw, p);
    return {
      name: `contract call round-trip, ${transport.name}, p${p}`,
      figure,
      unit: 'ms',
      target: `<= ${targetMs} ms`,
      met: figure <= targetMs,
      baseline,
      baselineLabel: 'bare echo, same transport',
      ratio: baseline / figure,
    };
  };
  return [
    row(50, transport.name === 'MessagePort' ? 0.5 : 1),
    row(99, transport.name === 'MessagePort' ? 1 : 2),
  ];
}

/** One display frame of a full unit: 32 beds × ECG 500 Hz + pleth 125 Hz + resp 62.5 Hz at 60 fps. */
function unitFrame(frameIndex: number): WaveFrame {
  const segments = [];
  for (let bed = 0; bed < 32; bed++) {
    for (const [w, rate] of [500, 125, 62.5].entries()) {
      const n = Math.round(rate / 60);
      const samples = new Int16Array(n);
      for (let i = 0; i < n; i++)
        samples[i] = Math.round(1000 * Math.sin((frameIndex * n + i) / 7 + bed));
      segments.push({ streamId: bed * 3 + w, seq: frameIndex * n, t0: frameIndex * 16.7, samples });
    }
  }
  return { time: frameIndex * 16.7, segments };
}

/** The naive encoding: the same frame as a JSON event with sample arrays. */
function jsonEvent(frame: WaveFrame): object {
  return {
    kind: 'event',
    event: 'waves',
    data: {
      time: frame.time,
      segments: frame.segments.map((s) => ({ ...s, samples: Array.from(s.samples) })),
    },
  };
}

async function frameThroughput(): Promise<BenchRow[]> {
  const FRAMES = 3_000;
  const frames = Array.from({ length: 60 }, (_, i) => unitFrame(i));
  const jsonBytes = frames.map((f) => JSON.stringify(jsonEvent(f)).length);
  const run = async (binary: boolean): Promise<{ fps: number; mbps: number }> => {
    const pair = await webSocketTransport.connect();
    let received = 0;
    let bytes = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    pair.client.onMessage((m) => {
      if (binary) decodeWaveFrame(m as ArrayBuffer);
      else
        (m as { data: { segments: { samples: number[] }[] } }).data.segments.forEach((s) =>
          Int16Array.from(s.samples),
        );
      if (++received === FRAMES) done();
    });
    const t = performance.now();
    for (let i = 0; i < FRAMES; i++) {
      const frame = frames[i % frames.length]!;
      if (binary) {
        const buf = encodeWaveFrame(frame);
        bytes += buf.byteLength;
        pair.server.sendBinary(buf);
      } else {
        const event = jsonEvent(frame);
        bytes += jsonBytes[i % frames.length]!;
        pair.server.send(event as never);
      }
      if (i % 100 === 99) await new Promise((r) => setImmediate(r));
    }
    await finished;
    const seconds = (performance.now() - t) / 1000;
    await pair.close();
    return { fps: FRAMES / seconds, mbps: bytes / seconds / 1e6 };
  };
  await run(true);
  const json = await run(false);
  const bin = await run(true);
  return [
    {
      name: 'wave frames over WebSocket (32 beds x 3 waves per frame)',
      figure: bin.fps,
      unit: 'frames/s',
      target: '>= 600 frames/s (10x display rate)',
      met: bin.fps >= 600,
      baseline: json.fps,
      baselineLabel: 'same frames as JSON',
      ratio: bin.fps / json.fps,
    },
    {
      name: 'wave frame bytes per second at that rate',
      figure: bin.mbps,
      unit: 'MB/s',
      target: 'informational',
      met: true,
      baseline: json.mbps,
      baselineLabel: 'same frames as JSON',
      ratio: null,
    },
  ];
}

export const benchmarks: Benchmark[] = [
  { name: 'contract round-trip over MessagePort', run: () => roundTrip(messagePortTransport) },
  { name: 'contract round-trip over WebSocket', run: () => roundTrip(webSocketTransport) },
  { name: 'binary wave frames vs JSON', run: frameThroughput },
];
