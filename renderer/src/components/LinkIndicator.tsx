import type { LinkState } from '../../../electron/contract/domain.js';
import { strings } from '../strings.js';
import { linkStateColours, NO_LINK_COLOUR } from '../theme/linkStateColours.js';

/** A bed's device link state as a coloured dot with its name; null means the bed has no link. */
export function LinkIndicator({ state }: { state: LinkState | null }) {
  const colour = state === null ? NO_LINK_COLOUR : linkStateColours[state];
  const text = state === null ? strings.link.noDevice : strings.link.states[state];
  return (
    <span className="link-indicator" data-link-state={state ?? 'none'}>
      <span className="link-indicator__dot" style={{ background: colour }} />
      <span className="link-indicator__text">{text}</span>
    </span>
  );
}
