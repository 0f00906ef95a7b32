import { memo } from 'react';
import type { Bed, DeviceLinkStatus, WaveStream } from '../../../electron/contract/domain.js';
import { alarmIndicator } from '../alarms/alarmIndicator.js';
import type { BedAlarms } from '../alarms/bedAlarms.js';
import { isDeviceLive, worstLinkState } from '../links/linkStates.js';
import { displayUnit } from '../numerics/displayUnit.js';
import { numericReading } from '../numerics/numericReading.js';
import { tileParameters } from '../numerics/tileParameters.js';
import type { BedObservations } from '../state/observationsByBed.js';
import { strings } from '../strings.js';
import { parameterColour } from '../theme/parameterColours.js';
import { WaveSlot } from '../waveforms/WaveSlot.js';
import { BedAlarmBar } from './BedAlarmBar.js';
import { BedAudioPause } from './BedAudioPause.js';
import { DemoBadge } from './DemoBadge.js';
import { LinkIndicator } from './LinkIndicator.js';
import { NumericReadout } from './NumericReadout.js';

export interface BedTileProps {
  bed: Bed;
  observations: BedObservations | undefined;
  links: readonly DeviceLinkStatus[];
  /** The bed's live waves, one per MDC code, in the order to show them. */
  waves: readonly WaveStream[];
  /** The bed's alarms that are not ended; null when it has none. */
  alarms: BedAlarms | null;
  /** Engine time the bed's own AUDIO PAUSED ends, or null. */
  audioPausedUntil: number | null;
  /** The unit's audio pause length; null while the alarm signal state is unknown. */
  audioPauseSeconds: number | null;
  engineConnected: boolean;
}

/**
 * One bed on the central station: who, whether its devices are live, its alarm, its waves and
 * numerics. The frame takes the colour and flash of the alarm the bar names.
 */
export const BedTile = memo(function BedTile({
  bed,
  observations,
  links,
  waves,
  alarms,
  audioPausedUntil,
  audioPauseSeconds,
  engineConnected,
}: BedTileProps) {
  const demo =
    bed.demo ||
    waves.some((wave) => wave.demo) ||
    [...(observations?.values() ?? [])].some((observation) => observation.demo);
  return (
    <article
      className="bed-tile"
      data-testid={`bed-tile-${bed.id}`}
      {...(alarms === null ? {} : alarmIndicator(alarms.shown))}
    >
      <header className="bed-tile__header">
        <span className="bed-tile__label">{bed.label}</span>
        <span className="bed-tile__patient">{bed.patient?.name ?? strings.bed.unassociated}</span>
        {demo && <DemoBadge />}
        <LinkIndicator state={worstLinkState(links)} />
        {audioPauseSeconds !== null && (alarms !== null || audioPausedUntil !== null) && (
          <BedAudioPause
            bedId={bed.id}
            bedLabel={bed.label}
            pausedUntil={audioPausedUntil}
            pauseSeconds={audioPauseSeconds}
          />
        )}
      </header>
      {alarms !== null && <BedAlarmBar bedId={bed.id} alarms={alarms} />}
      <div className="bed-tile__body">
        <div className="bed-tile__waves">
          {waves.length === 0 ? (
            <div className="wave-slot wave-slot--empty">{strings.bed.noWaveform}</div>
          ) : (
            waves.map((wave) => (
              <WaveSlot
                key={wave.code}
                bedId={bed.id}
                code={wave.code}
                label={wave.label}
                colour={parameterColour(wave.code)}
              />
            ))
          )}
        </div>
        <div className="bed-tile__numerics">
          {tileParameters.map(({ term, decimals }) => {
            const observation = observations?.get(term.code);
            const live =
              engineConnected &&
              observation !== undefined &&
              isDeviceLive(observation.device, links);
            return (
              <NumericReadout
                key={term.code}
                testId={`numeric-${bed.id}-${term.code}`}
                label={term.label}
                unit={displayUnit(observation?.unit ?? term.ucum)}
                colour={parameterColour(term.code)}
                reading={numericReading(observation, live, decimals)}
                alarm={alarms?.byParameter.get(term.code)}
              />
            );
          })}
        </div>
      </div>
    </article>
  );
});
