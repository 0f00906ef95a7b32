/**
 * Starts the real headless station (the built CLI, as `npm run station -- --headless` does)
 * for tests and benchmarks, and hands back its address, token and engine pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve('out/main/station-cli.js');

export interface HeadlessStation {
  /** Base address, e.g. http://127.0.0.1:40123/ */
  url: string;
  token: string;
  /** The address the station printed, token included. */
  openUrl: string;
  enginePid: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the station wrote to stderr so far (JSON log lines). */
  logs(): string;
  stop(): Promise<void>;
}

export interface HeadlessStationOptions {
  /** A station configuration; omitted runs the built-in demo ward. */
  config?: object;
  dataDir?: string;
  startTimeoutMs?: number;
  /** More command-line arguments for the station, e.g. ['--demo-beds', '32']. */
  args?: string[];
}

export async function startHeadlessStation(
  options: HeadlessStationOptions = {},
): Promise<HeadlessStation> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ward-station-'));
  const args = [CLI, '--headless', '--port', '0', '--data-dir', dataDir];
  if (options.config) {
    const file = join(dataDir, 'station-config.json');
    writeFileSync(file, JSON.stringify(options.config, null, 2));
    args.push('--config', file);
  }
  if (options.args) args.push(...options.args);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const printed = await new Promise<RegExpMatchArray>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`station did not start in time:\n${stdout}\n${stderr}`)),
      options.startTimeoutMs ?? 20_000,
    );
    const check = (): void => {
      const m = /Engine pid (\d+)\.\nOpen: (\S+)\n/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolveReady(m);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`station exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
  const openUrl = printed[2]!;
  const parsed = new URL(openUrl);
  const token = parsed.searchParams.get('token')!;
  parsed.search = '';
  return {
    url: parsed.toString(),
    token,
    openUrl,
    enginePid: Number(printed[1]),
    dataDir,
    process: child,
    logs: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
