/**
 * Messages between the supervisor (Electron main, or the headless launcher) and the engine
 * process. This is process control, not the station contract: clients never see it.
 */
export interface GatewayOptions {
  host: string;
  /** 0 takes a free port on first start; restarts reuse the port the first start got. */
  port: number;
  /** Secret a browser must present (URL query once, then a cookie) to use the station. */
  token: string;
  /** Folder of the built renderer to serve. */
  rendererDir: string;
  /** Required for any address that is not loopback (remote view). */
  tls?: { certFile: string; keyFile: string } | null;
}

/** The demo ward's size when nobody says otherwise. */
export const DEFAULT_DEMO_BEDS = 8;

export interface EngineExit {
  code: number | null;
  signal: string | null;
}

export interface EngineStartOptions {
  dataDir: string;
  /** A station configuration file; null runs the built-in demo ward. */
  configPath: string | null;
  gateway: GatewayOptions | null;
  /** Set when this start is a restart after the engine died. */
  restart: { count: number; lastExit: EngineExit; at: number } | null;
  /** Beds of the built-in demo ward when no configuration is given (1–32). */
  demoBeds: number;
  /** Folder holding the shipped data files (demo ward recordings). */
  resourcesDir: string;
  /** Path of a better-sqlite3 binary built for this runtime's ABI (Electron), else default. */
  sqliteBinding: string | null;
}

export type SupervisorToEngine =
  | { type: 'start'; options: EngineStartOptions }
  /** Carries a MessagePort (Electron) for one renderer; the port is in the message's ports. */
  | { type: 'connect-client' }
  | { type: 'shutdown' };

export type EngineToSupervisor =
  | { type: 'ready'; gatewayUrl: string | null }
  | { type: 'heartbeat' }
  /** The engine cannot start (e.g. its data dir is unusable); restarting would not help. */
  | { type: 'fatal'; message: string };

export function isEngineToSupervisor(value: unknown): value is EngineToSupervisor {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { type?: unknown }).type;
  return t === 'ready' || t === 'heartbeat' || t === 'fatal';
}
