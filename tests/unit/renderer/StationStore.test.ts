import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../../electron/contract/ContractClient.js';
import type { Bed } from '../../../electron/contract/domain.js';
import { ContractError } from '../../../electron/contract/errors.js';
import type { StationConnection } from '../../../electron/contract/StationConnection.js';
import { StationStore } from '../../../renderer/src/state/StationStore.js';
import { alarm, link, observation, waveStream } from './fixtures.js';

const bed: Bed = { id: 'bed-1', label: 'Bed 1', patient: null, demo: true };

const answers: Record<string, unknown> = {
  'beds.list': [bed],
  'waves.streams': [waveStream()],
  'observations.latest': [observation({ value: 95 })],
  'alarms.active': [alarm({ bed: null, code: 'station.engine-restarted', kind: 'technical' })],
  'links.list': [link()],
};

/** A connection whose calls answer from `answers` (or fail while `failing`). */
function fakeConnection() {
  const events = new Map<string, (data: unknown) => void>();
  const connectionHandlers = new Set<(state: ConnectionState) => void>();
  const fake = {
    connected: false,
    failing: false,
    calls: [] as string[],
    emit: (event: string, data: unknown) => events.get(event)?.(data),
    setConnected(connected: boolean) {
      fake.connected = connected;
      for (const h of connectionHandlers) h(connected ? 'connected' : 'disconnected');
    },
    connection: {
      call(name: string) {
        fake.calls.push(name);
        if (fake.failing) {
          return Promise.reject(new ContractError({ code: 'TIMEOUT', message: 'no answer' }));
        }
        return Promise.resolve(answers[name]);
      },
      on(event: string, handler: (data: unknown) => void) {
        events.set(event, handler);
        return () => events.delete(event);
      },
      onBinary: () => () => {},
      onConnection(handler: (state: ConnectionState) => void) {
        connectionHandlers.add(handler);
        return () => connectionHandlers.delete(handler);
      },
      isConnected: () => fake.connected,
    } as unknown as StationConnection,
  };
  return fake;
}

const settle = () => vi.advanceTimersByTimeAsync(0);

afterEach(() => vi.useRealTimers());

describe('StationStore', () => {
  it('loads beds, streams, observations, alarms and links once connected', async () => {
    vi.useFakeTimers();
    const fake = fakeConnection();
    const store = new StationStore(fake.connection);
    store.start();
    expect(store.getSnapshot().connection).toBe('connecting');
    fake.setConnected(true);
    await settle();
    const state = store.getSnapshot();
    expect(state.connection).toBe('connected');
    expect(state.beds).toEqual([bed]);
    expect(state.streams).toHaveLength(1);
    expect(state.observations.get('bed-1')?.get(150456)?.value).toBe(95);
    expect(state.alarms[0]?.code).toBe('station.engine-restarted');
    expect(state.links).toHaveLength(1);
  });

  it('keeps up with the engine’s events and tells subscribers', async () => {
    vi.useFakeTimers();
    const fake = fakeConnection();
    fake.connected = true;
    const store = new StationStore(fake.connection);
    store.start();
    await settle();
    const listener = vi.fn();
    store.subscribe(listener);
    fake.emit('observations', [observation({ value: 99, time: 5_000 })]);
    fake.emit('alarms.changed', []);
    fake.emit('links.changed', [link({ state: 'stale' })]);
    fake.emit('waves.streamsChanged', []);
    const state = store.getSnapshot();
    expect(state.observations.get('bed-1')?.get(150456)?.value).toBe(99);
    expect(state.alarms).toEqual([]);
    expect(state.links.map((l) => l.state)).toEqual(['stale']);
    expect(state.streams).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it('drops live values when the connection is lost and fetches everything again after', async () => {
    vi.useFakeTimers();
    const fake = fakeConnection();
    fake.connected = true;
    const store = new StationStore(fake.connection);
    store.start();
    await settle();
    fake.setConnected(false);
    const lost = store.getSnapshot();
    expect(lost.connection).toBe('lost');
    expect(lost.streams).toEqual([]);
    expect(lost.observations.size).toBe(0);
    expect(lost.beds).toEqual([bed]);
    fake.calls.length = 0;
    fake.setConnected(true);
    await settle();
    expect(fake.calls.sort()).toEqual([
      'alarms.active',
      'beds.list',
      'links.list',
      'observations.latest',
      'waves.streams',
    ]);
    expect(store.getSnapshot().streams).toHaveLength(1);
  });

  it('shows why loading failed and retries with backoff', async () => {
    vi.useFakeTimers();
    const fake = fakeConnection();
    fake.connected = true;
    fake.failing = true;
    const store = new StationStore(fake.connection);
    store.start();
    await settle();
    expect(store.getSnapshot().loadError).toBe('no answer');
    fake.failing = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(store.getSnapshot().loadError).toBeNull();
    expect(store.getSnapshot().beds).toEqual([bed]);
  });

  it('ignores answers that arrive after the connection they were asked on was lost', async () => {
    vi.useFakeTimers();
    const fake = fakeConnection();
    fake.connected = true;
    const store = new StationStore(fake.connection);
    store.start();
    fake.setConnected(false);
    await settle();
    expect(store.getSnapshot().streams).toEqual([]);
    expect(store.getSnapshot().beds).toEqual([]);
  });
});
