/**
 * Every text the station shows, in one place so the UI can be translated without touching
 * components. Texts that depend on a value are functions.
 */
import type { AlarmPriority, AlarmState, LinkState } from '../../electron/contract/domain.js';

export const strings = {
  appTitle: 'Ward Station',
  connection: {
    connecting: 'Connecting to the station engine…',
    lost: 'Connection to the station engine lost — reconnecting…',
    loadFailed: (reason: string) => `Station data could not be loaded (${reason}) — retrying…`,
  },
  station: {
    waitingForBeds: 'Waiting for the station engine…',
    noBeds: 'No beds are configured for this station.',
  },
  bed: {
    unassociated: 'Unassociated',
    demo: 'DEMO',
    demoTitle: 'Demo or simulated data — not from a patient',
    noWaveform: 'No waveform',
  },
  link: {
    states: {
      connecting: 'Connecting',
      associating: 'Associating',
      streaming: 'Streaming',
      stale: 'Stale',
      down: 'Down',
    } satisfies Record<LinkState, string>,
    noDevice: 'No device',
  },
  numeric: {
    missing: '---',
    invalid: '-?-',
    questionableMarker: '?',
    questionableTitle: 'Questionable value',
  },
  alarms: {
    none: 'No active alarms',
    technical: 'TECH',
    stationWide: 'Station',
    more: (count: number) => `+${count} more`,
    priorities: {
      high: 'High priority',
      medium: 'Medium priority',
      low: 'Low priority',
    } satisfies Record<AlarmPriority, string>,
    states: {
      active: 'Active',
      acknowledged: 'Acknowledged',
      'audio-paused': 'AUDIO PAUSED',
      latched: 'LATCHED',
      ended: 'Ended',
    } satisfies Record<AlarmState, string>,
    escalated: 'ESCALATED',
    escalatedTitle: 'Unacknowledged past the unit’s escalation time',
    acknowledgedBy: (time: string, who: string) => `Acknowledged ${time} by ${who}`,
    acknowledge: 'Acknowledge',
    acknowledgeLabel: (bed: string, text: string) => `Acknowledge ${bed}: ${text}`,
    audioPause: (duration: string) => `Audio pause ${duration}`,
    bedAudioPause: 'Audio pause',
    bedAudioPauseLabel: (bed: string, duration: string) => `Audio pause ${bed} for ${duration}`,
    resumeAudio: 'Resume audio',
    bedResumeAudio: 'Resume',
    bedResumeAudioLabel: (bed: string) => `Resume audio for ${bed}`,
    audioPaused: 'AUDIO PAUSED',
    audioOff: 'AUDIO OFF',
    signalsUnknown: 'Alarm audio state unknown',
    enableSound: 'Enable alarm sound',
    soundNotStarted: 'NO ALARM SOUND',
    soundNotStartedTitle: 'The browser starts sound only after a click on this page',
    soundFailed: (reason: string) => `ALARM SOUND UNAVAILABLE (${reason}) — watch this screen`,
    engineUnreachable: 'the station engine did not answer',
    actions: {
      acknowledge: 'Acknowledge',
      pauseAudio: 'Audio pause',
      resumeAudio: 'Resume audio',
    },
    actionFailed: (action: string, reason: string) => `${action} failed: ${reason}`,
  },
} as const;
