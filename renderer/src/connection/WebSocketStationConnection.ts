/**
 * The station connection in a browser: the contract over a WebSocket to the headless gateway.
 * The engine restarts after a crash and comes back on the same port, so a closed socket is
 * reopened with capped backoff; callers keep their handlers across reconnects.
 */
import { ContractClient, type ConnectionState } from '../../../electron/contract/ContractClient.js';
import type { CallInput, CallOutput, EventData } from '../../../electron/contract/definition.js';
import type {
  StationCall,
  StationConnection,
  StationEvent,
} from '../../../electron/contract/StationConnection.js';
import {
  stationContract,
  type StationContract,
} from '../../../electron/contract/StationContract.js';
import { webSocketEndpoint } from '../../../electron/contract/transports/WebSocketEndpoint.js';
import { backoffDelay } from './backoffDelay.js';

/** A handshake that hangs (a black-holed host) is abandoned and retried like a refused one. */
const OPEN_TIMEOUT_MS = 5_000;

export class WebSocketStationConnection implements StationConnection {
  private readonly client = new ContractClient(stationContract);
  private readonly connectionHandlers = new Set<(state: ConnectionState) => void>();
  private reported: ConnectionState | null = null;
  private socket: WebSocket | null = null;
  private failedAttempts = 0;

  constructor(private readonly url: string) {
    this.client.onConnection((state) => this.report(state));
  }

  open(): void {
    if (this.socket === null) this.connect();
  }

  call<K extends StationCall>(
    call: K,
    input: CallInput<StationContract, K>,
  ): Promise<CallOutput<StationContract, K>> {
    return this.client.call(call, input);
  }

  on<K extends StationEvent>(
    event: K,
    handler: (data: EventData<StationContract, K>) => void,
  ): () => void {
    return this.client.on(event, handler);
  }

  onBinary(handler: (frame: ArrayBuffer) => void): () => void {
    return this.client.onBinary(handler);
  }

  onConnection(handler: (state: ConnectionState) => void): () => void {
    this.connectionHandlers.add(handler);
    return () => this.connectionHandlers.delete(handler);
  }

  isConnected(): boolean {
    return this.client.isConnected();
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    const openTimer = setTimeout(() => socket.close(), OPEN_TIMEOUT_MS);
    socket.addEventListener('open', () => {
      clearTimeout(openTimer);
      this.failedAttempts = 0;
      this.client.attach(webSocketEndpoint(socket));
    });
    socket.addEventListener('close', () => {
      clearTimeout(openTimer);
      if (this.socket !== socket) return;
      this.socket = null;
      // A socket that never opened was never attached, so the client would stay quiet about it.
      this.report('disconnected');
      setTimeout(() => this.connect(), backoffDelay(this.failedAttempts++));
    });
  }

  private report(state: ConnectionState): void {
    if (state === this.reported) return;
    this.reported = state;
    for (const handler of this.connectionHandlers) handler(state);
  }
}
