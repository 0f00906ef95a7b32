/**
 * Electron main: lifecycle wiring only, each concern in its own module. The order matters: the
 * scheme and the sandbox before the app is ready, the single-instance lock before anything
 * opens, the engine before the window that asks it for a port.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  dialog,
  ipcMain,
  powerSaveBlocker,
  protocol,
  session,
  type BrowserWindow,
} from 'electron';
import { ShellChannel } from '../preload/channels.js';
import { StationLog } from '../station/log/StationLog.js';
import { EngineSupervisor } from '../station/supervision/EngineSupervisor.js';
import { registerAppScheme, serveRendererFolder } from './app-protocol.js';
import { engineStartOptions } from './engine-options.js';
import { EnginePortBroker } from './EnginePortBroker.js';
import { rendererSource } from './renderer-source.js';
import { denyAllPermissions, guardWebContents } from './security.js';
import { claimSingleInstance } from './single-instance.js';
import { bringToFront, createStationWindow } from './station-window.js';
import { UtilityEngineLauncher } from './UtilityEngineLauncher.js';

const here = dirname(fileURLToPath(import.meta.url));
const log = new StationLog('shell');
let stationWindow: BrowserWindow | null = null;

app.enableSandbox();
registerAppScheme(protocol);
if (claimSingleInstance(app, showStationWindow)) {
  app.whenReady().then(startStation).catch(failToStart);
}

async function startStation(): Promise<void> {
  // A central station never sleeps: the display stays on for as long as the station runs.
  powerSaveBlocker.start('prevent-display-sleep');
  const source = rendererSource(app.isPackaged, process.env);
  serveRendererFolder(protocol, join(here, '../renderer'));
  denyAllPermissions(session.defaultSession, log);
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, source.origin, log),
  );
  const supervisor = startEngine();
  const window = createStationWindow(join(here, '../preload/index.cjs'));
  stationWindow = window;
  connectWindowToEngine(window, source.origin, supervisor);
  app.on('window-all-closed', () => app.quit());
  await window.loadURL(source.url);
}

function startEngine(): EngineSupervisor {
  const options = engineStartOptions({
    userDataDir: app.getPath('userData'),
    // Packaged, electron-builder's extraResources put resources/demo under the resources path.
    resourcesDir: app.isPackaged ? process.resourcesPath : join(here, '../../resources'),
    argv: process.argv,
    env: process.env,
    cwd: process.cwd(),
  });
  log.writeTo(options.dataDir);
  const launcher = new UtilityEngineLauncher(join(here, 'engine.js'));
  const supervisor = new EngineSupervisor(launcher, options, log);
  supervisor.on('fatal', (message) => failToStart(new Error(message)));
  // A first start that fails is reported through 'fatal' above.
  supervisor.start().catch(() => undefined);
  stopEngineBeforeQuit(supervisor);
  return supervisor;
}

function connectWindowToEngine(
  window: BrowserWindow,
  origin: URL,
  supervisor: EngineSupervisor,
): void {
  const broker = new EnginePortBroker(window.webContents, origin, () => supervisor.process, log);
  ipcMain.on(ShellChannel.connect, (event) => broker.connect(event));
  supervisor.on('ready', (ready) => {
    // The renderer's port died with the old engine; this tells it to ask for a new one.
    if (ready.restarts > 0 && !window.isDestroyed()) {
      window.webContents.send(ShellChannel.engineRestarted);
    }
  });
}

/** The engine commits what it holds and closes its device links before the app goes. */
function stopEngineBeforeQuit(supervisor: EngineSupervisor): void {
  let stopped = false;
  let stopping: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopping ??= supervisor.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

function showStationWindow(): void {
  if (stationWindow) bringToFront(stationWindow);
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error('shell: cannot start', { error: message });
  dialog.showErrorBox('Ward Station cannot start', message);
  app.quit();
}
