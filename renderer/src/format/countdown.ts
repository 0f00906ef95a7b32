/**
 * A time left as the station shows it, minutes and seconds ("1:59"), rounded up so a pause
 * never reads 0:00 while it still holds.
 */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
