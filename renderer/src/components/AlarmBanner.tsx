import { memo, useMemo } from 'react';
import type { Alarm } from '../../../electron/contract/domain.js';
import { orderAlarms } from '../alarms/orderAlarms.js';
import { strings } from '../strings.js';
import { AlarmItem } from './AlarmItem.js';

/** Beyond this many the banner would push the beds off the screen; the rest are counted. */
const MOST_SHOWN = 6;

export interface AlarmBannerProps {
  alarms: readonly Alarm[];
  bedLabels: ReadonlyMap<string, string>;
}

/** Every alarm that is not ended, most urgent and then newest first, across the top. */
export const AlarmBanner = memo(function AlarmBanner({ alarms, bedLabels }: AlarmBannerProps) {
  const ordered = useMemo(() => orderAlarms(alarms), [alarms]);
  const hidden = ordered.length - MOST_SHOWN;
  return (
    <section className="alarm-banner" data-testid="alarm-banner" aria-live="polite">
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
        />
      ))}
      {hidden > 0 && <span className="alarm-banner__more">{strings.alarms.more(hidden)}</span>}
    </section>
  );
});
