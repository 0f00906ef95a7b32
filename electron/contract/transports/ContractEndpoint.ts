import type { WireMessage } from '../wire.js';

/**
 * One end of a connection between the engine and a client. A transport adapter turns a
 * MessagePort or a WebSocket into this; the contract server and client only see this.
 */
export interface ContractEndpoint {
  send(message: WireMessage): void;
  sendBinary(frame: ArrayBuffer): void;
  /** Structured messages arrive as parsed objects, binary ones as ArrayBuffer. */
  onMessage(handler: (message: unknown) => void): void;
  onClose(handler: () => void): void;
  close(): void;
}

/** What a received text message turns into when it is not valid JSON. */
export const UNPARSEABLE = Symbol('unparseable');
