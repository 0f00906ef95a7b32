/**
 * The engine's side of the contract, for any transport. Every call is checked against the
 * contract before a handler sees it: an unknown call or an input that fails its schema is
 * answered with a typed error and never reaches a handler; a handler that throws becomes a
 * HANDLER_FAILED answer, never a crash.
 */
import type { z } from 'zod';
import type { CallHandlers, ContractDefinition, EventData, EventName } from './definition.js';
import { ContractError, type ContractErrorShape } from './errors.js';
import { UNPARSEABLE, type ContractEndpoint } from './transports/ContractEndpoint.js';
import { isCallMessage, type ResultMessage } from './wire.js';

export interface ContractServerLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(input)',
    message: i.message,
  }));
}

export class ContractServer<C extends ContractDefinition> {
  private readonly endpoints = new Set<ContractEndpoint>();

  constructor(
    private readonly contract: C,
    private readonly handlers: CallHandlers<C>,
    private readonly log: ContractServerLog,
  ) {}

  get clientCount(): number {
    return this.endpoints.size;
  }

  attach(endpoint: ContractEndpoint): void {
    this.endpoints.add(endpoint);
    endpoint.onClose(() => this.endpoints.delete(endpoint));
    endpoint.onMessage((message) => {
      void this.handle(endpoint, message);
    });
  }

  emit<K extends EventName<C>>(event: K, data: EventData<C, K>): void {
    for (const e of this.endpoints) e.send({ kind: 'event', event, data });
  }

  emitBinary(frame: ArrayBuffer): void {
    for (const e of this.endpoints) e.sendBinary(frame);
  }

  closeAll(): void {
    for (const e of [...this.endpoints]) e.close();
  }

  private async handle(endpoint: ContractEndpoint, message: unknown): Promise<void> {
    if (!isCallMessage(message)) {
      const reason = message === UNPARSEABLE ? 'message is not valid JSON' : 'not a call message';
      this.log.warn('contract: rejected message', { reason });
      endpoint.send(failure(null, { code: 'BAD_MESSAGE', message: reason }));
      return;
    }
    const { id, call } = message;
    const spec = Object.hasOwn(this.contract.calls, call) ? this.contract.calls[call] : undefined;
    if (!spec) {
      this.log.warn('contract: unknown call', { call });
      endpoint.send(failure(id, { code: 'UNKNOWN_CALL', message: `unknown call "${call}"` }));
      return;
    }
    const parsed = spec.input.safeParse(message.input);
    if (!parsed.success) {
      endpoint.send(
        failure(id, {
          code: 'INVALID_INPUT',
          message: `invalid input for "${call}"`,
          issues: describeIssues(parsed.error),
        }),
      );
      return;
    }
    try {
      const handler = this.handlers[call as keyof CallHandlers<C>] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      endpoint.send({ kind: 'result', id, ok: true, value });
    } catch (error) {
      const shape: ContractErrorShape =
        error instanceof ContractError
          ? error.toShape()
          : {
              code: 'HANDLER_FAILED',
              message: error instanceof Error ? error.message : String(error),
            };
      this.log.warn('contract: call failed', { call, error: shape.message });
      endpoint.send(failure(id, shape));
    }
  }
}

function failure(id: number | null, error: ContractErrorShape): ResultMessage {
  return { kind: 'result', id, ok: false, error };
}
