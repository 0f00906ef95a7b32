import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  registerAppScheme,
  rendererFileHandler,
  serveRendererFolder,
} from '../../../electron/main/app-protocol.js';

// The real file system, watched: every path the handler stats or reads is recorded.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return { ...actual, readFile: vi.fn(actual.readFile), stat: vi.fn(actual.stat) };
});

const root = mkdtempSync(join(tmpdir(), 'ward-app-protocol-'));
const rendererDir = join(root, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ward Station</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("station")');
writeFileSync(join(root, 'secret.txt'), 'outside the renderer folder');
// Shares the renderer folder's name as a prefix: a startsWith check would let it through.
mkdirSync(join(root, 'renderer-evil'));
writeFileSync(join(root, 'renderer-evil', 'x.txt'), 'outside too');

afterAll(() => rmSync(root, { recursive: true, force: true }));

const handle = rendererFileHandler(rendererDir);
const get = (url: string) => handle(new Request(url));

function touchedPaths(): string[] {
  return [...vi.mocked(readFile).mock.calls, ...vi.mocked(stat).mock.calls].map((call) =>
    String(call[0]),
  );
}

beforeEach(() => {
  vi.mocked(readFile).mockClear();
  vi.mocked(stat).mockClear();
});

describe('registerAppScheme', () => {
  it('registers app: as a standard, secure, fetch-capable scheme that cannot bypass CSP', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the scheme with the confined folder handler', async () => {
    const handleScheme = vi.fn();
    serveRendererFolder({ handle: handleScheme }, rendererDir);
    expect(handleScheme).toHaveBeenCalledOnce();
    const [scheme, handler] = handleScheme.mock.calls[0] as [string, typeof handle];
    expect(scheme).toBe('app');
    expect((await handler(new Request('app://station/index.html'))).status).toBe(200);
  });
});

describe('rendererFileHandler', () => {
  it('serves files of the renderer folder with their content type', async () => {
    const index = await get('app://station/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Ward Station</title>');
    // The watch on the file system works, so the traversal cases below can fail.
    expect(touchedPaths()).toContain(join(rendererDir, 'index.html'));

    const script = await get('app://station/assets/app.js?v=1');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves index.html for the root', async () => {
    const response = await get('app://station/');
    expect(await response.text()).toContain('Ward Station');
  });

  it('puts the exact CSP and nosniff on every response, 404s included', async () => {
    const expected =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
      "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
      "frame-ancestors 'none'; form-action 'none'";
    expect(CONTENT_SECURITY_POLICY).toBe(expected);
    for (const url of ['app://station/index.html', 'app://station/missing.js']) {
      const response = await get(url);
      expect(response.headers.get('content-security-policy')).toBe(expected);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it.each([
    'app://station/../../etc/passwd',
    'app://station/../secret.txt',
    'app://station/%2e%2e/secret.txt',
    'app://station/%2E%2E/%2e%2e/etc/passwd',
    'app://station/..%2fsecret.txt',
    'app://station/..%2f..%2f..%2fetc%2fpasswd',
    'app://station/assets/..%2f..%2fsecret.txt',
    'app://station/..%5csecret.txt',
    'app://station/../renderer-evil/x.txt',
    'app://station/..%2frenderer-evil%2fx.txt',
    'app://station/index.html%00.js',
  ])('answers %s with 404 and reads nothing outside the folder', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/outside/);
    for (const path of touchedPaths()) expect(path.startsWith(rendererDir + sep)).toBe(true);
  });

  it('answers a folder, a missing file and another host with 404', async () => {
    expect((await get('app://station/assets')).status).toBe(404);
    expect((await get('app://station/nothing.html')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
  });
});
