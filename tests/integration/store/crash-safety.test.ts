/**
 * Kill -9 during heavy ingest, again and again on the same database: each time it must open
 * without being set aside, pass SQLite's integrity check, hold every HL7 message whose ACK
 * could have gone out, and hold no wave chunk that does not decode to its sample count.
 */
import { spawn } from 'node:child_process';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWaveSamples } from '../../../electron/station/store/waveCodec.js';
import { RecordingLog, TempStation } from './storeFixtures.js';

const KILLS = 32;
const CHILD = 'tests/support/crashIngestChild.ts';

let station: TempStation;

beforeAll(() => {
  station = new TempStation();
});

afterAll(() => {
  station.cleanUp();
});

interface Run {
  acknowledged: string[];
  signal: NodeJS.Signals | null;
}

/**
 * Starts the child and kills it `killAfterMs` after it is ready to ingest (or, with
 * `duringStartUp`, after it was spawned), and collects the ids it acknowledged.
 */
function ingestUntilKilled(
  runId: number,
  killAfterMs: number,
  duringStartUp: boolean,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, station.dataDir, String(runId)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let timer = duringStartUp ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined;
    child.stdout.once('data', () => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`child ended by itself (code ${code}):\n${stderr}`));
        return;
      }
      const acknowledged = stdout
        .split('\n')
        .filter((line) => line.startsWith('ack '))
        .map((line) => line.slice(4));
      resolve({ acknowledged, signal });
    });
  });
}

function damage(): { integrity: unknown; missing: string[]; tornChunks: number; chunks: number } {
  return station.inspect((db: Database.Database) => {
    const integrity = db.pragma('integrity_check', { simple: true });
    const stored = new Set(
      db
        .prepare<[], { control_id: string }>('SELECT control_id FROM hl7_messages')
        .all()
        .map((row) => row.control_id),
    );
    const missing = acknowledged.filter((id) => !stored.has(id));
    let tornChunks = 0;
    let chunks = 0;
    const rows = db
      .prepare<[], { codec: string; data: Buffer; sample_count: number }>(
        'SELECT codec, data, sample_count FROM wave_chunks',
      )
      .iterate();
    for (const row of rows) {
      chunks++;
      try {
        if (decodeWaveSamples(row.codec, row.data).length !== row.sample_count) tornChunks++;
      } catch {
        tornChunks++;
      }
    }
    return { integrity, missing, tornChunks, chunks };
  });
}

const acknowledged: string[] = [];

describe('kill -9 during heavy ingest', () => {
  it(`leaves a sound database with every acknowledged message, ${KILLS} times over`, async () => {
    let chunksSeen = 0;
    for (let run = 0; run < KILLS; run++) {
      // Every fourth run dies while opening or migrating, the others mid-ingest.
      const duringStartUp = run % 4 === 0;
      const killAfterMs = Math.floor(Math.random() * (duringStartUp ? 400 : 600));
      const { acknowledged: acked } = await ingestUntilKilled(run, killAfterMs, duringStartUp);
      acknowledged.push(...acked);

      // The station's own open: a damaged file would be set aside and reported.
      const store = station.open(new RecordingLog());
      expect(store.startupProblems, `run ${run}, killed after ${killAfterMs} ms`).toEqual([]);
      store.close();

      const found = damage();
      expect(found.integrity, `run ${run}`).toBe('ok');
      expect(found.missing, `run ${run}`).toEqual([]);
      expect(found.tornChunks, `run ${run}`).toBe(0);
      chunksSeen = Math.max(chunksSeen, found.chunks);
    }
    // The kills must have landed on real work, not only on start-ups.
    expect(acknowledged.length).toBeGreaterThan(KILLS * 10);
    expect(chunksSeen).toBeGreaterThan(0);
  }, 120_000);
});
