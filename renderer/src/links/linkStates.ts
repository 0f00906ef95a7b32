/**
 * How a bed's device links read on its tile, and whether a value that came over a link is live.
 */
import type { DeviceLinkStatus, LinkState } from '../../../electron/contract/domain.js';

/** Worst first: a bed with one link down and one streaming reads as down. */
const severity: Record<LinkState, number> = {
  down: 0,
  stale: 1,
  connecting: 2,
  associating: 3,
  streaming: 4,
};

/** The worst state among a bed's links, or null when the bed has no device link. */
export function worstLinkState(links: readonly DeviceLinkStatus[]): LinkState | null {
  let worst: LinkState | null = null;
  for (const link of links) {
    if (worst === null || severity[link.state] < severity[worst]) worst = link.state;
  }
  return worst;
}

/**
 * Whether a value from `device` is live. Devices are named after the link they came over (the
 * link id, possibly followed by the device's own identity), so the longest link id the device
 * name starts with is its link. A device no link claims counts as live while any of the bed's
 * links streams, or when the bed has no links at all (values that arrive by HL7).
 */
export function isDeviceLive(device: string, bedLinks: readonly DeviceLinkStatus[]): boolean {
  let own: DeviceLinkStatus | undefined;
  for (const link of bedLinks) {
    if (device.startsWith(link.id) && (own === undefined || link.id.length > own.id.length)) {
      own = link;
    }
  }
  if (own) return own.state === 'streaming';
  return bedLinks.length === 0 || bedLinks.some((link) => link.state === 'streaming');
}
