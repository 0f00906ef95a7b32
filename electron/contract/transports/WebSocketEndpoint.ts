import type { WireMessage } from '../wire.js';
import { UNPARSEABLE, type ContractEndpoint } from './ContractEndpoint.js';

/**
 * The part of the WebSocket API that both the browser's WebSocket and the `ws` package offer.
 */
export interface WebSocketLike {
  binaryType: string;
  readyState: number;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', cb: (e: { data: unknown }) => void): void;
  addEventListener(type: 'close', cb: () => void): void;
}

const OPEN = 1;

export function webSocketEndpoint(socket: WebSocketLike): ContractEndpoint {
  socket.binaryType = 'arraybuffer';
  return {
    send(message: WireMessage) {
      if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
    },
    sendBinary(frame: ArrayBuffer) {
      if (socket.readyState === OPEN) socket.send(frame);
    },
    onMessage(handler) {
      socket.addEventListener('message', (e) => {
        const data = e.data;
        if (typeof data === 'string') {
          let parsed: unknown;
          try {
            parsed = JSON.parse(data);
          } catch {
            parsed = UNPARSEABLE;
          }
          handler(parsed);
        } else if (data instanceof ArrayBuffer) {
          handler(data);
        } else {
          handler(UNPARSEABLE);
        }
      });
    },
    onClose(handler) {
      socket.addEventListener('close', handler);
    },
    close() {
      socket.close(1000, 'closed');
    },
  };
}
