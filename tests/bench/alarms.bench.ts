/**
 * Alarm system figures.
 * 1. End-to-end alarm latency: bench-driven Nonin oximeters (the bench writes the protocol's
 *    frames itself at 75 frames/s, so it knows when the bytes that complete a low-SpO₂ reading
 *    left) → loopback TCP → the headless station → the 'alarms.changed' event at a contract
 *    client. Latency = event time − write time − the 10 s condition delay. 32 beds × 7 rounds.
 * 2. Evaluation cost: 10,000 observations through the alarm center, beside validating the same
 *    observations against the contract schema (a cost the engine pays anyway).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Observation } from '../../electron/contract/domain.js';
import { Mdc } from '../../electron/contract/mdc.js';
import { AlarmCenter } from '../../electron/station/alarms/AlarmCenter.js';
import { DEFAULT_ALARM_POLICY } from '../../electron/station/alarms/AlarmPolicy.js';
import {
  encodeNoninFrame,
  NONIN_FRAMES_PER_PACKET,
  NoninDataSlot,
  NoninStatus,
} from '../../electron/station/devices/drivers/nonin/NoninFormat7Codec.js';
import { NoninFrameGenerator } from '../../electron/station/devices/drivers/nonin/NoninSimulator.js';
import { startHeadlessStation } from '../support/headlessStation.js';
import { connectStationClient } from '../support/stationClient.js';
import { percentile, type Benchmark, type BenchRow } from './BenchTable.js';

const BEDS = 32;
const ROUNDS = 7;
const SPO2_DELAY_MS = 10_000;
const FRAME_MS = 1000 / 75;

/** A Nonin oximeter whose frames the bench writes itself, noting when a low reading completes. */
class BenchOximeter {
  readonly generator = new NoninFrameGenerator({ seed: 9, spo2: 97, pulseRate: 70 });
  private readonly server: Server;
  private socket: Socket | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private sent = 0;
  private startedAt = 0;
  private packetSpo2 = 97;
  /** When the SYNC frame after the first low packet was written: the decoder can then report it. */
  lowCompletedAt: number | null = null;
  private armed = false;

  constructor() {
    this.server = createServer((socket) => {
      this.socket = socket;
      socket.on('error', () => undefined);
      this.startedAt = performance.now();
      this.timer = setInterval(() => this.pump(), 10);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        const a = this.server.address();
        resolve(typeof a === 'object' && a ? a.port : 0);
      }),
    );
  }

  setSpO2(value: number): void {
    this.generator.setSpO2(value);
    this.armed = value < 90;
    this.lowCompletedAt = null;
  }

  private pump(): void {
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS);
    while (this.sent < due && this.socket) {
      const frame = this.generator.nextFrame();
      const slot = this.sent % NONIN_FRAMES_PER_PACKET;
      const bytes = encodeNoninFrame(frame);
      this.socket.write(bytes);
      if (
        frame.status & NoninStatus.SYNC &&
        this.armed &&
        this.packetSpo2 < 90 &&
        this.lowCompletedAt === null
      ) {
        this.lowCompletedAt = Date.now();
      }
      if (slot === NoninDataSlot.SPO2) this.packetSpo2 = frame.data;
      this.sent += 1;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.socket?.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

async function endToEnd(): Promise<BenchRow[]> {
  const oximeters = Array.from({ length: BEDS }, () => new BenchOximeter());
  const ports = await Promise.all(oximeters.map((o) => o.listen()));
  const station = await startHeadlessStation({
    config: {
      unit: { name: 'Alarm bench' },
      beds: ports.map((_, i) => ({ id: `bed-${i + 1}`, label: `Bed ${i + 1}` })),
      links: ports.map((port, i) => ({
        id: `ox-${i + 1}`,
        bed: `bed-${i + 1}`,
        protocol: 'nonin-format7',
        transport: { kind: 'tcp', host: '127.0.0.1', port },
      })),
    },
  });
  const latencies: number[] = [];
  try {
    const { client, socket } = await connectStationClient(station.url, station.token);
    const raisedAt = new Map<string, number>();
    client.on('alarms.changed', (alarms) => {
      const now = Date.now();
      for (const a of alarms) {
        if (a.code === `limit.${Mdc.SpO2.code}` && a.bed && !raisedAt.has(a.bed))
          raisedAt.set(a.bed, now);
      }
    });
    await new Promise((r) => setTimeout(r, 3_000));
    for (let round = 0; round < ROUNDS; round++) {
      raisedAt.clear();
      oximeters.forEach((o) => o.setSpO2(86));
      const deadline = Date.now() + SPO2_DELAY_MS + 5_000;
      while (raisedAt.size < BEDS && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      oximeters.forEach((o, i) => {
        const raised = raisedAt.get(`bed-${i + 1}`);
        if (raised !== undefined && o.lowCompletedAt !== null) {
          latencies.push(raised - o.lowCompletedAt - SPO2_DELAY_MS);
        }
      });
      oximeters.forEach((o) => o.setSpO2(97));
      await new Promise((r) => setTimeout(r, 1_500));
    }
    socket.close();
  } finally {
    await station.stop();
    await Promise.all(oximeters.map((o) => o.close()));
  }
  latencies.sort((a, b) => a - b);
  const expected = BEDS * ROUNDS;
  return [
    {
      name: `alarm latency beyond the 10 s delay, p50 (${latencies.length} alarms)`,
      figure: percentile(latencies, 50),
      unit: 'ms',
      target: 'informational',
      met: true,
      baseline: null,
      baselineLabel: '-',
      ratio: null,
    },
    {
      name: 'alarm latency beyond the 10 s delay, p99',
      figure: percentile(latencies, 99),
      unit: 'ms',
      target: '< 250 ms',
      met: percentile(latencies, 99) < 250 && latencies.length === expected,
      baseline: null,
      baselineLabel: '-',
      ratio: null,
    },
  ];
}

async function evaluationCost(): Promise<BenchRow[]> {
  const N = 10_000;
  const beds = Array.from({ length: BEDS }, (_, i) => `bed-${i + 1}`);
  const codes = [Mdc.SpO2.code, Mdc.PulseRateOximeter.code, Mdc.HeartRate.code, Mdc.RespRate.code];
  let seed = 7;
  const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const observations: Observation[] = Array.from({ length: N }, (_, i) => {
    const code = codes[i % codes.length]!;
    const base = code === Mdc.SpO2.code ? 93 : code === Mdc.RespRate.code ? 18 : 80;
    return {
      bed: beds[i % beds.length]!,
      device: 'bench',
      code,
      value: base + (random() - 0.5) * 30,
      unit: '',
      time: i,
      status: 'valid',
      demo: false,
    };
  });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const measure = (fn: () => void): number => {
    for (let i = 0; i < 3; i++) fn();
    const t = performance.now();
    for (let i = 0; i < 10; i++) fn();
    return (performance.now() - t) / 10;
  };
  const evaluate = measure(() => {
    const center = new AlarmCenter(DEFAULT_ALARM_POLICY, beds, quiet, () => undefined);
    for (let i = 0; i < N; i += 100) center.observe(observations.slice(i, i + 100));
    center.stop();
  });
  const validate = measure(() => {
    for (const o of observations) Observation.parse(o);
  });
  return [
    {
      name: 'alarm evaluation per 10,000 observations',
      figure: evaluate,
      unit: 'ms',
      target: '< 50 ms',
      met: evaluate < 50,
      baseline: validate,
      baselineLabel: 'zod validation of the same',
      ratio: validate / evaluate,
    },
  ];
}

export const benchmarks: Benchmark[] = [
  { name: 'alarm evaluation cost', run: evaluationCost },
  { name: 'end-to-end alarm latency', run: endToEnd },
];
