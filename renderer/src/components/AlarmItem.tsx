import type { Alarm } from '../../../electron/contract/domain.js';
import { formatClockTime } from '../format/clockTime.js';
import { strings } from '../strings.js';
import { alarmPriorityStyles } from '../theme/alarmStyles.js';

/**
 * One alarm in the banner. Physiological alarms are filled with their priority colour; technical
 * ones are outlined and labelled TECH, so "check the equipment" never reads as "check the patient".
 */
export function AlarmItem({ alarm, bedLabel }: { alarm: Alarm; bedLabel: string }) {
  const look = alarmPriorityStyles[alarm.priority];
  const technical = alarm.kind === 'technical';
  return (
    <div
      className={`alarm alarm--${alarm.kind}`}
      data-alarm-code={alarm.code}
      data-alarm-priority={alarm.priority}
      data-alarm-kind={alarm.kind}
      data-alarm-state={alarm.state}
      title={`${strings.alarms.priorities[alarm.priority]} — ${strings.alarms.states[alarm.state]}`}
      style={
        technical
          ? { borderColor: look.colour, color: look.colour }
          : { borderColor: look.colour, background: look.colour, color: look.onColour }
      }
    >
      <span className="alarm__marker">{look.marker}</span>
      {technical && <span className="alarm__tech">{strings.alarms.technical}</span>}
      <span className="alarm__bed">{bedLabel}</span>
      <span className="alarm__text">{alarm.text}</span>
      <time className="alarm__time" dateTime={new Date(alarm.startedAt).toISOString()}>
        {formatClockTime(alarm.startedAt)}
      </time>
    </div>
  );
}
