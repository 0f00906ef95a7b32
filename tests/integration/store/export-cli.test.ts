/**
 * `npm run station -- export …`, run as a real process on the CLI's source (tsx), against a
 * database written by the real store: no engine is started, the database is only read.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observation, TempStation, waveSegment } from './storeFixtures.js';

const T0 = Date.parse('2026-05-01T08:00:00Z');

let station: TempStation;

beforeEach(() => {
  station = new TempStation();
  const store = station.open();
  store.writeObservations([
    observation({ time: T0 + 1_000, value: 96 }),
    observation({ time: T0 + 61_000, value: 95 }),
  ]);
  store.writeWaves([
    waveSegment({
      sampleRate: 100,
      t0: T0,
      samples: Int16Array.from({ length: 1_000 }, (_, i) => i),
    }),
  ]);
  store.close();
});

afterEach(() => {
  station.cleanUp();
});

function stationCli(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'electron/station/cli/main.ts', 'export', ...args],
    { encoding: 'utf8', timeout: 30_000 },
  );
}

describe('station export (command line)', () => {
  it('writes numerics as CSV and waveforms as EDF+ for an ISO 8601 time range', () => {
    const csv = join(station.dataDir, 'out.csv');
    const edf = join(station.dataDir, 'out.edf');
    const range = ['--data-dir', station.dataDir, '--bed', 'bed-1'];

    const csvRun = stationCli(
      ...range,
      '--from',
      '2026-05-01T08:00:00Z',
      '--to',
      '2026-05-01T08:01:00Z',
      '--out',
      csv,
    );
    const edfRun = stationCli(
      ...range,
      '--from',
      '2026-05-01T10:00:00+02:00',
      '--to',
      '2026-05-01T08:00:10Z',
      '--out',
      edf,
    );

    expect(csvRun.status, csvRun.stderr).toBe(0);
    expect(csvRun.stdout).toContain(`Wrote 1 rows`);
    expect(readFileSync(csv, 'utf8').split('\r\n')[1]).toContain(`${T0 + 1_000},bed-1,150456`);
    expect(edfRun.status, edfRun.stderr).toBe(0);
    expect(edfRun.stdout).toContain('Wrote 10 data records');
    const header = readFileSync(edf).subarray(0, 256).toString('latin1');
    expect(header.slice(192, 197)).toBe('EDF+C');
  });

  it('answers a wrong command line with a sentence and exit code 2, writing nothing', () => {
    const out = join(station.dataDir, 'out.txt');
    const badOut = stationCli(
      '--data-dir',
      station.dataDir,
      '--bed',
      'bed-1',
      '--from',
      '2026-05-01T08:00:00Z',
      '--to',
      '2026-05-01T09:00:00Z',
      '--out',
      out,
    );
    const badTime = stationCli(
      '--data-dir',
      station.dataDir,
      '--bed',
      'bed-1',
      '--from',
      'yesterday',
      '--to',
      '2026-05-01T09:00:00Z',
      '--out',
      join(station.dataDir, 'x.csv'),
    );
    const noDatabase = stationCli(
      '--data-dir',
      join(station.dataDir, 'nowhere'),
      '--bed',
      'bed-1',
      '--from',
      '2026-05-01T08:00:00Z',
      '--to',
      '2026-05-01T09:00:00Z',
      '--out',
      join(station.dataDir, 'y.csv'),
    );

    expect(badOut.status).toBe(2);
    expect(badOut.stderr).toContain('--out must end in .csv (numerics) or .edf (waveforms)');
    expect(badTime.status).toBe(2);
    expect(badTime.stderr).toContain('--from must be an ISO 8601 time');
    expect(noDatabase.status).toBe(2);
    expect(noDatabase.stderr).toContain('there is no station database in');
    expect(existsSync(out)).toBe(false);
  });
});
