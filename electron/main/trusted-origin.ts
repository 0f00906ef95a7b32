/**
 * Decides whether a URL belongs to the renderer's own origin. Node's URL gives every
 * non-special scheme, app: included, the opaque origin "null", so comparing `.origin` would
 * let app://anything pass for app://station; scheme and host (with port) are compared instead.
 */
export function isTrustedUrl(candidate: string, trusted: URL): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === trusted.protocol && url.host === trusted.host;
}
