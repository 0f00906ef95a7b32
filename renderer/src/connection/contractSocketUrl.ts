/**
 * Where the headless gateway serves the contract: the same host the page came from, over TLS
 * when the page did. The session cookie set when the page loaded travels with the upgrade, so no
 * token appears here.
 */
const CONTRACT_PATH = '/contract';

export interface PageLocation {
  protocol: string;
  host: string;
}

export function contractSocketUrl(page: PageLocation): string {
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}${CONTRACT_PATH}`;
}
