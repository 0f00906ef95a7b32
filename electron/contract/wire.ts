/**
 * Messages on the wire, the same on every transport. Structured messages are plain objects
 * (JSON text on WebSocket, structured clone on MessagePort); wave frames are binary
 * (ArrayBuffer), see WaveFrameCodec.
 */
import type { ContractErrorShape } from './errors.js';

export const PROTOCOL_VERSION = 1;

export interface CallMessage {
  kind: 'call';
  id: number;
  call: string;
  input: unknown;
}

export type ResultMessage =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number | null; ok: false; error: ContractErrorShape };

export interface EventMessage {
  kind: 'event';
  event: string;
  data: unknown;
}

export type ClientMessage = CallMessage;
export type ServerMessage = ResultMessage | EventMessage;
export type WireMessage = ClientMessage | ServerMessage;

export function isCallMessage(value: unknown): value is CallMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    m.kind === 'call' &&
    typeof m.id === 'number' &&
    Number.isSafeInteger(m.id) &&
    typeof m.call === 'string'
  );
}

export function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as Record<string, unknown>).kind;
  return kind === 'result' || kind === 'event';
}
