import { useMemo } from 'react';
import { AlarmBanner } from './components/AlarmBanner.js';
import { ConnectionBanner } from './components/ConnectionBanner.js';
import type { StationStore } from './state/StationStore.js';
import { useStationState } from './state/useStationState.js';
import { CentralStationView } from './views/CentralStationView.js';
import { SweepCanvas } from './waveforms/SweepCanvas.js';
import type { SweepRenderer } from './waveforms/SweepRenderer.js';
import { SweepRendererContext } from './waveforms/SweepRendererContext.js';

export interface AppProps {
  store: StationStore;
  sweep: SweepRenderer;
}

export function App({ store, sweep }: AppProps) {
  const state = useStationState(store);
  const bedLabels = useMemo(
    () => new Map(state.beds.map((bed) => [bed.id, bed.label])),
    [state.beds],
  );
  return (
    <SweepRendererContext value={sweep}>
      <div className="station">
        <ConnectionBanner connection={state.connection} loadError={state.loadError} />
        <AlarmBanner alarms={state.alarms} bedLabels={bedLabels} />
        <CentralStationView state={state} />
      </div>
      <SweepCanvas />
    </SweepRendererContext>
  );
}
