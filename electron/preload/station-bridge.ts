import type { ContractClient } from '../contract/ContractClient.js';
import { ContractError } from '../contract/errors.js';
import type { StationConnection } from '../contract/StationConnection.js';
import type { StationContract } from '../contract/StationContract.js';

/**
 * The StationConnection the renderer gets, as plain functions: contextBridge copies only a
 * plain object's own properties, so the client's class methods cannot be exposed directly.
 */
export function stationBridge(client: ContractClient<StationContract>): StationConnection {
  return {
    call: (call, input) => client.call(call, input).catch(rejectAcrossBridge),
    on: (event, handler) => client.on(event, handler),
    onBinary: (handler) => client.onBinary(handler),
    onConnection: (handler) => client.onConnection(handler),
    isConnected: () => client.isConnected(),
  };
}

/**
 * contextBridge copies an Error with its message only, so a ContractError would reach the page
 * without the code it switches on (DISCONNECTED, INVALID_INPUT...); its plain shape crosses whole.
 */
function rejectAcrossBridge(error: unknown): Promise<never> {
  return Promise.reject(error instanceof ContractError ? error.toShape() : error);
}
