/** A wall-clock time as the station shows it: 24-hour, to the second, in the user's locale. */
const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatClockTime(msSinceEpoch: number): string {
  return clock.format(msSinceEpoch);
}
