/**
 * The renderer's one way to the engine. In Electron the preload has already exposed a
 * connection; anywhere else the page was served by the headless gateway and talks to it over a
 * WebSocket. Nothing after this point knows which transport it is on.
 */
import { WARD_STATION_GLOBAL } from '../../../electron/contract/bridge.js';
import type { StationConnection } from '../../../electron/contract/StationConnection.js';
import { contractSocketUrl } from './contractSocketUrl.js';
import { WebSocketStationConnection } from './WebSocketStationConnection.js';

export function connectStation(): StationConnection {
  const exposed = (window as unknown as Partial<Record<string, StationConnection>>)[
    WARD_STATION_GLOBAL
  ];
  if (exposed) return exposed;
  const connection = new WebSocketStationConnection(contractSocketUrl(window.location));
  connection.open();
  return connection;
}
