import { useSyncExternalStore } from 'react';
import type { StationState, StationStore } from './StationStore.js';

/** The station's current state; the component re-renders whenever it changes. */
export function useStationState(store: StationStore): StationState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
