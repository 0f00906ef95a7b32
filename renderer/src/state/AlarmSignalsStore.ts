/**
 * The station's alarm signal state (what sounds, AUDIO PAUSED, AUDIO OFF) as the engine last
 * said, and the nurse's alarm actions. Fetched again after every (re)connect; unknown (null)
 * while the engine is out of reach. An action that fails is reported, never dropped: a nurse who
 * pressed Acknowledge and saw nothing happen must be told why.
 */
import type { ConnectionState } from '../../../electron/contract/ContractClient.js';
import type { AlarmSignalState } from '../../../electron/contract/domain.js';
import type { StationConnection } from '../../../electron/contract/StationConnection.js';
import type { AlarmActions } from '../alarms/AlarmActionsContext.js';
import { backoffDelay } from '../connection/backoffDelay.js';
import { strings } from '../strings.js';

export interface AlarmSignalsState {
  signals: AlarmSignalState | null;
  /** The last action that failed and why, until the next one succeeds. */
  actionError: string | null;
}

function reasonOf(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'DISCONNECTED' || code === 'TIMEOUT') return strings.alarms.engineUnreachable;
  return error instanceof Error ? error.message : String(error);
}

export class AlarmSignalsStore implements AlarmActions {
  private state: AlarmSignalsState = { signals: null, actionError: null };
  private readonly listeners = new Set<() => void>();
  /** Bumped on every connection change so answers meant for an old connection are ignored. */
  private generation = 0;
  private loadAttempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly connection: StationConnection) {}

  /** Subscribes to the engine and loads the state if already connected; returns a stop function. */
  start(): () => void {
    const c = this.connection;
    const stops = [
      c.on('alarms.signalsChanged', (signals) => this.update({ signals })),
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

  getSnapshot = (): AlarmSignalsState => this.state;

  acknowledge = (id: string): void => {
    void this.act(strings.alarms.actions.acknowledge, async () => {
      await this.connection.call('alarms.acknowledge', { id });
    });
  };

  pauseAudio = (bed: string | null): void => {
    void this.act(strings.alarms.actions.pauseAudio, async () => {
      this.update({ signals: await this.connection.call('alarms.pauseAudio', { bed }) });
    });
  };

  resumeAudio = (bed: string | null): void => {
    void this.act(strings.alarms.actions.resumeAudio, async () => {
      this.update({ signals: await this.connection.call('alarms.resumeAudio', { bed }) });
    });
  };

  private async act(name: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
      if (this.state.actionError !== null) this.update({ actionError: null });
    } catch (error) {
      this.update({ actionError: strings.alarms.actionFailed(name, reasonOf(error)) });
    }
  }

  private connectionChanged(state: ConnectionState): void {
    this.generation++;
    this.cancelRetry();
    this.update({ signals: null });
    if (state === 'connected') {
      this.loadAttempts = 0;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    try {
      const signals = await this.connection.call('alarms.signals', {});
      if (generation === this.generation) this.update({ signals });
    } catch {
      // Unknown signals show as such in the banner until a retry succeeds.
      if (generation !== this.generation) return;
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

  private update(change: Partial<AlarmSignalsState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
