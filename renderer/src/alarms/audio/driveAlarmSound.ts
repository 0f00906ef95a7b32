/**
 * Keeps the station's one alarm sound in step with the engine: the sound it says, and a reminder
 * signal each time its reminder time moves on (not for the one it had when first heard of, which
 * was due before this screen was).
 */
import type { AlarmSignalsStore } from '../../state/AlarmSignalsStore.js';
import type { StationStore } from '../../state/StationStore.js';
import { alarmSoundFor } from './alarmSoundFor.js';
import type { AlarmSoundPlayer } from './AlarmSoundPlayer.js';

/** Returns a stop function. */
export function driveAlarmSound(
  alarmSignals: AlarmSignalsStore,
  station: StationStore,
  player: AlarmSoundPlayer,
): () => void {
  let lastReminder: number | null | undefined;
  const follow = (): void => {
    const { signals } = alarmSignals.getSnapshot();
    player.play(alarmSoundFor(signals, station.getSnapshot().connection));
    if (signals === null) return;
    const reminderMoved = signals.reminderAt !== null && signals.reminderAt !== lastReminder;
    if (lastReminder !== undefined && reminderMoved) player.remind();
    lastReminder = signals.reminderAt;
  };
  const stops = [alarmSignals.subscribe(follow), station.subscribe(follow)];
  follow();
  return () => {
    for (const stop of stops) stop();
    player.play(null);
  };
}
