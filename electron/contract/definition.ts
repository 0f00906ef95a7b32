/**
 * How the contract is written down: every call has a zod schema for its input and one for its
 * result; every event has a schema for its payload. Server and client are both derived from the
 * same definition, so the two transports cannot drift apart.
 */
import type { z } from 'zod';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  description: string;
  input: I;
  output: O;
}

export interface EventSpec<D extends z.ZodType = z.ZodType> {
  description: string;
  data: D;
}

export interface ContractDefinition {
  calls: Record<string, CallSpec>;
  events: Record<string, EventSpec>;
}

export function defineContract<C extends ContractDefinition>(contract: C): C {
  return contract;
}

export type CallName<C extends ContractDefinition> = keyof C['calls'] & string;
export type EventName<C extends ContractDefinition> = keyof C['events'] & string;

export type CallInput<C extends ContractDefinition, K extends CallName<C>> = z.input<
  C['calls'][K]['input']
>;
export type ParsedCallInput<C extends ContractDefinition, K extends CallName<C>> = z.output<
  C['calls'][K]['input']
>;
export type CallOutput<C extends ContractDefinition, K extends CallName<C>> = z.output<
  C['calls'][K]['output']
>;
export type EventData<C extends ContractDefinition, K extends EventName<C>> = z.output<
  C['events'][K]['data']
>;

/** What the engine implements: one function per call, receiving already-validated input. */
export type CallHandlers<C extends ContractDefinition> = {
  [K in CallName<C>]: (
    input: ParsedCallInput<C, K>,
  ) => CallOutput<C, K> | Promise<CallOutput<C, K>>;
};
