import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPathFromArgv, engineStartOptions } from '../../../electron/main/engine-options.js';
import { rendererSource } from '../../../electron/main/renderer-source.js';

describe('engineStartOptions', () => {
  const base = {
    userDataDir: '/home/nurse/.config/Ward Station',
    resourcesDir: '/opt/ward/resources',
    cwd: '/srv/ward',
    env: {},
  };

  it('keeps data under user data, uses MessagePorts (no gateway) and starts fresh', () => {
    const options = engineStartOptions({ ...base, argv: ['/opt/ward/ward-station'] });
    expect(options).toEqual({
      dataDir: join(base.userDataDir, 'data'),
      configPath: null,
      gateway: null,
      resourcesDir: '/opt/ward/resources',
      demoBeds: 8,
      restart: null,
      sqliteBinding: null,
    });
  });

  it('resolves --config against the working directory', () => {
    const argv = ['electron', '.', '--config', 'configs/ward-4b.json'];
    expect(engineStartOptions({ ...base, argv }).configPath).toBe(
      join('/srv/ward', 'configs/ward-4b.json'),
    );
  });

  it('takes the Electron-ABI SQLite binding from WARD_SQLITE_BINDING', () => {
    const env = { WARD_SQLITE_BINDING: '/w/native/.electron-abi/better_sqlite3.node' };
    expect(engineStartOptions({ ...base, argv: [], env }).sqliteBinding).toBe(
      env.WARD_SQLITE_BINDING,
    );
    expect(
      engineStartOptions({ ...base, argv: [], env: { WARD_SQLITE_BINDING: '' } }).sqliteBinding,
    ).toBeNull();
  });
});

describe('configPathFromArgv', () => {
  it('reads both spellings and is null without the flag', () => {
    expect(configPathFromArgv(['x', '--config', 'a.json'])).toBe('a.json');
    expect(configPathFromArgv(['x', '--config=b.json'])).toBe('b.json');
    expect(configPathFromArgv(['x', '--inspect'])).toBeNull();
  });

  it('refuses the flag without a file rather than falling back to the demo ward', () => {
    expect(() => configPathFromArgv(['x', '--config'])).toThrow(/--config needs/);
    expect(() => configPathFromArgv(['x', '--config='])).toThrow(/--config needs/);
    expect(() => configPathFromArgv(['x', '--config', '--kiosk'])).toThrow(/--config needs/);
  });
});

describe('rendererSource', () => {
  const devServer = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };

  it('loads the built renderer over app:// by default', () => {
    const source = rendererSource(false, {});
    expect(source.url).toBe('app://station/index.html');
    expect(source.origin.protocol).toBe('app:');
    expect(source.origin.host).toBe('station');
  });

  it('uses the dev server only when not packaged', () => {
    expect(rendererSource(false, devServer).url).toBe('http://localhost:5173/');
    expect(rendererSource(false, devServer).origin.origin).toBe('http://localhost:5173');
    expect(rendererSource(true, devServer).url).toBe('app://station/index.html');
  });
});
