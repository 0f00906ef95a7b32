/** The colour of a device link's state dot: green only when data is flowing. */
import type { LinkState } from '../../../electron/contract/domain.js';

export const linkStateColours: Record<LinkState, string> = {
  streaming: '#35d07f',
  connecting: '#8fa3b8',
  associating: '#8fa3b8',
  stale: '#ffb020',
  down: '#ff4d4d',
};

export const NO_LINK_COLOUR = '#5b6670';
