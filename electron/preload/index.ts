/**
 * The sandboxed preload: gets a MessagePort to the engine from main and gives the page a
 * StationConnection over it, and nothing else (no ipcRenderer, no Electron or Node API).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { WARD_STATION_GLOBAL } from '../contract/bridge.js';
import { ContractClient } from '../contract/ContractClient.js';
import { stationContract } from '../contract/StationContract.js';
import { messagePortEndpoint } from '../contract/transports/MessagePortEndpoint.js';
import { ShellChannel } from './channels.js';
import { stationBridge } from './station-bridge.js';

const client = new ContractClient(stationContract);

ipcRenderer.on(ShellChannel.port, (event) => {
  const port = event.ports[0];
  // Attaching replaces the previous port, failing calls still waiting on it.
  if (port) client.attach(messagePortEndpoint(port));
});
ipcRenderer.on(ShellChannel.engineRestarted, () => ipcRenderer.send(ShellChannel.connect));

contextBridge.exposeInMainWorld(WARD_STATION_GLOBAL, stationBridge(client));
ipcRenderer.send(ShellChannel.connect);
