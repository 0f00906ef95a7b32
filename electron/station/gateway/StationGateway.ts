/**
 * The headless station's front door: serves the built renderer over HTTP(S) and carries the
 * contract over a WebSocket at /contract. Binds loopback unless configured otherwise, needs the
 * station's token, and refuses to serve a non-loopback address without TLS.
 */
import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ContractEndpoint } from '../../contract/transports/ContractEndpoint.js';
import {
  webSocketEndpoint,
  type WebSocketLike,
} from '../../contract/transports/WebSocketEndpoint.js';
import type { Log } from '../log/StationLog.js';
import type { GatewayOptions } from '../supervision/EngineProtocol.js';
import { GatewayAuth } from './GatewayAuth.js';
import { readStaticFile } from './StaticFiles.js';

export const CONTRACT_PATH = '/contract';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export class StationGateway {
  private constructor(
    private readonly server: ReturnType<typeof createHttpServer>,
    private readonly sockets: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(
    options: GatewayOptions,
    connect: (endpoint: ContractEndpoint) => void,
    log: Log,
  ): Promise<StationGateway> {
    const tls = options.tls ?? null;
    if (!isLoopback(options.host) && !tls) {
      throw new Error(
        `the station gateway will not serve ${options.host} without TLS: give a certificate and key, or bind a loopback address`,
      );
    }
    const auth = new GatewayAuth(options.token);
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      void serve(req, res, options, auth, tls !== null);
    };
    const server = tls
      ? createHttpsServer(
          { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
          handler,
        )
      : createHttpServer(handler);
    const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://station');
      const refusal = refuseUpgrade(req, url, auth);
      if (refusal) {
        log.warn('gateway: websocket refused', {
          reason: refusal,
          remote: req.socket.remoteAddress,
        });
        socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
        return;
      }
      sockets.handleUpgrade(req, socket, head, (ws) => {
        connect(webSocketEndpoint(ws as unknown as WebSocketLike));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    const url = `${tls ? 'https' : 'http'}://${host}:${port}/`;
    log.info('gateway: listening', { url });
    return new StationGateway(server, sockets, url);
  }

  async close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Returns the HTTP status line to refuse with, or null to accept. */
function refuseUpgrade(req: IncomingMessage, url: URL, auth: GatewayAuth): string | null {
  if (url.pathname !== CONTRACT_PATH) return '404 Not Found';
  // A page on another site must not drive the station with the nurse's cookie.
  const origin = req.headers.origin;
  if (origin !== undefined && new URL(origin).host !== req.headers.host) return '403 Forbidden';
  if (!auth.isAuthorised(req, url)) return '401 Unauthorized';
  return null;
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  options: GatewayOptions,
  auth: GatewayAuth,
  secure: boolean,
): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://station');
  const token = url.searchParams.get('token');
  if (token !== null) {
    if (!auth.tokenMatches(token)) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Wrong station token.\n');
      return;
    }
    // Trade the token for a cookie and drop it from the address bar.
    res
      .writeHead(303, { 'Set-Cookie': auth.sessionCookieHeader(secure), Location: url.pathname })
      .end();
    return;
  }
  if (!auth.isAuthorised(req, url)) {
    res
      .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end(
        'This station needs its access token: open the address the station printed when it started.\n',
      );
    return;
  }
  const file = await readStaticFile(options.rendererDir, url.pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
