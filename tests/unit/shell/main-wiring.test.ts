import { join } from 'node:path';
import * as electron from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron.js';

vi.mock('electron', async () => {
  const { mkdtempSync: makeTempDir } = await import('node:fs');
  const { tmpdir: tempRoot } = await import('node:os');
  const { join: joinPath } = await import('node:path');
  const { createFakeElectron } = await import('./fake-electron.js');
  const userData = makeTempDir(joinPath(tempRoot(), 'ward-shell-'));
  return createFakeElectron({ gotLock: true, userData });
});

const fake = electron as unknown as FakeElectron;

function stationWindow() {
  const window = fake.windows[0];
  if (!window) throw new Error('no station window');
  return window;
}

function engineChild(index = 0) {
  const child = fake.children[index];
  if (!child) throw new Error(`no engine process #${index}`);
  return child;
}

function connectFrom(frame: { url: string; parent: unknown; detached: boolean }) {
  fake.ipcMain.emit('station:connect', {
    sender: stationWindow().webContents,
    senderFrame: frame,
  });
}

const mainFrame = { url: 'app://station/index.html', parent: null, detached: false };

beforeAll(async () => {
  await import('../../../electron/main/index.js');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

describe('Electron main, wired', () => {
  it('sandboxes every renderer and registers app: before the app is ready', () => {
    expect(fake.app.enableSandbox).toHaveBeenCalledOnce();
    const registered = vi.mocked(fake.protocol.registerSchemesAsPrivileged).mock;
    const ready = vi.mocked(fake.app.whenReady).mock;
    expect(registered.invocationCallOrder[0]).toBeLessThan(ready.invocationCallOrder[0] ?? 0);
  });

  it('keeps the display awake', () => {
    expect(fake.powerSaveBlocker.start).toHaveBeenCalledExactlyOnceWith('prevent-display-sleep');
  });

  it('serves app: and denies every permission on the default session', () => {
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const [onRequest] = vi.mocked(fake.session.defaultSession.setPermissionRequestHandler).mock
      .calls[0] as [(c: unknown, p: string, cb: (granted: boolean) => void) => void];
    const callback = vi.fn();
    onRequest(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    const [onCheck] = vi.mocked(fake.session.defaultSession.setPermissionCheckHandler).mock
      .calls[0] as [() => boolean];
    expect(onCheck()).toBe(false);
  });

  it('opens one hardened window on the app: entry with the bundled preload', () => {
    const window = stationWindow();
    const prefs = window.options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://station/index.html');
  });

  it('guards the web contents it creates', () => {
    const contents = stationWindow().webContents;
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    const preventDefault = vi.fn();
    contents.emit('will-navigate', { url: 'https://example.com/', preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    const [openHandler] = vi.mocked(contents.setWindowOpenHandler).mock.calls[0] as [
      (details: { url: string }) => unknown,
    ];
    expect(openHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('starts the engine bundle in a utility process with the app start options', () => {
    expect(fake.utilityProcess.fork).toHaveBeenCalledWith(
      expect.stringMatching(/engine\.js$/),
      [],
      { serviceName: 'Ward Station engine', stdio: 'inherit' },
    );
    expect(engineChild().postMessage).toHaveBeenCalledWith(
      {
        type: 'start',
        options: {
          dataDir: join(fake.app.getPath(), 'data'),
          configPath: null,
          gateway: null,
          resourcesDir: expect.stringMatching(/resources$/),
          demoBeds: 8,
          restart: null,
          sqliteBinding: process.env.WARD_SQLITE_BINDING || null,
        },
      },
      [],
    );
  });

  it("brokers a port for the window's main frame and refuses a subframe", () => {
    connectFrom(mainFrame);
    expect(fake.channels).toHaveLength(1);
    const channel = fake.channels[0];
    expect(engineChild().postMessage).toHaveBeenCalledWith({ type: 'connect-client' }, [
      channel?.port1,
    ]);
    expect(stationWindow().webContents.postMessage).toHaveBeenCalledWith('station:port', null, [
      channel?.port2,
    ]);
    connectFrom({ ...mainFrame, parent: mainFrame });
    expect(fake.channels).toHaveLength(1);
  });

  it('brings the window to the front when a second instance starts', () => {
    fake.app.emit('second-instance', {}, [], '/');
    const window = stationWindow();
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('tells the window to reconnect after the engine was restarted, not on the first start', async () => {
    const contents = stationWindow().webContents;
    engineChild(0).emit('message', { type: 'ready', gatewayUrl: null });
    expect(contents.send).not.toHaveBeenCalled();
    engineChild(0).emit('exit', 70);
    await vi.waitFor(() => expect(fake.children).toHaveLength(2), { timeout: 3_000 });
    engineChild(1).emit('message', { type: 'ready', gatewayUrl: null });
    expect(contents.send).toHaveBeenCalledExactlyOnceWith('station:engine-restarted');
  });

  it('stops the engine before quitting', async () => {
    const preventDefault = vi.fn();
    fake.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(engineChild(1).postMessage).toHaveBeenLastCalledWith({ type: 'shutdown' }, []);
    expect(fake.app.quit).not.toHaveBeenCalled();
    engineChild(1).emit('exit', 0);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledOnce());
    fake.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
  });
});
