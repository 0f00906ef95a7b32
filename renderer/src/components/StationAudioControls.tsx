import type { AlarmSignalState } from '../../../electron/contract/domain.js';
import { useAlarmActions } from '../alarms/AlarmActionsContext.js';
import { useTimeLeft } from '../alarms/useTimeLeft.js';
import { formatCountdown } from '../format/countdown.js';
import { strings } from '../strings.js';

/**
 * The station-wide audio controls and their IEC 60601-1-8 markings: "Audio pause 2:00", and
 * while it holds AUDIO PAUSED with the time left and "Resume audio"; AUDIO OFF likewise.
 */
export function StationAudioControls({ signals }: { signals: AlarmSignalState | null }) {
  const { pauseAudio, resumeAudio } = useAlarmActions();
  const pausedLeft = useTimeLeft(signals?.audioPausedUntil ?? null);
  if (signals === null) {
    return <span className="audio-marking">{strings.alarms.signalsUnknown}</span>;
  }
  const pauseLength = formatCountdown(signals.audioPauseSeconds * 1000);
  return (
    <span className="audio-controls">
      {signals.audioOff && (
        <span className="audio-marking" data-testid="audio-off">
          {strings.alarms.audioOff}
        </span>
      )}
      {pausedLeft !== null && (
        <span className="audio-marking" data-testid="audio-paused">
          {strings.alarms.audioPaused}{' '}
          <span className="audio-marking__countdown" data-testid="audio-paused-countdown">
            {formatCountdown(pausedLeft)}
          </span>
        </span>
      )}
      <button
        type="button"
        className="alarm-button"
        data-testid="audio-pause"
        onClick={() => pauseAudio(null)}
      >
        {strings.alarms.audioPause(pauseLength)}
      </button>
      {(pausedLeft !== null || signals.audioOff) && (
        <button
          type="button"
          className="alarm-button"
          data-testid="audio-resume"
          onClick={() => resumeAudio(null)}
        >
          {strings.alarms.resumeAudio}
        </button>
      )}
    </span>
  );
}
