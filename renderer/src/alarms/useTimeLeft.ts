import { useEffect, useState } from 'react';

/** Often enough that a seconds countdown never shows a second late by more than a quarter. */
const TICK_MS = 250;

/**
 * Milliseconds left until `until` (engine time, ms since the epoch), re-rendering as it runs
 * down; null when there is no deadline or it has passed.
 */
export function useTimeLeft(until: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (time >= until) clearInterval(timer);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [until]);
  if (until === null || until <= now) return null;
  return until - now;
}
