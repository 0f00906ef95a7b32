/**
 * The station side of the HL7 ingest bench, in its own process as in production: the real engine
 * (store with synchronous=FULL, alarms, live feed, census) with its MLLP listener on a free
 * loopback port. Prints "port <n>"; on SIGTERM stops the engine (last commit, close) and exits.
 *
 * Usage: node --import tsx tests/bench/support/hl7IngestServer.ts DATA_DIR
 */
import { MessageChannel } from 'node:worker_threads';
import { ContractClient } from '../../../electron/contract/ContractClient.js';
import { stationContract } from '../../../electron/contract/StationContract.js';
import {
  messagePortEndpoint,
  type MessagePortLike,
} from '../../../electron/contract/transports/MessagePortEndpoint.js';
import { StationConfig } from '../../../electron/station/config/StationConfigSchema.js';
import { StationEngine } from '../../../electron/station/engine/StationEngine.js';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: hl7IngestServer.ts DATA_DIR');

const log = {
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
const engine = StationEngine.start({
  dataDir,
  config: StationConfig.parse({
    unit: { name: 'HL7 bench' },
    beds: [{ id: 'bed-1', label: 'Bed 1' }],
    hl7: {
      listener: { host: '127.0.0.1', port: 0 },
      locations: [{ location: 'HO Surgery^OR^1', bed: 'bed-1' }],
    },
  }),
  demo: false,
  restart: null,
  sqliteBinding: null,
  log,
});

const { port1, port2 } = new MessageChannel();
engine.attachClient(messagePortEndpoint(port1 as unknown as MessagePortLike));
const client = new ContractClient(stationContract);
client.attach(messagePortEndpoint(port2 as unknown as MessagePortLike));

async function announcePort(): Promise<void> {
  for (;;) {
    const status = await client.call('hl7.status', {});
    if (status.state === 'listening' && status.port !== null) {
      process.stdout.write(`port ${status.port}\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

process.on('SIGTERM', () => {
  void engine.stop().then(() => process.exit(0));
});
void announcePort();
