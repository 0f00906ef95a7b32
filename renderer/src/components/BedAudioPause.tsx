import { useAlarmActions } from '../alarms/AlarmActionsContext.js';
import { useTimeLeft } from '../alarms/useTimeLeft.js';
import { formatCountdown } from '../format/countdown.js';
import { strings } from '../strings.js';

export interface BedAudioPauseProps {
  bedId: string;
  bedLabel: string;
  /** Engine time the bed's own AUDIO PAUSED ends, or null. */
  pausedUntil: number | null;
  pauseSeconds: number;
}

/** A bed's own audio pause: a small button, or AUDIO PAUSED with its time left and Resume. */
export function BedAudioPause({ bedId, bedLabel, pausedUntil, pauseSeconds }: BedAudioPauseProps) {
  const { pauseAudio, resumeAudio } = useAlarmActions();
  const left = useTimeLeft(pausedUntil);
  if (left === null) {
    return (
      <button
        type="button"
        className="alarm-button alarm-button--small"
        data-testid={`bed-audio-pause-${bedId}`}
        aria-label={strings.alarms.bedAudioPauseLabel(
          bedLabel,
          formatCountdown(pauseSeconds * 1000),
        )}
        onClick={() => pauseAudio(bedId)}
      >
        {strings.alarms.bedAudioPause}
      </button>
    );
  }
  return (
    <span className="bed-audio-paused" data-testid={`bed-audio-paused-${bedId}`}>
      <span className="audio-marking audio-marking--small">
        {strings.alarms.audioPaused} {formatCountdown(left)}
      </span>
      <button
        type="button"
        className="alarm-button alarm-button--small"
        aria-label={strings.alarms.bedResumeAudioLabel(bedLabel)}
        onClick={() => resumeAudio(bedId)}
      >
        {strings.alarms.bedResumeAudio}
      </button>
    </span>
  );
}
