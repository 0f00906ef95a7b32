/**
 * `npm start`: builds Ward Station and runs the desktop app. The Electron binary is fetched when
 * the electron package installs; where that was impossible, this says so in one sentence and
 * points to the headless station instead of failing with a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronAbiDir = join(root, 'native', '.electron-abi');

const NO_ELECTRON =
  "Ward Station's desktop app needs the Electron binary, which is not installed on this " +
  'machine; build and run the station headless instead: npm run build && npm run station -- --headless';

/**
 * The installed Electron executable, or null. This reads the electron package's path.txt
 * rather than calling require('electron'), which tries to download a missing binary and prints
 * while it does.
 */
function electronExecutable() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

function run(script, args) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * node_modules holds better-sqlite3 built for Node, which the unit tests need; Electron needs
 * one built for its own ABI. It is built once, in a copy, and the engine is told where it is.
 * Could not be run on the build machines: they have no Electron binary to get this far.
 */
function electronAbiSqliteBinding(electronVersion) {
  const binding = join(electronAbiDir, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  const buildDir = join(electronAbiDir, 'build');
  const moduleCopy = join(buildDir, 'node_modules', 'better-sqlite3');
  mkdirSync(buildDir, { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), moduleCopy, { recursive: true });
  const sqliteVersion = require('better-sqlite3/package.json').version;
  writeFileSync(
    join(buildDir, 'package.json'),
    JSON.stringify({ private: true, dependencies: { 'better-sqlite3': sqliteVersion } }),
  );
  run(join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), [
    ...['--version', electronVersion, '--module-dir', buildDir],
    ...['--only', 'better-sqlite3', '--force'],
  ]);
  copyFileSync(join(moduleCopy, 'build', 'Release', 'better_sqlite3.node'), binding);
  return binding;
}

function launch(electron, sqliteBinding) {
  const env = { ...process.env, WARD_SQLITE_BINDING: sqliteBinding };
  // Set, it would make the Electron binary run as plain Node instead of the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const app = spawn(electron, ['.', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  app.on('exit', (code) => process.exit(code ?? 1));
}

const electron = electronExecutable();
if (!electron) {
  console.error(NO_ELECTRON);
  process.exit(1);
}
run(join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ['build']);
launch(electron, electronAbiSqliteBinding(require('electron/package.json').version));
