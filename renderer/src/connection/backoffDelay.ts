/**
 * How long to wait before retry number `attempt` (0 first): quick at first so a restarted engine
 * is picked up at once, capped so a long outage does not turn into minutes of silence.
 */
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;

export function backoffDelay(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt), MAX_DELAY_MS);
}
