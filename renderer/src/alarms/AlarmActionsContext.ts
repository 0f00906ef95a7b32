import { createContext, useContext } from 'react';

/** What a nurse can do about alarms from any view; failures are reported by the implementation. */
export interface AlarmActions {
  acknowledge(id: string): void;
  /** `bed` null: the whole station. */
  pauseAudio(bed: string | null): void;
  resumeAudio(bed: string | null): void;
}

export const AlarmActionsContext = createContext<AlarmActions | null>(null);

export function useAlarmActions(): AlarmActions {
  const actions = useContext(AlarmActionsContext);
  if (actions === null) throw new Error('useAlarmActions needs an AlarmActionsContext above it');
  return actions;
}
