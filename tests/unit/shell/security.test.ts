import { describe, expect, it, vi } from 'vitest';
import {
  denyAllPermissions,
  guardWebContents,
  secureWebPreferences,
  type GuardedContents,
  type NavigationEvent,
  type PreventableEvent,
} from '../../../electron/main/security.js';
import type { Log } from '../../../electron/station/log/StationLog.js';

const APP_ORIGIN = new URL('app://station/index.html');

function silentLog() {
  return { warn: vi.fn<Log['warn']>() };
}

/** A WebContents stand-in that keeps the listeners the guards install. */
function fakeContents() {
  const listeners = new Map<string, (event: NavigationEvent) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardedContents = {
    on(event: string, listener: (event: NavigationEvent) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  return {
    contents,
    /** Returns whether the navigation was prevented. */
    navigateTo(url: string): boolean {
      const preventDefault = vi.fn();
      listeners.get('will-navigate')?.({ url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    },
    attachWebview(): boolean {
      const preventDefault = vi.fn();
      // The real event carries no URL; the listener must not need one.
      const attach = listeners.get('will-attach-webview') as (event: PreventableEvent) => void;
      attach({ preventDefault });
      return preventDefault.mock.calls.length > 0;
    },
    open(url: string) {
      return openHandler?.({ url });
    },
  };
}

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and experimental or insecure features off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('lets alarms sound and run in a hidden window', () => {
    expect(prefs.autoplayPolicy).toBe('no-user-gesture-required');
    expect(prefs.backgroundThrottling).toBe(false);
  });
});

describe('denyAllPermissions', () => {
  type RequestHandler = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
  ) => void;
  type CheckHandler = (contents: unknown, permission: string) => boolean;

  function hardenedSession() {
    let request: RequestHandler | null = null;
    let check: CheckHandler | null = null;
    const session = {
      setPermissionRequestHandler: (handler: RequestHandler | null) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler: CheckHandler | null) => {
        check = handler;
      },
    };
    const log = silentLog();
    denyAllPermissions(session as unknown as Parameters<typeof denyAllPermissions>[0], log);
    return { request: () => request, check: () => check, log };
  }

  it.each(['media', 'notifications', 'serial', 'geolocation', 'openExternal'])(
    'answers a %s request with false',
    (permission) => {
      const { request, log } = hardenedSession();
      const callback = vi.fn();
      request()?.(null, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(log.warn).toHaveBeenCalledWith('shell: permission request denied', { permission });
    },
  );

  it.each(['media', 'clipboard-read', 'hid', 'usb'])('answers a %s check with false', (p) => {
    const { check } = hardenedSession();
    expect(check()).not.toBeNull();
    expect(check()?.(null, p)).toBe(false);
  });
});

describe('guardWebContents', () => {
  function guarded(origin = APP_ORIGIN) {
    const fake = fakeContents();
    const log = silentLog();
    guardWebContents(fake.contents, origin, log);
    return { ...fake, log };
  }

  it('allows navigation within the station origin', () => {
    const page = guarded();
    expect(page.navigateTo('app://station/index.html')).toBe(false);
    expect(page.navigateTo('app://station/beds/12?view=trends#now')).toBe(false);
  });

  it.each([
    'https://example.com/',
    'http://station/',
    'file:///etc/passwd',
    // Node's URL gives both app:// URLs the same opaque origin "null": must still be refused.
    'app://evil/index.html',
    // A prefix match would take these for the station.
    'app://station.evil.example/',
    'app://stationx/',
    'app://station:8080/',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'not a url',
  ])('prevents navigation to %s and logs it', (url) => {
    const page = guarded();
    expect(page.navigateTo(url)).toBe(true);
    expect(page.log.warn).toHaveBeenCalledWith('shell: navigation blocked', { url });
  });

  it('compares the dev server origin with its port', () => {
    const page = guarded(new URL('http://localhost:5173/'));
    expect(page.navigateTo('http://localhost:5173/index.html')).toBe(false);
    expect(page.navigateTo('http://localhost:5174/index.html')).toBe(true);
    expect(page.navigateTo('https://localhost:5173/')).toBe(true);
  });

  it('denies every new window, same origin included', () => {
    const page = guarded();
    expect(page.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(page.open('app://station/index.html')).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const page = guarded();
    expect(page.attachWebview()).toBe(true);
  });
});
