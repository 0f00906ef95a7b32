/**
 * The engine's line to its supervisor. In Electron the engine is a utilityProcess and talks
 * through process.parentPort (which can also hand over MessagePorts); headless it is a forked
 * Node child and talks through process.send.
 */
import type { MessagePortLike } from '../../contract/transports/MessagePortEndpoint.js';
import type { EngineToSupervisor, SupervisorToEngine } from '../supervision/EngineProtocol.js';

export interface ParentChannel {
  send(message: EngineToSupervisor): void;
  onMessage(handler: (message: SupervisorToEngine, ports: MessagePortLike[]) => void): void;
  /** The supervisor went away: an orphaned engine must not keep running. */
  onDisconnect(handler: () => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(
    event: 'message',
    listener: (e: { data: SupervisorToEngine; ports: MessagePortLike[] }) => void,
  ): void;
}

export function connectToParent(): ParentChannel {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (h) => parentPort.on('message', (e) => h(e.data, e.ports)),
      // utilityProcess children are ended by Electron together with their parent.
      onDisconnect: () => undefined,
    };
  }
  if (!process.send) throw new Error('the station engine must be started by its supervisor');
  return {
    send: (m) => {
      if (process.connected) process.send?.(m);
    },
    onMessage: (h) => process.on('message', (m) => h(m as SupervisorToEngine, [])),
    onDisconnect: (h) => process.on('disconnect', h),
  };
}
