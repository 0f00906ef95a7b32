import { utilityProcess, type MessagePortMain } from 'electron';
import type { EngineLauncher, EngineProcess } from '../station/supervision/EngineLauncher.js';
import { isEngineToSupervisor } from '../station/supervision/EngineProtocol.js';

const ENGINE_SERVICE_NAME = 'Ward Station engine';

/**
 * Runs the engine in an Electron utilityProcess: a Node process owned by Electron that, unlike
 * a forked child, can be handed the MessagePorts renderers talk to the engine through.
 */
export class UtilityEngineLauncher implements EngineLauncher {
  constructor(private readonly entry: string) {}

  launch(): EngineProcess {
    const child = utilityProcess.fork(this.entry, [], {
      serviceName: ENGINE_SERVICE_NAME,
      stdio: 'inherit',
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message, transfer = []) {
        // A dead engine takes no messages; the supervisor is already restarting it.
        if (exited) return;
        // The supervisor only ever transfers ports made by MessageChannelMain.
        child.postMessage(message, [...transfer] as MessagePortMain[]);
      },
      onMessage(handler) {
        child.on('message', (message: unknown) => {
          if (isEngineToSupervisor(message)) handler(message);
        });
      },
      onExit(handler) {
        // utilityProcess reports an exit code only, never the signal.
        child.on('exit', (code) => handler({ code, signal: null }));
      },
      kill() {
        // utilityProcess takes no signal: it is always a plain terminate request.
        child.kill();
      },
    };
  }
}
