/**
 * Access to the headless station. The station prints a random token at start; a browser opens
 * the URL with ?token= once and gets an HttpOnly, SameSite=Strict session cookie instead, so
 * the token does not linger in the address bar or history. The cookie is derived from the token
 * (HMAC), so it stays valid across engine restarts without any stored session state.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'ward_session';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class GatewayAuth {
  private readonly sessionValue: string;

  constructor(private readonly token: string) {
    this.sessionValue = createHmac('sha256', token).update('ward-station session v1').digest('hex');
  }

  tokenMatches(candidate: string | null): boolean {
    return candidate !== null && sameSecret(candidate, this.token);
  }

  sessionCookieHeader(secure: boolean): string {
    return `${SESSION_COOKIE}=${this.sessionValue}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
  }

  /** A request is allowed with the session cookie, a bearer token, or ?token= (scripts, tests). */
  isAuthorised(request: IncomingMessage, url: URL): boolean {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
    if (this.tokenMatches(bearer) || this.tokenMatches(url.searchParams.get('token'))) return true;
    const cookie = parseCookies(request.headers.cookie ?? '').get(SESSION_COOKIE) ?? null;
    return cookie !== null && sameSecret(cookie, this.sessionValue);
  }
}

function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}
