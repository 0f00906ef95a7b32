/**
 * The station's one alarm sound: plays the burst of the priority it is told, repeating it, and
 * says whether it can be heard at all. Browsers keep an AudioContext suspended until a user
 * gesture (Electron's autoplay policy is relaxed, so there it runs at once); until it runs the
 * status says so and the banner asks for a click, because a station that cannot sound must never
 * look as if it could.
 */
import { alarmBurst, nextBurstStart, reminderBurst } from './alarmBursts.js';
import type { AlarmSound } from './alarmSoundFor.js';
import { synthesizeBurst } from './synthesizeBurst.js';

export type AlarmSoundStatus =
  /** The context exists but waits for a user gesture. */
  | { state: 'needs-gesture' }
  | { state: 'running' }
  /** No sound can be made; `reason` says why, `canRetry` whether a click might still help. */
  | { state: 'failed'; reason: string; canRetry: boolean };

/**
 * The next burst is handed to the audio thread this early, so a busy page or a throttled timer
 * (up to 1 s in a hidden page) never delays it.
 */
const LOOKAHEAD_S = 1.5;
/** A sound starts this long after it is asked for, so its first ramp is wholly in the future. */
const START_DELAY_S = 0.05;
/** Stopping fades out over this long instead of cutting a pulse with a click. */
const FADE_S = 0.02;

interface Voice {
  sound: AlarmSound;
  output: GainNode;
  timer: ReturnType<typeof setTimeout> | null;
}

function sameSound(a: AlarmSound | null, b: AlarmSound | null): boolean {
  return a?.priority === b?.priority && a?.escalated === b?.escalated;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class AlarmSoundPlayer {
  private readonly context: AudioContext | null;
  private status: AlarmSoundStatus;
  private wanted: AlarmSound | null = null;
  private voice: Voice | null = null;
  private readonly listeners = new Set<() => void>();

  constructor() {
    let context: AudioContext | null = null;
    try {
      context = new AudioContext();
      this.status = context.state === 'running' ? { state: 'running' } : { state: 'needs-gesture' };
    } catch (error) {
      this.status = { state: 'failed', reason: describe(error), canRetry: false };
    }
    this.context = context;
    context?.addEventListener('statechange', () => this.contextStateChanged());
  }

  /** What should sound now; null for silence. Asking again for the same sound changes nothing. */
  play(sound: AlarmSound | null): void {
    this.wanted = sound;
    if (sameSound(this.voice?.sound ?? null, sound)) return;
    this.stopVoice();
    this.startVoice();
  }

  /** One reminder signal, now. */
  remind(): void {
    const context = this.context;
    if (context === null || this.status.state !== 'running') return;
    synthesizeBurst(
      context,
      context.destination,
      reminderBurst,
      context.currentTime + START_DELAY_S,
    );
  }

  /** Must be called from a user gesture (a click) in a browser. */
  async enable(): Promise<void> {
    if (this.context === null) return;
    try {
      await this.context.resume();
    } catch (error) {
      this.setStatus({ state: 'failed', reason: describe(error), canRetry: true });
    }
  }

  /** The sound being played now, null when silent or when nothing can be heard. */
  get playing(): AlarmSound | null {
    return this.voice?.sound ?? null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): AlarmSoundStatus => this.status;

  private contextStateChanged(): void {
    const state = this.context?.state;
    if (state === 'running') {
      this.setStatus({ state: 'running' });
      if (this.voice === null) this.startVoice();
      return;
    }
    this.stopVoice();
    this.setStatus(
      state === 'suspended'
        ? { state: 'needs-gesture' }
        : {
            state: 'failed',
            reason: `the audio output is ${state ?? 'gone'}`,
            canRetry: state === 'interrupted',
          },
    );
  }

  private startVoice(): void {
    const context = this.context;
    const sound = this.wanted;
    if (context === null || sound === null || this.status.state !== 'running') return;
    const output = new GainNode(context);
    output.connect(context.destination);
    const voice: Voice = { sound, output, timer: null };
    this.voice = voice;
    const burst = alarmBurst(sound.priority, sound.escalated);
    const playFrom = (start: number): void => {
      synthesizeBurst(context, output, burst, start);
      const next = nextBurstStart(burst, start);
      if (next === null) return;
      const wait = (next - LOOKAHEAD_S - context.currentTime) * 1000;
      voice.timer = setTimeout(
        () => playFrom(Math.max(next, context.currentTime + START_DELAY_S)),
        Math.max(0, wait),
      );
    };
    playFrom(context.currentTime + START_DELAY_S);
  }

  private stopVoice(): void {
    const voice = this.voice;
    if (voice === null) return;
    this.voice = null;
    if (voice.timer !== null) clearTimeout(voice.timer);
    const now = voice.output.context.currentTime;
    voice.output.gain.setValueAtTime(voice.output.gain.value, now);
    voice.output.gain.linearRampToValueAtTime(0, now + FADE_S);
    setTimeout(() => voice.output.disconnect(), FADE_S * 1000 * 4);
  }

  private setStatus(status: AlarmSoundStatus): void {
    if (status.state === this.status.state) return;
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
