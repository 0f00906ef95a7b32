import { useSyncExternalStore } from 'react';
import type { AlarmSoundPlayer } from '../alarms/audio/AlarmSoundPlayer.js';
import { strings } from '../strings.js';

/**
 * Says so, persistently, whenever the station cannot sound its alarms, with the button that
 * starts the sound where a click can; shows nothing while the sound works.
 */
export function AlarmSoundStatus({ player }: { player: AlarmSoundPlayer }) {
  const status = useSyncExternalStore(player.subscribe, player.getStatus);
  if (status.state === 'running') return null;
  return (
    <span className="sound-status" data-testid="alarm-sound-status" role="alert">
      {status.state === 'failed' ? (
        <span className="sound-status__warning">{strings.alarms.soundFailed(status.reason)}</span>
      ) : (
        <span className="sound-status__warning" title={strings.alarms.soundNotStartedTitle}>
          {strings.alarms.soundNotStarted}
        </span>
      )}
      {(status.state === 'needs-gesture' || status.canRetry) && (
        <button
          type="button"
          className="alarm-button sound-status__enable"
          data-testid="enable-alarm-sound"
          onClick={() => void player.enable()}
        >
          {strings.alarms.enableSound}
        </button>
      )}
    </span>
  );
}
