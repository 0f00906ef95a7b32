/**
 * Which flash an alarm's indicators show. An alarm flashes while it still calls for a nurse
 * (active, latched, or sounding-but-paused); acknowledging stops the flash but keeps the colour,
 * so a condition that goes on is still seen. Low priority never flashes.
 */
import type { Alarm } from '../../../../electron/contract/domain.js';
import type { FlashingPriority } from './flashPatterns.js';

export function alarmFlash(alarm: Alarm): FlashingPriority | undefined {
  if (alarm.priority === 'low') return undefined;
  if (alarm.state === 'acknowledged' || alarm.state === 'ended') return undefined;
  return alarm.priority;
}
