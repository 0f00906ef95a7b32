/**
 * Keeps the engine running. Shared by Electron main and the headless launcher: it starts the
 * engine, restarts it when it dies or stops answering, and tells the new engine that it is a
 * restart so the engine raises the "station engine restarted" technical alarm nurses see.
 */
import { EventEmitter } from 'node:events';
import type { EngineLauncher, EngineProcess } from './EngineLauncher.js';
import type { EngineExit, EngineStartOptions } from './EngineProtocol.js';

export interface SupervisorLog {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface SupervisorOptions {
  /** Delay before the first restarts; a crash loop backs off up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** An engine that sends no heartbeat for this long is killed and restarted. */
  heartbeatTimeoutMs?: number;
}

export interface EngineReady {
  pid: number | undefined;
  gatewayUrl: string | null;
  restarts: number;
}

interface SupervisorEvents {
  ready: [EngineReady];
  exit: [EngineExit];
  fatal: [string];
}

/** Restarts within this window count towards the crash-loop backoff. */
const CRASH_WINDOW_MS = 60_000;

export class EngineSupervisor extends EventEmitter<SupervisorEvents> {
  private engine: EngineProcess | null = null;
  private restarts = 0;
  private recentCrashes: number[] = [];
  private stopping = false;
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly restartDelayMs: number;
  private readonly maxRestartDelayMs: number;
  private readonly heartbeatTimeoutMs: number;

  constructor(
    private readonly launcher: EngineLauncher,
    private startOptions: EngineStartOptions,
    private readonly log: SupervisorLog,
    options: SupervisorOptions = {},
  ) {
    super();
    this.restartDelayMs = options.restartDelayMs ?? 250;
    this.maxRestartDelayMs = options.maxRestartDelayMs ?? 5_000;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 10_000;
  }

  get process(): EngineProcess | null {
    return this.engine;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** Resolves when the first engine reports ready; rejects if it cannot start at all. */
  start(): Promise<EngineReady> {
    return new Promise((resolve, reject) => {
      const onReady = (r: EngineReady): void => {
        this.off('fatal', onFatal);
        resolve(r);
      };
      const onFatal = (m: string): void => {
        this.off('ready', onReady);
        reject(new Error(m));
      };
      this.once('ready', onReady);
      this.once('fatal', onFatal);
      this.spawn(null);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    const engine = this.engine;
    if (!engine) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => engine.kill('SIGKILL'), 5_000);
      engine.onExit(() => {
        clearTimeout(force);
        resolve();
      });
      engine.send({ type: 'shutdown' });
    });
  }

  private spawn(restart: EngineStartOptions['restart']): void {
    const engine = this.launcher.launch();
    this.engine = engine;
    this.log.info('engine: started', { pid: engine.pid, restart: restart?.count ?? 0 });
    engine.onMessage((message) => {
      if (engine !== this.engine) return;
      switch (message.type) {
        case 'heartbeat':
          this.armHeartbeat(engine);
          break;
        case 'ready':
          this.armHeartbeat(engine);
          this.keepGatewayPort(message.gatewayUrl);
          this.emit('ready', {
            pid: engine.pid,
            gatewayUrl: message.gatewayUrl,
            restarts: this.restarts,
          });
          break;
        case 'fatal':
          this.log.error('engine: cannot start', { message: message.message });
          this.stopping = true;
          this.emit('fatal', message.message);
          break;
      }
    });
    engine.onExit((exit) => this.onEngineExit(engine, exit));
    engine.send({ type: 'start', options: { ...this.startOptions, restart } });
    this.armHeartbeat(engine);
  }

  /** A restart must come back on the same address, or open browsers could not reconnect. */
  private keepGatewayPort(url: string | null): void {
    if (!url || !this.startOptions.gateway) return;
    const port = Number(new URL(url).port);
    if (port > 0)
      this.startOptions = { ...this.startOptions, gateway: { ...this.startOptions.gateway, port } };
  }

  private armHeartbeat(engine: EngineProcess): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      this.log.error('engine: no heartbeat, killing it', {
        pid: engine.pid,
        timeoutMs: this.heartbeatTimeoutMs,
      });
      engine.kill('SIGKILL');
    }, this.heartbeatTimeoutMs);
  }

  private onEngineExit(engine: EngineProcess, exit: EngineExit): void {
    if (engine !== this.engine) return;
    this.engine = null;
    this.clearTimers();
    this.emit('exit', exit);
    if (this.stopping) {
      this.log.info('engine: stopped', { ...exit });
      return;
    }
    const now = Date.now();
    this.recentCrashes = [...this.recentCrashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const delay = Math.min(
      this.maxRestartDelayMs,
      this.restartDelayMs * 2 ** Math.max(0, this.recentCrashes.length - 3),
    );
    this.log.error('engine: died, restarting', { ...exit, pid: engine.pid, delayMs: delay });
    this.restartTimer = setTimeout(() => {
      this.restarts += 1;
      this.spawn({ count: this.restarts, lastExit: exit, at: now });
    }, delay);
  }

  private clearTimers(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.heartbeatTimer = null;
    this.restartTimer = null;
  }
}
