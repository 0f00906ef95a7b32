/**
 * What the renderer holds: a connection to the station engine, whichever transport carries it
 * (the preload bridge over a MessagePort in Electron, a WebSocket headless). ContractClient
 * implements it; the preload exposes exactly this and nothing else.
 */
import type { ConnectionState } from './ContractClient.js';
import type { CallInput, CallName, CallOutput, EventData, EventName } from './definition.js';
import type { StationContract } from './StationContract.js';

export type StationCall = CallName<StationContract>;
export type StationEvent = EventName<StationContract>;

export interface StationConnection {
  call<K extends StationCall>(
    call: K,
    input: CallInput<StationContract, K>,
  ): Promise<CallOutput<StationContract, K>>;
  on<K extends StationEvent>(
    event: K,
    handler: (data: EventData<StationContract, K>) => void,
  ): () => void;
  /** Binary wave frames (see WaveFrameCodec). */
  onBinary(handler: (frame: ArrayBuffer) => void): () => void;
  onConnection(handler: (state: ConnectionState) => void): () => void;
  isConnected(): boolean;
}
