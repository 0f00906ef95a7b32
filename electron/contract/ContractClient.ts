/**
 * The client's side of the contract, for any transport. The endpoint can be replaced when the
 * engine restarts; calls in flight on the old one fail with DISCONNECTED rather than hang.
 */
import type {
  CallInput,
  CallName,
  CallOutput,
  ContractDefinition,
  EventData,
  EventName,
} from './definition.js';
import { ContractError } from './errors.js';
import type { ContractEndpoint } from './transports/ContractEndpoint.js';
import { isServerMessage } from './wire.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: ContractError): void;
  timer: ReturnType<typeof setTimeout>;
}

export type ConnectionState = 'connected' | 'disconnected';

export interface ContractClientOptions {
  /** A call with no answer by then fails with TIMEOUT. */
  callTimeoutMs?: number;
}

export class ContractClient<C extends ContractDefinition> {
  private endpoint: ContractEndpoint | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventHandlers = new Map<string, Set<(data: unknown) => void>>();
  private readonly binaryHandlers = new Set<(frame: ArrayBuffer) => void>();
  private readonly connectionHandlers = new Set<(state: ConnectionState) => void>();
  private readonly callTimeoutMs: number;

  constructor(
    readonly contract: C,
    options: ContractClientOptions = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs ?? 10_000;
  }

  isConnected(): boolean {
    return this.endpoint !== null;
  }

  attach(endpoint: ContractEndpoint): void {
    this.detach();
    this.endpoint = endpoint;
    endpoint.onMessage((message) => this.receive(message));
    endpoint.onClose(() => {
      if (this.endpoint === endpoint) this.detach();
    });
    for (const h of this.connectionHandlers) h('connected');
  }

  detach(): void {
    if (!this.endpoint) return;
    this.endpoint = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(
        new ContractError({
          code: 'DISCONNECTED',
          message: 'connection to the station engine lost',
        }),
      );
      this.pending.delete(id);
    }
    for (const h of this.connectionHandlers) h('disconnected');
  }

  call<K extends CallName<C>>(call: K, input: CallInput<C, K>): Promise<CallOutput<C, K>> {
    const endpoint = this.endpoint;
    if (!endpoint) {
      return Promise.reject(
        new ContractError({ code: 'DISCONNECTED', message: 'not connected to the station engine' }),
      );
    }
    const id = this.nextId++;
    return new Promise<CallOutput<C, K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ContractError({ code: 'TIMEOUT', message: `no answer to "${call}"` }));
      }, this.callTimeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      endpoint.send({ kind: 'call', id, call, input });
    });
  }

  on<K extends EventName<C>>(event: K, handler: (data: EventData<C, K>) => void): () => void {
    let set = this.eventHandlers.get(event);
    if (!set) {
      set = new Set();
      this.eventHandlers.set(event, set);
    }
    const h = handler as (data: unknown) => void;
    set.add(h);
    return () => set.delete(h);
  }

  onBinary(handler: (frame: ArrayBuffer) => void): () => void {
    this.binaryHandlers.add(handler);
    return () => this.binaryHandlers.delete(handler);
  }

  onConnection(handler: (state: ConnectionState) => void): () => void {
    this.connectionHandlers.add(handler);
    return () => this.connectionHandlers.delete(handler);
  }

  private receive(message: unknown): void {
    if (message instanceof ArrayBuffer) {
      for (const h of this.binaryHandlers) h(message);
      return;
    }
    if (!isServerMessage(message)) return;
    if (message.kind === 'event') {
      const set = this.eventHandlers.get(message.event);
      if (set) for (const h of set) h(message.data);
      return;
    }
    if (message.id === null) return;
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.ok) p.resolve(message.value);
    else p.reject(new ContractError(message.error));
  }
}
