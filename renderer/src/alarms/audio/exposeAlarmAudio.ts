import type { AlarmPriority } from '../../../../electron/contract/domain.js';
import type { AlarmSound } from './alarmSoundFor.js';
import type { AlarmSoundPlayer, AlarmSoundStatus } from './AlarmSoundPlayer.js';
import { RENDER_LEAD_IN_S, renderAlarmOffline } from './renderAlarmOffline.js';

export const ALARM_AUDIO_GLOBAL = '__wardStationAlarmAudio';

/**
 * Publishes the alarm sound for tests and service checks as `window.__wardStationAlarmAudio`:
 *   renderOffline(priority, seconds, escalated?) → Promise<{ sampleRate, samples: Float32Array,
 *     leadIn }>: the sound of that priority rendered offline from time 0 for `seconds`; the
 *     first pulse reaches half amplitude at `leadIn` seconds.
 *   status: the live player's AlarmSoundStatus; playing: the AlarmSound it plays, or null.
 * Nothing here can make the live player sound or stop.
 */
export function exposeAlarmAudio(player: AlarmSoundPlayer, target: object): void {
  const view = Object.freeze({
    async renderOffline(priority: AlarmPriority, seconds: number, escalated = false) {
      return {
        ...(await renderAlarmOffline(priority, seconds, escalated)),
        leadIn: RENDER_LEAD_IN_S,
      };
    },
    get status(): AlarmSoundStatus {
      return player.getStatus();
    },
    get playing(): AlarmSound | null {
      return player.playing;
    },
  });
  Object.defineProperty(target, ALARM_AUDIO_GLOBAL, { value: view, configurable: true });
}
