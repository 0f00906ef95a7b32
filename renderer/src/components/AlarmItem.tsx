import type { Alarm } from '../../../electron/contract/domain.js';
import { useAlarmActions } from '../alarms/AlarmActionsContext.js';
import { alarmIndicator } from '../alarms/alarmIndicator.js';
import { formatClockTime } from '../format/clockTime.js';
import { strings } from '../strings.js';
import { alarmPriorityStyles } from '../theme/alarmStyles.js';

export interface AlarmItemProps {
  alarm: Alarm;
  bedLabel: string;
  /** The alarm's bed is in AUDIO PAUSED of its own. */
  bedAudioPaused: boolean;
}

function titleOf(alarm: Alarm): string {
  const parts = [strings.alarms.priorities[alarm.priority], strings.alarms.states[alarm.state]];
  if (typeof alarm.acknowledgedAt === 'number') {
    parts.push(
      strings.alarms.acknowledgedBy(
        formatClockTime(alarm.acknowledgedAt),
        alarm.acknowledgedBy ?? '—',
      ),
    );
  }
  return parts.join(' — ');
}

/**
 * One alarm in the banner. Physiological alarms are filled with their priority colour; technical
 * ones are outlined and labelled TECH, so "check the equipment" never reads as "check the patient".
 */
export function AlarmItem({ alarm, bedLabel, bedAudioPaused }: AlarmItemProps) {
  const { acknowledge } = useAlarmActions();
  return (
    <div
      className="alarm alarm-indicator"
      data-alarm-code={alarm.code}
      data-alarm-bed={alarm.bed ?? undefined}
      data-escalated={alarm.escalated === true}
      title={titleOf(alarm)}
      {...alarmIndicator(alarm)}
    >
      <span className="alarm__marker">{alarmPriorityStyles[alarm.priority].marker}</span>
      {alarm.kind === 'technical' && <span className="alarm__tag">{strings.alarms.technical}</span>}
      <span className="alarm__bed">{bedLabel}</span>
      <span className="alarm__text">{alarm.text}</span>
      <time className="alarm__time" dateTime={new Date(alarm.startedAt).toISOString()}>
        {formatClockTime(alarm.startedAt)}
      </time>
      <span className="alarm__state">{strings.alarms.states[alarm.state]}</span>
      {alarm.escalated === true && (
        <span className="alarm__tag alarm__tag--escalated" title={strings.alarms.escalatedTitle}>
          {strings.alarms.escalated}
        </span>
      )}
      {bedAudioPaused && <span className="alarm__tag">{strings.alarms.audioPaused}</span>}
      {alarm.state !== 'acknowledged' && (
        <button
          type="button"
          className="alarm-button alarm__acknowledge"
          aria-label={strings.alarms.acknowledgeLabel(bedLabel, alarm.text)}
          onClick={() => acknowledge(alarm.id)}
        >
          {strings.alarms.acknowledge}
        </button>
      )}
    </div>
  );
}
