/**
 * Builds the two bench pages with vite into a temp folder and serves that folder from a small
 * node:http server on 127.0.0.1 (the pages are static; a file server is all they need).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const BENCH_PAGES = ['ours', 'naive-uplot'] as const;
export type BenchPageName = (typeof BENCH_PAGES)[number];

export interface PageServer {
  url(page: BenchPageName): string;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export async function buildAndServePages(): Promise<PageServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'ward-station-live-waveforms-'));
  await build({
    root: here,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: {
        input: Object.fromEntries(BENCH_PAGES.map((page) => [page, join(here, `${page}.html`)])),
      },
    },
  });
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    try {
      const body = readFileSync(join(outDir, path));
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        // Cross-origin isolation: performance.now() then ticks in 5 µs, not 100 µs, which a
        // frame script time of a few tenths of a millisecond needs.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (page) => `http://127.0.0.1:${port}/${page}.html`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
