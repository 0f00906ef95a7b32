import { join, resolve } from 'node:path';
import {
  DEFAULT_DEMO_BEDS,
  type EngineStartOptions,
} from '../station/supervision/EngineProtocol.js';

export interface ShellEnvironment {
  userDataDir: string;
  /** Where resources/ ended up: process.resourcesPath packaged, the project folder in dev. */
  resourcesDir: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * How the desktop app starts its engine: data under the user-data folder, the configuration
 * IT passed with --config (else the demo ward), clients over MessagePorts so no gateway, and the
 * Electron-ABI SQLite binding `npm start` builds for development.
 */
export function engineStartOptions(shell: ShellEnvironment): EngineStartOptions {
  const configPath = configPathFromArgv(shell.argv);
  return {
    dataDir: join(shell.userDataDir, 'data'),
    configPath: configPath === null ? null : resolve(shell.cwd, configPath),
    gateway: null,
    resourcesDir: shell.resourcesDir,
    demoBeds: DEFAULT_DEMO_BEDS,
    restart: null,
    sqliteBinding: shell.env.WARD_SQLITE_BINDING || null,
  };
}

/**
 * `--config <file>` or `--config=<file>`. A flag without a file is an error rather than the
 * demo ward: IT asked for a configuration and must not silently get another one.
 */
export function configPathFromArgv(argv: readonly string[]): string | null {
  for (const [index, arg] of argv.entries()) {
    if (arg.startsWith('--config=')) return requireValue(arg.slice('--config='.length));
    if (arg === '--config') return requireValue(argv[index + 1]);
  }
  return null;
}

function requireValue(value: string | undefined): string {
  if (!value || value.startsWith('--')) throw new Error('--config needs the path of a file');
  return value;
}
