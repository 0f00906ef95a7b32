/**
 * A recording stand-in for the 'electron' module as Electron main uses it, for tests that load
 * electron/main/index.ts whole: every call is a vi.fn, every emitter a real EventEmitter, and
 * every window, utility process and channel created is kept for the test to inspect.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeElectronOptions {
  gotLock: boolean;
  userData: string;
}

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly send = vi.fn();
  readonly postMessage = vi.fn();
  readonly setWindowOpenHandler = vi.fn();
}

class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = 4321;
  readonly postMessage = vi.fn();
  readonly kill = vi.fn(() => true);
}

class FakeMessageChannelMain {
  readonly port1 = { end: 'engine' };
  readonly port2 = { end: 'renderer' };
}

export function createFakeElectron({ gotLock, userData }: FakeElectronOptions) {
  const windows: FakeBrowserWindow[] = [];
  const children: FakeUtilityProcess[] = [];
  const channels: FakeMessageChannelMain[] = [];

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => userData),
  });

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly isMinimized = vi.fn(() => true);
    readonly isDestroyed = vi.fn(() => false);

    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  return {
    windows,
    children,
    channels,
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    powerSaveBlocker: { start: vi.fn(() => 1) },
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    },
    ipcMain: new EventEmitter(),
    dialog: { showErrorBox: vi.fn() },
    utilityProcess: {
      fork: vi.fn(() => {
        const child = new FakeUtilityProcess();
        children.push(child);
        return child;
      }),
    },
    MessageChannelMain: class extends FakeMessageChannelMain {
      constructor() {
        super();
        channels.push(this);
      }
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
