/**
 * The renderer is served from app://station/, a privileged custom scheme, never from file://:
 * it gets a real origin for the CSP and the navigation guard, and none of file://'s extra
 * privileges. Only files inside the built renderer folder are served.
 */
import type { CustomScheme, Protocol } from 'electron';
import { readStaticFile } from '../station/gateway/StaticFiles.js';

const APP_SCHEME = 'app';
const APP_HOST = 'station';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // uPlot and React set inline styles; scripts stay strictly 'self'.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Chromium fixes its list of schemes at startup: this must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

export function serveRendererFolder(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, rendererFileHandler(rendererDir));
}

/** Every response, a 404 included, carries the CSP: no page on app:// runs without it. */
export function rendererFileHandler(
  rendererDir: string,
): (request: Pick<Request, 'url'>) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStaticFile(rendererDir, url.pathname) : null;
    if (!file)
      return new Response('Not found', { status: 404, headers: securityHeaders('text/plain') });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: securityHeaders(file.contentType),
    });
  };
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}
