/** A contract client for tests: the real client over a real WebSocket to a headless station. */
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { ContractClient } from '../../electron/contract/ContractClient.js';
import { stationContract, type StationContract } from '../../electron/contract/StationContract.js';
import {
  webSocketEndpoint,
  type WebSocketLike,
} from '../../electron/contract/transports/WebSocketEndpoint.js';

export async function connectStationClient(
  baseUrl: string,
  token: string,
): Promise<{ client: ContractClient<StationContract>; socket: WebSocket }> {
  const url = new URL('contract', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  const socket = new WebSocket(url);
  await once(socket, 'open');
  const client = new ContractClient(stationContract, { callTimeoutMs: 5_000 });
  client.attach(webSocketEndpoint(socket as unknown as WebSocketLike));
  return { client, socket };
}
