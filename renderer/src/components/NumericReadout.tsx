import type { NumericReading } from '../numerics/numericReading.js';
import { strings } from '../strings.js';

export interface NumericReadoutProps {
  testId: string;
  label: string;
  unit: string;
  colour: string;
  reading: NumericReading;
}

/** One big parameter value; the test id is on the number alone so its text is just the number. */
export function NumericReadout({ testId, label, unit, colour, reading }: NumericReadoutProps) {
  return (
    <div className="numeric" style={{ color: colour }}>
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
