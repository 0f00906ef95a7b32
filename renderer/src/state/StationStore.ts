/**
 * What the renderer knows about the station, kept current from the engine's events. After every
 * (re)connect the whole state is fetched again, because a restarted engine remembers nothing of
 * what it sent before. While the connection is down, live values are dropped rather than shown
 * as if they were current.
 */
import type { ConnectionState } from '../../../electron/contract/ContractClient.js';
import type {
  Alarm,
  Bed,
  DeviceLinkStatus,
  WaveStream,
} from '../../../electron/contract/domain.js';
import type { StationConnection } from '../../../electron/contract/StationConnection.js';
import { backoffDelay } from '../connection/backoffDelay.js';
import { mergeLinks } from './mergeLinks.js';
import { mergeObservations, noObservations, type ObservationsByBed } from './observationsByBed.js';

/** 'connecting' only until the first connection; after that a loss is 'lost'. */
export type EngineConnection = 'connecting' | 'connected' | 'lost';

export interface StationState {
  connection: EngineConnection;
  beds: readonly Bed[];
  streams: readonly WaveStream[];
  observations: ObservationsByBed;
  /** Alarms that are not ended, as the engine last listed them. */
  alarms: readonly Alarm[];
  links: readonly DeviceLinkStatus[];
  /** Why loading the station's state failed, while it is being retried. */
  loadError: string | null;
}

export class StationStore {
  private state: StationState;
  private readonly listeners = new Set<() => void>();
  /** Bumped on every connection change so answers meant for an old connection are ignored. */
  private generation = 0;
  private loadAttempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly connection: StationConnection) {
    this.state = {
      connection: connection.isConnected() ? 'connected' : 'connecting',
      beds: [],
      streams: [],
      observations: noObservations,
      alarms: [],
      links: [],
      loadError: null,
    };
  }

  /** Subscribes to the engine and loads the state if already connected; returns a stop function. */
  start(): () => void {
    const c = this.connection;
    const stops = [
      c.on('observations', (batch) =>
        this.update({ observations: mergeObservations(this.state.observations, batch) }),
      ),
      c.on('alarms.changed', (alarms) => this.update({ alarms })),
      c.on('links.changed', (links) => this.update({ links: mergeLinks(this.state.links, links) })),
      c.on('waves.streamsChanged', (streams) => this.update({ streams })),
      c.onConnection((state) => this.connectionChanged(state)),
    ];
    if (c.isConnected()) void this.load();
    return () => {
      for (const stop of stops) stop();
      this.cancelRetry();
      this.generation++;
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StationState => this.state;

  private connectionChanged(state: ConnectionState): void {
    this.generation++;
    this.cancelRetry();
    if (state === 'connected') {
      this.loadAttempts = 0;
      this.update({ connection: 'connected' });
      void this.load();
    } else {
      this.update({
        connection: 'lost',
        streams: [],
        observations: noObservations,
        loadError: null,
      });
    }
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    const c = this.connection;
    try {
      const [beds, streams, observations, alarms, links] = await Promise.all([
        c.call('beds.list', {}),
        c.call('waves.streams', {}),
        c.call('observations.latest', {}),
        c.call('alarms.active', {}),
        c.call('links.list', {}),
      ]);
      if (generation !== this.generation) return;
      this.update({
        beds,
        streams,
        // Events that arrived while the calls were in flight may be newer than these.
        observations: mergeObservations(this.state.observations, observations),
        alarms,
        links,
        loadError: null,
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.update({ loadError: error instanceof Error ? error.message : String(error) });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.load();
      }, backoffDelay(this.loadAttempts++));
    }
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private update(change: Partial<StationState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
