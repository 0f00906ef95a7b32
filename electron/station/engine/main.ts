/**
 * Entry of the engine process. Waits for its start options, runs the engine, serves clients
 * (MessagePorts from Electron main, or the headless gateway) and reports a heartbeat so the
 * supervisor can restart an engine that hangs as well as one that dies.
 */
import { mkdirSync } from 'node:fs';
import {
  messagePortEndpoint,
  type MessagePortLike,
} from '../../contract/transports/MessagePortEndpoint.js';
import { ConfigError, loadStationConfig } from '../config/loadStationConfig.js';
import type { StationConfig } from '../config/StationConfigSchema.js';
import { DemoWard } from '../devices/simulators/DemoWard.js';
import { StationGateway } from '../gateway/StationGateway.js';
import { StationLog } from '../log/StationLog.js';
import type { EngineStartOptions } from '../supervision/EngineProtocol.js';
import { connectToParent } from './ParentChannel.js';
import { StationEngine } from './StationEngine.js';

const HEARTBEAT_MS = 1_000;

const log = new StationLog('engine');
const parent = connectToParent();
let engine: StationEngine | null = null;
let gateway: StationGateway | null = null;
let demoWard: DemoWard | null = null;
/** Renderers may ask to connect before the engine has finished starting. */
const waitingPorts: MessagePortLike[] = [];

process.on('uncaughtException', (error) => {
  // State after an unexpected throw cannot be trusted; the supervisor restarts a clean engine
  // and raises the technical alarm.
  log.error('engine: uncaught exception, exiting for restart', {
    error: error.stack ?? String(error),
  });
  process.exit(70);
});

async function loadConfig(
  options: EngineStartOptions,
): Promise<{ config: StationConfig; demo: boolean }> {
  if (options.configPath) return { config: loadStationConfig(options.configPath), demo: false };
  demoWard = new DemoWard(options.resourcesDir);
  return { config: await demoWard.start(options.demoBeds), demo: true };
}

async function start(options: EngineStartOptions): Promise<void> {
  mkdirSync(options.dataDir, { recursive: true });
  log.writeTo(options.dataDir);
  const { config, demo } = await loadConfig(options);
  engine = StationEngine.start({
    dataDir: options.dataDir,
    config,
    demo,
    restart: options.restart,
    sqliteBinding: options.sqliteBinding,
    log,
  });
  for (const port of waitingPorts.splice(0)) engine.attachClient(messagePortEndpoint(port));
  let gatewayUrl: string | null = null;
  if (options.gateway) {
    const running = engine;
    gateway = await StationGateway.start(
      options.gateway,
      (endpoint) => running.attachClient(endpoint),
      log,
    );
    gatewayUrl = gateway.url;
  }
  log.info('engine: ready', { pid: process.pid, demo, beds: config.beds.length, gatewayUrl });
  parent.send({ type: 'ready', gatewayUrl });
}

async function shutdown(): Promise<void> {
  await gateway?.close();
  await engine?.stop();
  await demoWard?.stop();
  process.exit(0);
}

parent.onMessage((message, ports) => {
  switch (message.type) {
    case 'start':
      start(message.options).catch((error: unknown) => {
        const text =
          error instanceof ConfigError || error instanceof Error ? error.message : String(error);
        log.error('engine: cannot start', { error: text });
        parent.send({ type: 'fatal', message: text });
        process.exitCode = 2;
        setTimeout(() => process.exit(2), 100);
      });
      break;
    case 'connect-client': {
      const port = ports[0];
      if (!port) break;
      if (engine) engine.attachClient(messagePortEndpoint(port));
      else waitingPorts.push(port);
      break;
    }
    case 'shutdown':
      void shutdown();
      break;
  }
});
parent.onDisconnect(() => void shutdown());
setInterval(() => parent.send({ type: 'heartbeat' }), HEARTBEAT_MS);
