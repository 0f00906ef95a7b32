import type { App } from 'electron';

/**
 * One station app per workstation: a second copy would fight the first over serial ports and
 * the database. The second copy quits and the first one comes to the front instead.
 * Returns whether this process is the one that runs.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  showFirstInstance: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => showFirstInstance());
  return true;
}
