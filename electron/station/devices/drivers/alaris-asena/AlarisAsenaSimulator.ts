/**
 * A simulated Alaris Asena syringe pump answering the serial commands the station sends, in the
 * reply formats OpenICE records from real pumps. Values are GENERATED: the volume accumulates in
 * real time; with the default programme the pump nears the end of its volume to be infused
 * after 1 min, delivers it after 4 min and then runs at the KVO rate. An occlusion can be set.
 */
import type { InfusionState } from '../../../../contract/domain.js';
import type { DeviceSimulator, SimulatorOptions } from '../DeviceDriver.js';
import { AsenaCommand, AsenaFramer, encodeAsenaMessage } from './AsenaCodec.js';
import { MODE_HOLD } from './AsenaStatus.js';

export interface AlarisAsenaSimulatorOptions extends SimulatorOptions {
  serialNumber?: string;
  drug?: string;
  rateMlPerH?: number;
  /** null: no volume to be infused is set. */
  vtbiMl?: number | null;
  volumeInfusedMl?: number;
  kvoRateMlPerH?: number;
  /** Milliseconds since the epoch; tests pass a clock they move by hand. */
  clock?: () => number;
}

const DEFAULTS = {
  serialNumber: '8002-10001',
  drug: 'Remifentanil 20 mcg/ml',
  rateMlPerH: 6,
  vtbiMl: 2,
  volumeInfusedMl: 1.6,
  kvoRateMlPerH: 0.5,
} as const;

/** The version string a real Asena returned (OpenICE log). */
const PROTOCOL_VERSION = 'Asena Rev 2.1.5';
/** The pump warns this long before the volume to be infused is delivered. */
const NEAR_END_S = 180;
const MS_PER_HOUR = 3_600_000;
/** Mode while running, as in the INF lines OpenICE's simulator sent to a real EasyTIVA. */
const MODE_RUNNING = 'SET';
/** Line pressure while running and while occluded, mmHg; illustrative values. */
const PRESSURE_RUNNING = 17.91;
const PRESSURE_OCCLUDED = 530.15;

type Phase = 'infusing' | 'kvo' | 'stopped';

interface Alarm {
  code: string;
  text: string;
}

const NO_ALARM: Alarm = { code: 'AL_NOALM', text: ' ' };

function hhmmss(seconds: number): string {
  // The pump shows "24+" from 24 h on.
  if (seconds >= 24 * 3600) return '24+';
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** What the pump last answered about itself, as the station should decode it. */
export interface AsenaReported {
  drug: string;
  rateMlPerH: number;
  vtbiMl: number | null;
  volumeInfusedMl: number;
  state: InfusionState;
}

export class AlarisAsenaSimulator implements DeviceSimulator {
  private readonly framer = new AsenaFramer();
  private readonly setup: Required<Omit<AlarisAsenaSimulatorOptions, 'seed' | 'clock'>>;
  private readonly clock: () => number;
  private lastAdvanceAt: number;
  private write: ((bytes: Uint8Array) => void) | null = null;
  private phase: Phase = 'infusing';
  private volumeInfusedMl: number;
  private occluded = false;
  private logEntry = 1_000;
  private reported: AsenaReported | undefined;

  constructor(options: AlarisAsenaSimulatorOptions = {}) {
    this.setup = {
      serialNumber: options.serialNumber ?? DEFAULTS.serialNumber,
      drug: options.drug ?? DEFAULTS.drug,
      rateMlPerH: options.rateMlPerH ?? DEFAULTS.rateMlPerH,
      vtbiMl: options.vtbiMl === undefined ? DEFAULTS.vtbiMl : options.vtbiMl,
      volumeInfusedMl: options.volumeInfusedMl ?? DEFAULTS.volumeInfusedMl,
      kvoRateMlPerH: options.kvoRateMlPerH ?? DEFAULTS.kvoRateMlPerH,
    };
    this.volumeInfusedMl = this.setup.volumeInfusedMl;
    this.clock = options.clock ?? Date.now;
    this.lastAdvanceAt = this.clock();
  }

  start(write: (bytes: Uint8Array) => void): void {
    this.write = write;
  }

  stop(): void {
    this.write = null;
  }

  receive(bytes: Uint8Array): void {
    for (const fields of this.framer.push(bytes)) this.command(fields);
  }

  /** A blocked line: the pump holds and alarms until the occlusion is cleared and it restarts. */
  setOcclusion(occluded: boolean): void {
    this.advance();
    this.occluded = occluded;
  }

  /** The values of the last INF reply; undefined before the first one. */
  lastReported(): AsenaReported | undefined {
    return this.reported;
  }

  /** Commands this pump does not know get no answer (what a real pump does is not public). */
  private command(fields: readonly string[]): void {
    this.advance();
    switch (fields[0]) {
      case AsenaCommand.SERIAL_NUMBER:
        return this.reply([AsenaCommand.SERIAL_NUMBER, this.setup.serialNumber]);
      case AsenaCommand.PROTOCOL_VERSION:
        return this.reply([AsenaCommand.PROTOCOL_VERSION, PROTOCOL_VERSION]);
      case AsenaCommand.STATUS:
        return this.reply(this.statusFields());
      case AsenaCommand.VTBI:
        return this.reply(this.vtbiFields());
      case AsenaCommand.ALARM: {
        const alarm = this.currentAlarm();
        return this.reply([AsenaCommand.ALARM, alarm.code, alarm.text, ' ']);
      }
      case AsenaCommand.START:
        if (this.phase === 'stopped') this.phase = 'infusing';
        return this.reply([AsenaCommand.START]);
      case AsenaCommand.STOP:
        this.phase = 'stopped';
        return this.reply([AsenaCommand.STOP]);
    }
  }

  private reply(fields: readonly string[]): void {
    this.write?.(encodeAsenaMessage(fields));
  }

  private advance(): void {
    const now = this.clock();
    const hours = (now - this.lastAdvanceAt) / MS_PER_HOUR;
    this.lastAdvanceAt = now;
    if (this.occluded || this.phase === 'stopped' || hours <= 0) return;
    const { vtbiMl, rateMlPerH, kvoRateMlPerH } = this.setup;
    if (this.phase === 'infusing' && vtbiMl !== null && rateMlPerH > 0) {
      const left = vtbiMl - this.volumeInfusedMl;
      const hoursToEnd = left / rateMlPerH;
      if (hoursToEnd <= hours) {
        this.phase = 'kvo';
        this.volumeInfusedMl = vtbiMl + kvoRateMlPerH * (hours - Math.max(0, hoursToEnd));
        return;
      }
    }
    this.volumeInfusedMl += this.currentRate() * hours;
  }

  private currentRate(): number {
    if (this.occluded || this.phase === 'stopped') return 0;
    return this.phase === 'kvo' ? this.setup.kvoRateMlPerH : this.setup.rateMlPerH;
  }

  private remainingSeconds(): number {
    const { vtbiMl, rateMlPerH } = this.setup;
    if (vtbiMl === null || rateMlPerH <= 0) return Infinity;
    if (this.phase === 'kvo') return 0;
    return ((vtbiMl - this.volumeInfusedMl) / rateMlPerH) * 3600;
  }

  /** One alarm at a time, the most urgent first. */
  private currentAlarm(): Alarm {
    if (this.occluded) return { code: 'AL_OCCLU', text: 'OCCLUSION' };
    if (this.phase === 'kvo') return { code: 'AL_VTBIK', text: 'VTBI DONE KVO' };
    if (this.phase === 'infusing' && this.remainingSeconds() <= NEAR_END_S) {
      return { code: 'AL_NEOIN', text: 'NEAR END' };
    }
    return NO_ALARM;
  }

  private statusFields(): string[] {
    const rate = Math.round(this.currentRate() * 100) / 100;
    const volume = Math.round(this.volumeInfusedMl * 1000) / 1000;
    const alarm = this.currentAlarm();
    const held = this.occluded || this.phase === 'stopped';
    this.reported = {
      drug: this.setup.drug,
      rateMlPerH: rate,
      vtbiMl: this.setup.vtbiMl,
      volumeInfusedMl: volume,
      state: this.phase === 'kvo' ? 'kvo' : held ? 'paused' : 'infusing',
    };
    this.logEntry += 1;
    return [
      AsenaCommand.STATUS,
      this.setup.serialNumber,
      alarm === NO_ALARM ? '-' : 'A',
      held ? MODE_HOLD : MODE_RUNNING,
      rate.toFixed(2),
      'ml/h',
      this.setup.drug,
      volume.toFixed(3),
      'ml',
      (this.occluded ? PRESSURE_OCCLUDED : PRESSURE_RUNNING).toFixed(2),
      'mmHg',
      hhmmss(this.remainingSeconds()),
      'EVENT',
      String(this.logEntry),
    ];
  }

  private vtbiFields(): string[] {
    const { vtbiMl } = this.setup;
    if (vtbiMl === null) return [AsenaCommand.VTBI, 'DEACT'];
    return [AsenaCommand.VTBI, 'ACTIV', vtbiMl.toFixed(3), 'ml', 'KVO'];
  }
}
