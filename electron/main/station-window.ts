import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security.js';

export function createStationWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Ward Station',
    width: 1600,
    height: 1000,
    minWidth: 1024,
    minHeight: 700,
    backgroundColor: '#000000',
    // Shown once painted, so a nurse never sees a white flash on a dark station.
    show: false,
    webPreferences: secureWebPreferences(preload),
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

export function bringToFront(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
