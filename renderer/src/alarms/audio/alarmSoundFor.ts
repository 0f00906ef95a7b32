/**
 * What the station should sound: what the engine says, since it alone knows every alarm, its
 * acknowledgements and pauses. While the engine cannot be reached nobody can know, so the loss
 * itself sounds as a medium-priority technical alarm (IEC 60601-1-8 6.11.2.2: a distributed
 * alarm system that cannot deliver must say so where it still can).
 */
import type { AlarmPriority, AlarmSignalState } from '../../../../electron/contract/domain.js';
import type { EngineConnection } from '../../state/StationStore.js';

export interface AlarmSound {
  priority: AlarmPriority;
  escalated: boolean;
}

const ENGINE_LOST: AlarmSound = { priority: 'medium', escalated: false };

export function alarmSoundFor(
  signals: AlarmSignalState | null,
  connection: EngineConnection,
): AlarmSound | null {
  if (connection === 'lost') return ENGINE_LOST;
  if (signals === null || signals.sounding === null) return null;
  // Only high-priority alarms escalate; a medium one sounding beside a bed-paused escalated alarm
  // is not made louder by it.
  return {
    priority: signals.sounding,
    escalated: signals.sounding === 'high' && signals.escalated,
  };
}
