/**
 * `npm run station -- --headless`: the station without the desktop app. Supervises the engine
 * in a Node child process and prints the address (with its one-run access token) to open.
 * `npm run station -- export …`: one bed's stored data into a file, read-only, no engine.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATION_VERSION } from '../engine/version.js';
import { StationLog } from '../log/StationLog.js';
import { exportNumericsCsv, exportWavesEdf } from '../store/export/BedExport.js';
import { DATABASE_FILE_NAME } from '../store/StationStore.js';
import { StoreQueries } from '../store/StoreQueries.js';
import { EngineSupervisor } from '../supervision/EngineSupervisor.js';
import { NodeEngineLauncher } from '../supervision/NodeEngineLauncher.js';
import { defaultDataDir } from './defaultDataDir.js';
import {
  parseStationArgs,
  UsageError,
  USAGE,
  type ExportArgs,
  type HeadlessArgs,
} from './StationArgs.js';

const here = fileURLToPath(new URL('.', import.meta.url));

async function runHeadless(args: HeadlessArgs): Promise<void> {
  const log = new StationLog('supervisor');
  const token = randomBytes(24).toString('base64url');
  const supervisor = new EngineSupervisor(
    new NodeEngineLauncher(resolve(here, 'engine.js')),
    {
      dataDir: resolve(args.dataDir ?? defaultDataDir()),
      configPath: args.configPath ? resolve(args.configPath) : null,
      gateway: {
        host: args.host,
        port: args.port,
        token,
        rendererDir: resolve(here, '../renderer'),
        tls: args.tls,
      },
      resourcesDir: resolve(here, '../../resources'),
      demoBeds: args.demoBeds,
      restart: null,
      sqliteBinding: null,
    },
    log,
  );
  supervisor.on('ready', (ready) => {
    if (ready.restarts > 0) log.info('engine: back after restart', { restarts: ready.restarts });
  });
  const stop = (): void => {
    void supervisor.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const ready = await supervisor.start();
  process.stdout.write(
    `Ward Station (headless) is running. Engine pid ${ready.pid}.\n` +
      `Open: ${ready.gatewayUrl}?token=${token}\n`,
  );
}

/** Reads through a read-only connection, so it is safe beside a running station. */
async function runExport(args: ExportArgs): Promise<void> {
  const dataDir = resolve(args.dataDir ?? defaultDataDir());
  const file = join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) throw new UsageError(`there is no station database in ${dataDir}`);
  const queries = StoreQueries.open(file, { log: new StationLog('export') });
  const out = resolve(args.out);
  try {
    const range = { bed: args.bed, from: args.from, to: args.to };
    const outcome =
      args.format === 'csv'
        ? await exportNumericsCsv(queries, range, out)
        : await exportWavesEdf(queries, range, out, {
            stationName: null,
            stationVersion: STATION_VERSION,
          });
    const items = args.format === 'csv' ? 'rows' : 'data records';
    process.stdout.write(`Wrote ${outcome.items} ${items} (${outcome.bytes} bytes) to ${out}\n`);
  } finally {
    queries.close();
  }
}

async function main(): Promise<void> {
  try {
    const args = parseStationArgs(process.argv.slice(2));
    if (args.command === 'help') {
      process.stdout.write(USAGE + '\n');
      return;
    }
    if (args.command === 'export') await runExport(args);
    else await runHeadless(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`station: ${message}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
    process.exit(2);
  }
}

void main();
