import type { WireMessage } from '../wire.js';
import type { ContractEndpoint } from './ContractEndpoint.js';

/**
 * The shape shared by the DOM MessagePort, Node's worker_threads MessagePort and Electron's
 * MessagePortMain: enough to carry the contract without knowing which one it is.
 */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  start?(): void;
  close(): void;
}

type Listen = (
  port: MessagePortLike,
  onMessage: (data: unknown) => void,
  onClose: () => void,
) => void;

/**
 * DOM and Node ports are event targets delivering MessageEvents; Electron's MessagePortMain is
 * an EventEmitter whose 'message' listener also gets an event with `data`.
 */
const listen: Listen = (port, onMessage, onClose) => {
  const target = port as unknown as {
    addEventListener?(type: string, cb: (e: { data: unknown }) => void): void;
    on?(type: string, cb: (e: { data: unknown }) => void): void;
  };
  if (typeof target.addEventListener === 'function') {
    target.addEventListener('message', (e) => onMessage(e.data));
    target.addEventListener('close', () => onClose());
  } else if (typeof target.on === 'function') {
    target.on('message', (e) => onMessage(e.data));
    target.on('close', () => onClose());
  }
};

export function messagePortEndpoint(port: MessagePortLike): ContractEndpoint {
  const messageHandlers: ((message: unknown) => void)[] = [];
  const closeHandlers: (() => void)[] = [];
  let closed = false;
  const fireClose = (): void => {
    if (closed) return;
    closed = true;
    for (const h of closeHandlers) h();
  };
  listen(
    port,
    (data) => {
      for (const h of messageHandlers) h(data);
    },
    fireClose,
  );
  port.start?.();
  return {
    send(message: WireMessage) {
      if (!closed) port.postMessage(message);
    },
    sendBinary(frame: ArrayBuffer) {
      // Copied, not transferred: one frame may go to several clients.
      if (!closed) port.postMessage(frame);
    },
    onMessage(handler) {
      messageHandlers.push(handler);
    },
    onClose(handler) {
      closeHandlers.push(handler);
    },
    close() {
      port.close();
      fireClose();
    },
  };
}
