import type { Alarm } from '../../../electron/contract/domain.js';
import { alarmIndicator } from '../alarms/alarmIndicator.js';
import type { NumericReading } from '../numerics/numericReading.js';
import { strings } from '../strings.js';

export interface NumericReadoutProps {
  testId: string;
  label: string;
  unit: string;
  colour: string;
  reading: NumericReading;
  /** The alarm about this parameter: the value is shown in its colours, flashing with it. */
  alarm: Alarm | undefined;
}

/** One big parameter value; the test id is on the number alone so its text is just the number. */
export function NumericReadout({
  testId,
  label,
  unit,
  colour,
  reading,
  alarm,
}: NumericReadoutProps) {
  const look =
    alarm === undefined
      ? { style: { color: colour } }
      : { ...alarmIndicator(alarm), 'data-alarm-highlight': true };
  return (
    <div className={alarm === undefined ? 'numeric' : 'numeric alarm-indicator'} {...look}>
      <span className="numeric__label">{label}</span>
      <span className="numeric__reading">
        <span className="numeric__value" data-testid={testId}>
          {reading.text}
        </span>
        {reading.questionable && (
          <span className="numeric__questionable" title={strings.numeric.questionableTitle}>
            {strings.numeric.questionableMarker}
          </span>
        )}
        <span className="numeric__unit">{unit}</span>
      </span>
    </div>
  );
}
