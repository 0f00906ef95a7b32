import { useMemo, useSyncExternalStore } from 'react';
import { AlarmActionsContext } from './alarms/AlarmActionsContext.js';
import type { AlarmSoundPlayer } from './alarms/audio/AlarmSoundPlayer.js';
import { AlarmBanner } from './components/AlarmBanner.js';
import { ConnectionBanner } from './components/ConnectionBanner.js';
import type { AlarmSignalsStore } from './state/AlarmSignalsStore.js';
import type { StationStore } from './state/StationStore.js';
import { useStationState } from './state/useStationState.js';
import { CentralStationView } from './views/CentralStationView.js';
import { SweepCanvas } from './waveforms/SweepCanvas.js';
import type { SweepRenderer } from './waveforms/SweepRenderer.js';
import { SweepRendererContext } from './waveforms/SweepRendererContext.js';

export interface AppProps {
  store: StationStore;
  alarmSignals: AlarmSignalsStore;
  player: AlarmSoundPlayer;
  sweep: SweepRenderer;
}

export function App({ store, alarmSignals, player, sweep }: AppProps) {
  const state = useStationState(store);
  const { signals, actionError } = useSyncExternalStore(
    alarmSignals.subscribe,
    alarmSignals.getSnapshot,
  );
  const bedLabels = useMemo(
    () => new Map(state.beds.map((bed) => [bed.id, bed.label])),
    [state.beds],
  );
  return (
    <SweepRendererContext value={sweep}>
      <AlarmActionsContext value={alarmSignals}>
        <div className="station">
          <ConnectionBanner connection={state.connection} loadError={state.loadError} />
          <AlarmBanner
            alarms={state.alarms}
            bedLabels={bedLabels}
            signals={signals}
            actionError={actionError}
            player={player}
          />
          <CentralStationView state={state} signals={signals} />
        </div>
        <SweepCanvas />
      </AlarmActionsContext>
    </SweepRendererContext>
  );
}
