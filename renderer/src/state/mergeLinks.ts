/**
 * 'links.changed' carries only the links that changed: replace those by id, keep the order the
 * station listed them in, and append links it had not listed before.
 */
import type { DeviceLinkStatus } from '../../../electron/contract/domain.js';

export function mergeLinks(
  current: readonly DeviceLinkStatus[],
  changed: readonly DeviceLinkStatus[],
): readonly DeviceLinkStatus[] {
  if (changed.length === 0) return current;
  const byId = new Map(changed.map((link) => [link.id, link]));
  const merged = current.map((link) => {
    const update = byId.get(link.id);
    byId.delete(link.id);
    return update ?? link;
  });
  return [...merged, ...byId.values()];
}
