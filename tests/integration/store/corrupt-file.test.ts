import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextTurn, observation, RecordingLog, TempStation } from './storeFixtures.js';

let station: TempStation;

beforeEach(() => {
  station = new TempStation();
});

afterEach(() => {
  station.cleanUp();
});

function filesSetAside(): string[] {
  return readdirSync(station.dataDir).filter((name) => name.startsWith('station.sqlite.corrupt-'));
}

describe('an unreadable database file', () => {
  it('is moved aside byte for byte and replaced by a fresh, working database', async () => {
    const junk = randomBytes(64 * 1024);
    writeFileSync(station.file, junk);
    const log = new RecordingLog();

    const store = station.open(log);

    expect(filesSetAside()).toHaveLength(1);
    const [aside] = filesSetAside();
    expect(aside).toMatch(/^station\.sqlite\.corrupt-\d{8}T\d{6}\.\d{3}Z$/);
    expect(readFileSync(join(station.dataDir, aside!)).equals(junk)).toBe(true);

    expect(store.startupProblems).toHaveLength(1);
    expect(store.startupProblems[0]).toMatchObject({ code: 'store.replaced-corrupt-file' });
    expect(store.startupProblems[0]?.message).toContain('SQLITE_NOTADB');
    expect(store.startupProblems[0]?.message).toContain(aside);
    expect(log.entries.some((e) => e.level === 'error' && e.fields?.['aside'])).toBe(true);

    store.writeObservations([observation()]);
    await nextTurn();
    store.close();
    expect(
      station.inspect((db) => db.prepare('SELECT count(*) AS n FROM observations').get()),
    ).toEqual({ n: 1 });
  });

  it('is moved aside when its header is fine but its pages are damaged', async () => {
    const store = station.open();
    store.writeObservations(
      Array.from({ length: 5_000 }, (_, i) => observation({ bed: `bed-${i % 30}`, time: i })),
    );
    await nextTurn();
    store.close();
    const pageSize = station.inspect((db) => db.pragma('page_size', { simple: true }));
    const fd = openSync(station.file, 'r+');
    writeSync(fd, randomBytes(Number(pageSize) * 4), 0, undefined, Number(pageSize) * 2);
    closeSync(fd);

    const reopened = station.open();

    expect(reopened.startupProblems.map((p) => p.code)).toEqual(['store.replaced-corrupt-file']);
    expect(filesSetAside()).toHaveLength(1);
    expect(reopened.latestObservations()).toEqual([]);
  });

  it('is not touched again once a fresh database is in place', () => {
    writeFileSync(station.file, randomBytes(4096));
    station.open().close();

    const reopened = station.open();

    expect(reopened.startupProblems).toEqual([]);
    expect(filesSetAside()).toHaveLength(1);
  });
});
