/**
 * Hardening of everything that shows web content: the window's webPreferences, the session's
 * permissions, and what a page may navigate to or open. Each guard takes the object it hardens,
 * so tests can hand it a fake and watch what it does.
 */
import type { Session, WebPreferences } from 'electron';
import type { Log } from '../station/log/StationLog.js';
import { isTrustedUrl } from './trusted-origin.js';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Alarm tones must sound although nobody has clicked the station since it started.
    autoplayPolicy: 'no-user-gesture-required',
    // A covered or minimised station window must keep evaluating and sounding alarms.
    backgroundThrottling: false,
  };
}

/** The station needs no browser permission (camera, notifications, serial from the page...). */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  log: Pick<Log, 'warn'>,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('shell: permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url: string;
}

/** The parts of a WebContents the guards hook into. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * The station shows its own pages only: no navigation to another origin, no new windows, no
 * <webview>. Anything refused is logged, because it means a link or a script tried it.
 */
export function guardWebContents(
  contents: GuardedContents,
  trustedOrigin: URL,
  log: Pick<Log, 'warn'>,
): void {
  contents.on('will-navigate', (event) => {
    if (isTrustedUrl(event.url, trustedOrigin)) return;
    event.preventDefault();
    log.warn('shell: navigation blocked', { url: event.url });
  });
  contents.setWindowOpenHandler((details) => {
    log.warn('shell: new window blocked', { url: details.url });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('shell: webview blocked');
  });
}
