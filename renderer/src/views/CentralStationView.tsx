import { useMemo } from 'react';
import type { AlarmSignalState, WaveStream } from '../../../electron/contract/domain.js';
import { alarmsByBed } from '../alarms/bedAlarms.js';
import { BedTile } from '../components/BedTile.js';
import { gridColumns, gridRows } from '../layout/gridColumns.js';
import { groupByBed } from '../state/groupByBed.js';
import type { StationState } from '../state/StationStore.js';
import { strings } from '../strings.js';

const none: readonly never[] = [];

/** One wave per code for each bed; when two devices send the same wave the first stream wins. */
function wavesByBed(streams: readonly WaveStream[]): ReadonlyMap<string, readonly WaveStream[]> {
  const ordered = [...streams].sort((a, b) => a.streamId - b.streamId);
  const byBed = new Map<string, WaveStream[]>();
  for (const [bed, bedStreams] of groupByBed(ordered)) {
    const firstPerCode = new Map<number, WaveStream>();
    for (const stream of bedStreams) {
      if (!firstPerCode.has(stream.code)) firstPerCode.set(stream.code, stream);
    }
    byBed.set(bed, [...firstPerCode.values()]);
  }
  return byBed;
}

/** Every bed of the unit on one screen: a grid of equal tiles that fills the window. */
export interface CentralStationViewProps {
  state: StationState;
  /** null while unknown. */
  signals: AlarmSignalState | null;
}

export function CentralStationView({ state, signals }: CentralStationViewProps) {
  const { beds, links, streams, alarms, observations, connection } = state;
  const linksByBed = useMemo(() => groupByBed(links), [links]);
  const waves = useMemo(() => wavesByBed(streams), [streams]);
  const bedAlarms = useMemo(() => alarmsByBed(alarms), [alarms]);

  if (beds.length === 0) {
    return (
      <main className="station-grid station-grid--empty">
        {connection === 'connected' ? strings.station.noBeds : strings.station.waitingForBeds}
      </main>
    );
  }
  return (
    <main
      className="station-grid"
      style={{
        gridTemplateColumns: `repeat(${gridColumns(beds.length)}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${gridRows(beds.length)}, minmax(0, 1fr))`,
      }}
    >
      {beds.map((bed) => (
        <BedTile
          key={bed.id}
          bed={bed}
          observations={observations.get(bed.id)}
          links={linksByBed.get(bed.id) ?? none}
          waves={waves.get(bed.id) ?? none}
          alarms={bedAlarms.get(bed.id) ?? null}
          audioPausedUntil={signals?.bedAudioPausedUntil[bed.id] ?? null}
          audioPauseSeconds={signals?.audioPauseSeconds ?? null}
          engineConnected={connection === 'connected'}
        />
      ))}
    </main>
  );
}
