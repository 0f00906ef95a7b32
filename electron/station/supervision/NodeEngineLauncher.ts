import { fork } from 'node:child_process';
import type { EngineLauncher, EngineProcess } from './EngineLauncher.js';
import { isEngineToSupervisor } from './EngineProtocol.js';

/** Runs the engine as a plain Node child process (headless station, tests). */
export class NodeEngineLauncher implements EngineLauncher {
  constructor(
    private readonly entry: string,
    private readonly execArgv: string[] = [],
  ) {}

  launch(): EngineProcess {
    const child = fork(this.entry, [], {
      execArgv: this.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (child.connected) child.send(message);
      },
      onMessage(handler) {
        child.on('message', (m) => {
          if (isEngineToSupervisor(m)) handler(m);
        });
      },
      onExit(handler) {
        child.on('exit', (code, signal) => handler({ code, signal }));
      },
      kill(signal = 'SIGTERM') {
        child.kill(signal);
      },
    };
  }
}
