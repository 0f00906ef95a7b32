/**
 * Real transport pairs for the shared contract suite: a worker_threads MessageChannel (standing
 * in for Electron's MessagePort, which has the same shape) and a real WebSocket over loopback.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { MessageChannel } from 'node:worker_threads';
import { WebSocket, WebSocketServer } from 'ws';
import type { ContractEndpoint } from '../../electron/contract/transports/ContractEndpoint.js';
import {
  messagePortEndpoint,
  type MessagePortLike,
} from '../../electron/contract/transports/MessagePortEndpoint.js';
import {
  webSocketEndpoint,
  type WebSocketLike,
} from '../../electron/contract/transports/WebSocketEndpoint.js';

export interface EndpointPair {
  server: ContractEndpoint;
  client: ContractEndpoint;
  /** Sends a raw, possibly malformed message from the client side, bypassing the client. */
  sendRaw(data: string | ArrayBuffer | object): void;
  close(): Promise<void>;
}

export interface TransportUnderTest {
  name: string;
  connect(): Promise<EndpointPair>;
}

export const messagePortTransport: TransportUnderTest = {
  name: 'MessagePort',
  async connect() {
    const { port1, port2 } = new MessageChannel();
    const server = messagePortEndpoint(port1 as unknown as MessagePortLike);
    const client = messagePortEndpoint(port2 as unknown as MessagePortLike);
    return {
      server,
      client,
      sendRaw: (data) => port2.postMessage(data),
      close: async () => {
        port1.close();
        port2.close();
      },
    };
  },
};

export const webSocketTransport: TransportUnderTest = {
  name: 'WebSocket',
  async connect() {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const serverSide = new Promise<ContractEndpoint>((resolve) => {
      wss.once('connection', (ws) => resolve(webSocketEndpoint(ws as unknown as WebSocketLike)));
    });
    const port = (wss.address() as AddressInfo).port;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/contract`);
    const client = webSocketEndpoint(socket as unknown as WebSocketLike);
    await once(socket, 'open');
    const server = await serverSide;
    return {
      server,
      client,
      sendRaw: (data) =>
        socket.send(
          typeof data === 'string' || data instanceof ArrayBuffer ? data : JSON.stringify(data),
        ),
      close: async () => {
        socket.close();
        for (const c of wss.clients) c.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      },
    };
  },
};
