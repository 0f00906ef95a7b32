import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Where the Electron binary is installed, `npm start` builds and launches the app instead.
const electronInstalled = existsSync(`${root}node_modules/electron/path.txt`);

describe('npm start without the Electron binary', () => {
  it.skipIf(electronInstalled)('says so in one sentence and exits with 1', () => {
    const result = spawnSync(process.execPath, ['native/start.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).toBe(1);
    const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('npm run station -- --headless');
    expect(lines[0]).toMatch(/Electron binary/);
    expect(lines.filter((line) => /^\s*at /.test(line))).toEqual([]);
  });
});
