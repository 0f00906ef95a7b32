import { homedir } from 'node:os';
import { join } from 'node:path';

/** The same folder the desktop app uses (Electron's userData), so both see one database. */
export function defaultDataDir(): string {
  const home = homedir();
  const appName = 'Ward Station';
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName, 'data');
    case 'darwin':
      return join(home, 'Library', 'Application Support', appName, 'data');
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), appName, 'data');
  }
}
