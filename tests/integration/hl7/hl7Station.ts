/**
 * A real station engine in this process with its HL7 listener on a free loopback port, a real
 * contract client attached over a MessageChannel, a raw MLLP socket for fault injection and a
 * read-only look at what the store committed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MessageChannel } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ContractClient } from '../../../electron/contract/ContractClient.js';
import {
  stationContract,
  type StationContract,
} from '../../../electron/contract/StationContract.js';
import {
  messagePortEndpoint,
  type MessagePortLike,
} from '../../../electron/contract/transports/MessagePortEndpoint.js';
import { StationConfig } from '../../../electron/station/config/StationConfigSchema.js';
import { StationEngine } from '../../../electron/station/engine/StationEngine.js';
import { frameMessage, MllpFramer } from '../../../electron/station/hl7/MllpFramer.js';
import type { Log } from '../../../electron/station/log/StationLog.js';
import { DATABASE_FILE_NAME } from '../../../electron/station/store/StationStore.js';
import { messageText, referenceMessages } from '../../support/hl7ReferenceMessages.js';

export const BEDS = [
  { id: 'bed-1', label: 'Bed 1' },
  { id: 'bed-2', label: 'Bed 2' },
  { id: 'bed-3', label: 'Bed 3' },
];

/** The reference examples' locations, mapped to station beds. */
export const LOCATIONS = [
  { location: 'HO Surgery^OR^1', bed: 'bed-1' },
  { location: 'HO 3 West ICU^10^1', bed: 'bed-2' },
  { location: '3 West ICU^3002^1', bed: 'bed-2' },
  { location: 'CU1^^Bed001', bed: 'bed-3' },
];

/** Keeps the last lines and counts errors, so a fuzz run's 100,000 warnings cost no memory. */
export class QuietLog implements Log {
  readonly lines: string[] = [];
  errors = 0;
  info(): void {}
  warn(message: string, fields?: Record<string, unknown>): void {
    this.keep(`${message} ${JSON.stringify(fields ?? {})}`);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.errors++;
    this.keep(`ERROR ${message} ${JSON.stringify(fields ?? {})}`);
  }
  private keep(line: string): void {
    if (this.lines.length >= 1_000) this.lines.shift();
    this.lines.push(line);
  }
}

export interface Hl7Station {
  engine: StationEngine;
  client: ContractClient<StationContract>;
  port: number;
  dataDir: string;
  log: QuietLog;
  query<T>(sql: string, ...params: unknown[]): T[];
  /** Stops the engine; the data dir is removed unless kept for a restart. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startHl7Station(
  listener: Record<string, unknown> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'ward-station-hl7-')),
): Promise<Hl7Station> {
  const log = new QuietLog();
  const config = StationConfig.parse({
    unit: { name: 'HL7 test unit' },
    beds: BEDS,
    hl7: { listener: { host: '127.0.0.1', port: 0, ...listener }, locations: LOCATIONS },
  });
  const engine = StationEngine.start({
    dataDir,
    config,
    demo: false,
    restart: null,
    sqliteBinding: null,
    log,
  });
  const { port1, port2 } = new MessageChannel();
  engine.attachClient(messagePortEndpoint(port1 as unknown as MessagePortLike));
  const client = new ContractClient(stationContract, { callTimeoutMs: 10_000 });
  client.attach(messagePortEndpoint(port2 as unknown as MessagePortLike));
  let status = await client.call('hl7.status', {});
  for (let i = 0; status.state === 'starting' && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 20));
    status = await client.call('hl7.status', {});
  }
  if (status.state !== 'listening' || status.port === null) {
    throw new Error(`HL7 listener did not start: ${JSON.stringify(status)}`);
  }
  return {
    engine,
    client,
    port: status.port,
    dataDir,
    log,
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async stop(options = {}) {
      await engine.stop();
      port1.close();
      port2.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs Debian python3-hl7's mllp_send over a file of \n-separated messages; returns its stdout. */
export async function mllpSend(
  port: number,
  messages: readonly string[],
  dir: string,
): Promise<string> {
  const file = join(dir, `mllp-send-${port}-${Date.now()}.hl7`);
  writeFileSync(file, messages.map((m) => m.replace(/\r/g, '\n')).join('\n'));
  const { stdout } = await promisify(execFile)(
    '/usr/bin/mllp_send',
    ['--loose', '--file', file, '-p', String(port), '127.0.0.1'],
    { timeout: 30_000, encoding: 'latin1' },
  );
  return stdout;
}

/** A raw MLLP peer: writes any bytes, collects the frames that come back. */
export class RawMllpPeer {
  readonly replies: string[] = [];
  private readonly framer = new MllpFramer(16 * 1_048_576);
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.framer.push(chunk)) {
        if (event.kind === 'frame') this.replies.push(event.payload.toString('latin1'));
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static async connect(port: number): Promise<RawMllpPeer> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawMllpPeer(socket);
  }

  send(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  sendMessage(text: string): void {
    this.send(frameMessage(Buffer.from(text, 'latin1')));
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length < count && !this.closed) {
      if (Date.now() > deadline) {
        throw new Error(`only ${this.replies.length} of ${count} replies arrived`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.replies.slice(0, count);
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/**
 * The 17-OBX IHE example (reference A1) with its own MSH-10, in original mode (no accept-ACK
 * request) and dated today: its 2015 times would fall to the store's retention mid-test.
 */
export function recentPcd01(controlId: string): string {
  const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return messageText(referenceMessages.pcd01Monitor)
    .replace('HP0122182658686QQ000CND119C0WS61', controlId)
    .replace('|AL|NE|', '|||')
    .replace(/20150122/g, today);
}

/** MSA-1 and MSA-2 of an ACK. */
export function msaOf(ack: string): [string, string] {
  const msa = ack.split('\r').find((s) => s.startsWith('MSA|')) ?? '';
  const [, code = '', id = ''] = msa.split('|');
  return [code, id];
}
