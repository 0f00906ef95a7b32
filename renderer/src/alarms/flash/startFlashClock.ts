/**
 * The screen's one flash clock. It sets `data-flash-high` and `data-flash-medium` ("on"/"off")
 * on `root`, and station.css shows every flashing indicator's off phase from them, so all tiles
 * and the banner change together, exactly at the pattern's edges, with one timer.
 *
 * prefers-reduced-motion is deliberately not honoured: an alarm condition must flash to meet
 * IEC 60601-1-8, and the flash is a colour step with no movement or transition, at 2 Hz at most,
 * below the three flashes a second that photosensitivity guidance warns of.
 */
import { flashPatterns, isFlashOn, msToNextEdge, type FlashingPriority } from './flashPatterns.js';

const priorities = Object.keys(flashPatterns) as FlashingPriority[];

function attributeOf(priority: FlashingPriority): string {
  return `data-flash-${priority}`;
}

/** Returns a stop function. */
export function startFlashClock(root: HTMLElement): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const tick = (): void => {
    const time = performance.now();
    let wait = Infinity;
    for (const priority of priorities) {
      const pattern = flashPatterns[priority];
      root.setAttribute(attributeOf(priority), isFlashOn(pattern, time) ? 'on' : 'off');
      wait = Math.min(wait, msToNextEdge(pattern, time));
    }
    // A timer may fire a little early; the extra millisecond lands it past the edge.
    timer = setTimeout(tick, wait + 1);
  };
  tick();
  return (): void => {
    clearTimeout(timer);
    for (const priority of priorities) root.removeAttribute(attributeOf(priority));
  };
}
