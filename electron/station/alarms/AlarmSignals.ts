/**
 * What the station's alarm sound does: one sound for the whole station at the highest priority
 * that still needs attention, after acknowledgements, AUDIO PAUSED (station or bed, timed) and
 * AUDIO OFF. Computed here, once, so every screen plays and shows the same thing.
 */
import type { Alarm, AlarmPriority, AlarmSignalState } from '../../contract/domain.js';
import type { AlarmPolicy } from './AlarmPolicy.js';
import { AlarmActionError } from './AlarmRegistry.js';

const RANK: Record<AlarmPriority, number> = { high: 0, medium: 1, low: 2 };

export class AlarmSignals {
  private audioPausedUntil: number | null = null;
  private readonly bedAudioPausedUntil = new Map<string, number>();
  private audioOff = false;
  private reminderAt: number | null = null;
  private reminderSince: number | null = null;

  constructor(private readonly policy: AlarmPolicy) {}

  pauseAudio(bed: string | null, now: number): void {
    const until = now + this.policy.audioPauseSeconds * 1000;
    if (bed === null) this.audioPausedUntil = until;
    else this.bedAudioPausedUntil.set(bed, until);
  }

  resumeAudio(bed: string | null): void {
    if (bed === null) {
      this.audioPausedUntil = null;
      this.audioOff = false;
    } else {
      this.bedAudioPausedUntil.delete(bed);
    }
  }

  setAudioOff(off: boolean): void {
    if (off && !this.policy.allowAudioOff) {
      throw new AlarmActionError('this unit does not allow alarm audio to be switched off');
    }
    this.audioOff = off;
  }

  /** Drops pauses that have run out; returns true when something changed. */
  expire(now: number, alarms: readonly Alarm[]): boolean {
    let changed = false;
    if (this.audioPausedUntil !== null && this.audioPausedUntil <= now) {
      this.audioPausedUntil = null;
      changed = true;
    }
    for (const [bed, until] of this.bedAudioPausedUntil) {
      if (until <= now) {
        this.bedAudioPausedUntil.delete(bed);
        changed = true;
      }
    }
    return this.updateReminder(now, alarms) || changed;
  }

  /** The next moment a pause ends or a reminder is due. */
  nextChange(): number | null {
    const times = [
      this.audioPausedUntil,
      ...this.bedAudioPausedUntil.values(),
      this.reminderSince === null ? null : this.nextReminder(),
    ].filter((t): t is number => t !== null);
    return times.length === 0 ? null : Math.min(...times);
  }

  state(alarms: readonly Alarm[], now: number): AlarmSignalState {
    return {
      sounding: this.sounding(alarms, now),
      escalated: alarms.some((a) => a.escalated === true && a.state === 'active'),
      audioPausedUntil: this.audioPausedUntil,
      bedAudioPausedUntil: Object.fromEntries(this.bedAudioPausedUntil),
      audioOff: this.audioOff,
      reminderAt: this.reminderAt,
      audioPauseSeconds: this.policy.audioPauseSeconds,
    };
  }

  private sounding(alarms: readonly Alarm[], now: number): AlarmPriority | null {
    if (this.audioOff) return null;
    if (this.audioPausedUntil !== null && this.audioPausedUntil > now) return null;
    let best: AlarmPriority | null = null;
    for (const a of alarms) {
      // Latched alarms still call for attention until acknowledged.
      if (a.state !== 'active' && a.state !== 'latched') continue;
      const bedPause = a.bed === null ? undefined : this.bedAudioPausedUntil.get(a.bed);
      if (bedPause !== undefined && bedPause > now) continue;
      if (best === null || RANK[a.priority] < RANK[best]) best = a.priority;
    }
    return best;
  }

  /**
   * A reminder signal is due every reminder interval while audio is off or an acknowledged
   * alarm condition goes on: silence must not become forgotten.
   */
  private updateReminder(now: number, alarms: readonly Alarm[]): boolean {
    const needs = this.audioOff || alarms.some((a) => a.state === 'acknowledged');
    if (!needs) {
      const changed = this.reminderSince !== null;
      this.reminderSince = null;
      return changed;
    }
    if (this.reminderSince === null) {
      this.reminderSince = now;
      return false;
    }
    const due = this.nextReminder();
    if (due !== null && due <= now) {
      this.reminderAt = now;
      this.reminderSince = now;
      return true;
    }
    return false;
  }

  private nextReminder(): number | null {
    return this.reminderSince === null
      ? null
      : this.reminderSince + this.policy.reminderSeconds * 1000;
  }
}
