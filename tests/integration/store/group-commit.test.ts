import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alarm, Observation } from '../../../electron/contract/domain.js';
import { nextTurn, observation, TempStation } from './storeFixtures.js';

const SPO2 = 150456;
const PULSE = 149530;

let station: TempStation;

beforeEach(() => {
  station = new TempStation();
});

afterEach(() => {
  station.cleanUp();
});

function byBedAndCode(observations: Observation[]): Observation[] {
  return [...observations].sort((a, b) => a.bed.localeCompare(b.bed) || a.code - b.code);
}

const alarm: Alarm = {
  id: 'link.no-data|bed-1|link-1|1',
  bed: 'bed-1',
  source: 'link-1',
  code: 'link.no-data',
  text: 'Bed 1: no data',
  priority: 'medium',
  kind: 'technical',
  state: 'active',
  startedAt: 1_700_000_000_000,
  endedAt: null,
};

describe('group commit', () => {
  it('commits everything written in one event-loop turn in a single transaction', async () => {
    const store = station.open();
    let commits = 0;
    store.onCommit(() => commits++);

    for (let i = 0; i < 200; i++) {
      store.writeObservations([
        observation({ bed: `bed-${i % 4}`, code: SPO2, value: 90 + (i % 10), time: 1_000 + i }),
        observation({ bed: `bed-${i % 4}`, code: PULSE, unit: '{beat}/min', time: 1_000 + i }),
      ]);
    }
    store.upsertAlarm(alarm);
    expect(commits).toBe(0);

    await nextTurn();
    expect(commits).toBe(1);
    store.close();

    expect(
      station.inspect((db) => db.prepare('SELECT count(*) AS n FROM observations').get()),
    ).toEqual({ n: 400 });
  });

  it('keeps the newest observation per bed and code, before and after a reopen', async () => {
    const store = station.open();
    const newestSpo2 = observation({ bed: 'bed-1', code: SPO2, value: 95, time: 3_000 });
    const newestPulse = observation({ bed: 'bed-1', code: PULSE, value: 72, time: 2_000 });
    const otherBed = observation({ bed: 'bed-2', code: SPO2, value: 99, time: 1_000 });
    store.writeObservations([observation({ bed: 'bed-1', code: SPO2, value: 90, time: 1_000 })]);
    store.writeObservations([newestSpo2, newestPulse, otherBed]);
    // Late and older: a device catching up must not replace what is newer.
    store.writeObservations([observation({ bed: 'bed-1', code: SPO2, value: 80, time: 2_500 })]);

    const expected = byBedAndCode([newestSpo2, newestPulse, otherBed]);
    expect(byBedAndCode(store.latestObservations())).toEqual(expected);
    expect(byBedAndCode(store.latestObservations('bed-1'))).toEqual(
      byBedAndCode([newestSpo2, newestPulse]),
    );
    expect(store.latestObservations('bed-9')).toEqual([]);
    await nextTurn();
    store.close();

    const reopened = station.open();
    expect(byBedAndCode(reopened.latestObservations())).toEqual(expected);
    expect(reopened.latestObservations('bed-2')).toEqual([otherBed]);
  });

  it('lists alarms that have not ended, including changes not yet committed', async () => {
    const store = station.open();
    store.upsertAlarm(alarm);
    expect(store.activeAlarms()).toEqual([alarm]);
    await nextTurn();
    store.close();

    const reopened = station.open();
    expect(reopened.activeAlarms()).toEqual([alarm]);
    reopened.upsertAlarm({ ...alarm, state: 'ended', endedAt: 1_700_000_060_000 });
    expect(reopened.activeAlarms()).toEqual([]);
    reopened.close();

    expect(station.open().activeAlarms()).toEqual([]);
  });

  it('tells commit listeners only after the data is in the file', async () => {
    const store = station.open();
    const rowsSeenAtCommit: unknown[] = [];
    store.onCommit(() =>
      rowsSeenAtCommit.push(
        station.inspect((db) => db.prepare('SELECT count(*) AS n FROM observations').get()),
      ),
    );

    store.writeObservations([observation(), observation({ time: 2 })]);
    await nextTurn();

    expect(rowsSeenAtCommit).toEqual([{ n: 2 }]);
  });
});
