import type { EngineExit, EngineToSupervisor, SupervisorToEngine } from './EngineProtocol.js';

/**
 * One running engine process, whatever started it: a Node child process headless, an Electron
 * utilityProcess in the app.
 */
export interface EngineProcess {
  readonly pid: number | undefined;
  send(message: SupervisorToEngine, transfer?: readonly unknown[]): void;
  onMessage(handler: (message: EngineToSupervisor) => void): void;
  onExit(handler: (exit: EngineExit) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export interface EngineLauncher {
  launch(): EngineProcess;
}
