import { memo, useMemo } from 'react';
import type { Alarm, AlarmSignalState } from '../../../electron/contract/domain.js';
import type { AlarmSoundPlayer } from '../alarms/audio/AlarmSoundPlayer.js';
import { highestPriority, orderAlarms } from '../alarms/orderAlarms.js';
import { strings } from '../strings.js';
import { alarmColourVariables } from '../theme/alarmStyles.js';
import { AlarmItem } from './AlarmItem.js';
import { AlarmSoundStatus } from './AlarmSoundStatus.js';
import { StationAudioControls } from './StationAudioControls.js';

/** Beyond this many the banner would push the beds off the screen; the rest are counted. */
const MOST_SHOWN = 6;

export interface AlarmBannerProps {
  alarms: readonly Alarm[];
  bedLabels: ReadonlyMap<string, string>;
  signals: AlarmSignalState | null;
  actionError: string | null;
  player: AlarmSoundPlayer;
}

/**
 * Across the top: every alarm that is not ended, most urgent and then newest first, and the
 * station's audio state and controls. The alarm list is a live region; the countdown is not, so
 * a screen reader is not told every second.
 */
export const AlarmBanner = memo(function AlarmBanner({
  alarms,
  bedLabels,
  signals,
  actionError,
  player,
}: AlarmBannerProps) {
  const ordered = useMemo(() => orderAlarms(alarms), [alarms]);
  const hidden = ordered.length - MOST_SHOWN;
  const highest = highestPriority(alarms);
  return (
    <section
      className="alarm-banner"
      data-testid="alarm-banner"
      data-alarm-priority={highest ?? undefined}
      style={highest === null ? undefined : alarmColourVariables(highest)}
    >
      <div className="alarm-banner__alarms" aria-live="polite">
        {ordered.length === 0 && <span className="alarm-banner__none">{strings.alarms.none}</span>}
        {ordered.slice(0, MOST_SHOWN).map((alarm) => (
          <AlarmItem
            key={alarm.id}
            alarm={alarm}
            bedLabel={
              alarm.bed === null
                ? strings.alarms.stationWide
                : (bedLabels.get(alarm.bed) ?? alarm.bed)
            }
            bedAudioPaused={
              alarm.bed !== null && signals?.bedAudioPausedUntil[alarm.bed] !== undefined
            }
          />
        ))}
        {hidden > 0 && <span className="alarm-banner__more">{strings.alarms.more(hidden)}</span>}
      </div>
      <div className="alarm-banner__audio">
        <AlarmSoundStatus player={player} />
        <StationAudioControls signals={signals} />
      </div>
      {actionError !== null && (
        <div className="alarm-banner__error" data-testid="alarm-action-error" role="alert">
          {actionError}
        </div>
      )}
    </section>
  );
});
