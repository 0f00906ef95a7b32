import { alarmIndicator } from '../alarms/alarmIndicator.js';
import type { BedAlarms } from '../alarms/bedAlarms.js';
import { strings } from '../strings.js';
import { alarmPriorityStyles } from '../theme/alarmStyles.js';

/** The line under a bed's header naming the alarm that colours the tile, and its flags. */
export function BedAlarmBar({ bedId, alarms }: { bedId: string; alarms: BedAlarms }) {
  const { shown } = alarms;
  return (
    <div
      className="bed-alarm alarm-indicator"
      data-testid={`bed-alarm-${bedId}`}
      title={strings.alarms.priorities[shown.priority]}
      {...alarmIndicator(shown)}
    >
      <span className="alarm__marker">{alarmPriorityStyles[shown.priority].marker}</span>
      {shown.kind === 'technical' && <span className="alarm__tag">{strings.alarms.technical}</span>}
      <span className="bed-alarm__text">{shown.text}</span>
      {shown.state !== 'active' && (
        <span className="alarm__tag">{strings.alarms.states[shown.state]}</span>
      )}
      {alarms.escalated && (
        <span className="alarm__tag alarm__tag--escalated" title={strings.alarms.escalatedTitle}>
          {strings.alarms.escalated}
        </span>
      )}
      {alarms.count > 1 && (
        <span className="bed-alarm__more">{strings.alarms.more(alarms.count - 1)}</span>
      )}
    </div>
  );
}
