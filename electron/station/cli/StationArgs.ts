/**
 * Command line of the station: `station --headless [--config FILE] [--data-dir DIR] [--port N]
 * [--host H] [--tls-cert F --tls-key F]`, or `station export --bed B --from T --to T --out FILE
 * [--data-dir DIR]`. Errors are sentences a person can act on.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_BEDS } from '../supervision/EngineProtocol.js';

export interface HeadlessArgs {
  command: 'headless';
  configPath: string | null;
  dataDir: string | null;
  host: string;
  port: number;
  demoBeds: number;
  tls: { certFile: string; keyFile: string } | null;
}

export interface ExportArgs {
  command: 'export';
  dataDir: string | null;
  bed: string;
  from: number;
  to: number;
  out: string;
  format: 'csv' | 'edf';
}

export type StationArgs = HeadlessArgs | ExportArgs | { command: 'help' };

export class UsageError extends Error {}

export const USAGE = `Usage: npm run station -- --headless [options]

Runs the station engine without the desktop app and serves the station screen to a browser.

Options:
  --config FILE     station configuration (JSON); without it the built-in demo ward runs
  --data-dir DIR    where the database and logs live (default: the user data folder)
  --port N          port to serve on; 0 takes a free port (default: 0)
  --demo-beds N     beds in the built-in demo ward, 1 to 32 (default: 8)
  --host ADDRESS    address to bind (default: 127.0.0.1); anything but loopback needs TLS
  --tls-cert FILE   TLS certificate (PEM) for a remote view
  --tls-key FILE    TLS private key (PEM)
  --help            this text

       npm run station -- export --bed B --from T --to T --out FILE [--data-dir DIR]

Writes one bed's stored data for a time range, without starting the station: numerics as CSV
(--out ends in .csv) or waveforms as EDF+ (--out ends in .edf). T is an ISO 8601 time such as
2026-05-01T08:00:00Z (without an offset it is the local time). An existing FILE is never
overwritten.`;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export function parseStationArgs(argv: string[]): StationArgs {
  if (argv[0] === 'export') return parseExportArgs(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        headless: { type: 'boolean' },
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'demo-beds': { type: 'string' },
        host: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return { command: 'help' };
  if (!v.headless) {
    throw new UsageError(
      'say --headless to run the station without the desktop app (npm start opens the app)',
    );
  }
  const port = Number(v.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${v.port}"`);
  }
  const demoBeds = Number(v['demo-beds'] ?? String(DEFAULT_DEMO_BEDS));
  if (!Number.isInteger(demoBeds) || demoBeds < 1 || demoBeds > 32) {
    throw new UsageError(
      `--demo-beds must be a whole number from 1 to 32, not "${v['demo-beds']}"`,
    );
  }
  if (Boolean(v['tls-cert']) !== Boolean(v['tls-key'])) {
    throw new UsageError('--tls-cert and --tls-key go together');
  }
  return {
    command: 'headless',
    configPath: v.config ?? null,
    dataDir: v['data-dir'] ?? null,
    host: v.host ?? '127.0.0.1',
    port,
    demoBeds,
    tls: v['tls-cert'] && v['tls-key'] ? { certFile: v['tls-cert'], keyFile: v['tls-key'] } : null,
  };
}

function parseExportArgs(argv: string[]): ExportArgs | { command: 'help' } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        bed: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return { command: 'help' };
  if (!v.bed) throw new UsageError('export needs --bed, the id of the bed to export');
  if (!v.out) throw new UsageError('export needs --out, the file to write');
  const format = v.out.toLowerCase().endsWith('.csv')
    ? 'csv'
    : v.out.toLowerCase().endsWith('.edf')
      ? 'edf'
      : null;
  if (!format) {
    throw new UsageError(`--out must end in .csv (numerics) or .edf (waveforms), not "${v.out}"`);
  }
  const from = parseTime('--from', v.from);
  const to = parseTime('--to', v.to);
  if (to <= from) throw new UsageError('--to must be after --from');
  return {
    command: 'export',
    dataDir: v['data-dir'] ?? null,
    bed: v.bed,
    from,
    to,
    out: v.out,
    format,
  };
}

function parseTime(option: string, value: string | undefined): number {
  if (!value) throw new UsageError(`export needs ${option}, an ISO 8601 time`);
  const time = ISO_8601.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(
      `${option} must be an ISO 8601 time such as 2026-05-01T08:00:00Z, not "${value}"`,
    );
  }
  return time;
}
