/**
 * The station's HL7 side as the engine sees it: the census (replayed from the store's event log
 * at start, whether or not a listener is configured) and, when the configuration asks for one,
 * the MLLP listener with its intake. Answers the contract's census.list and hl7.status.
 */
import type { Bed, CensusBed, Hl7Status } from '../../contract/domain.js';
import { BedLocations } from '../census/BedLocations.js';
import { Census } from '../census/Census.js';
import { CensusEvent } from '../census/CensusEvent.js';
import type { BedConfig, Hl7Config } from '../config/StationConfigSchema.js';
import type { Log } from '../log/StationLog.js';
import type { StationStore } from '../store/StationStore.js';
import { Hl7Intake } from './Hl7Intake.js';
import { MllpListener } from './MllpListener.js';
import { StationHl7Interpreter, type DeviceDataSink } from './StationHl7Interpreter.js';

export interface Hl7ServiceOptions {
  config: Hl7Config | undefined;
  beds: readonly BedConfig[];
  store: StationStore;
  sink: DeviceDataSink;
  log: Log;
  /** The listener could not start (port taken, certificate unreadable): a technical alarm. */
  listenerFailed(message: string): void;
}

export class Hl7Service {
  readonly census: Census;
  private readonly interpreter: StationHl7Interpreter;
  private readonly intake: Hl7Intake;
  private readonly listener: MllpListener | null = null;

  constructor(private readonly options: Hl7ServiceOptions) {
    const { config, beds, store, log } = options;
    const locations = new BedLocations({ beds, locations: config?.locations ?? [] });
    this.census = new Census((location) => locations.bedOf(location));
    this.replayCensus();
    this.interpreter = new StationHl7Interpreter(
      this.census,
      locations,
      config?.equipment ?? [],
      options.sink,
      log,
    );
    this.intake = new Hl7Intake(store, this.interpreter, log);
    if (config) {
      try {
        this.listener = new MllpListener(config.listener, this.intake, log);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.error('hl7: listener not started', { reason });
        options.listenerFailed(`HL7 listener not started: ${reason}`);
      }
    }
  }

  /** Resolves once the listener listens (or has failed, which raises the technical alarm). */
  async start(): Promise<void> {
    if (!this.listener) return;
    await this.listener.start();
    if (this.listener.state === 'failed') {
      const { host, port } = this.options.config!.listener;
      this.options.listenerFailed(
        `HL7 listener cannot listen on ${host}:${port} (${this.listener.lastError ?? 'unknown error'}); devices and ADT sending to it get no answer`,
      );
    }
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
  }

  status(): Hl7Status {
    const listener = this.listener;
    const config = this.options.config?.listener;
    return {
      state: listener ? listener.state : 'disabled',
      host: config?.host ?? null,
      port: listener?.port ?? null,
      tls: Boolean(config?.tls),
      connections: listener?.connections ?? 0,
      lastError: listener?.lastError ?? null,
      lastMessageAt: this.intake.lastMessageAt,
      counters: {
        connectionsAccepted: 0,
        connectionsRefused: 0,
        frames: 0,
        oversizeFrames: 0,
        truncatedFrames: 0,
        noiseBytes: 0,
        repliesSent: 0,
        idleTimeouts: 0,
        ...listener?.counters,
        ...this.intake.counters,
      },
    };
  }

  /** The census's patient for a station bed, as beds.list shows it. */
  patientOf(bed: string): Bed['patient'] {
    return this.census.occupantOf(bed)?.patient ?? null;
  }

  /** Every station bed, then any bed HL7 data or ADT named that the station does not have. */
  censusList(): CensusBed[] {
    const occupancy = this.census.occupancy();
    const listed = new Map<string, CensusBed>();
    const entry = (bed: string, label: string, configured: boolean): CensusBed => {
      const occupant = occupancy.get(bed) ?? null;
      const devices = this.interpreter.devicesByBed.get(bed) ?? new Map<string, number>();
      return {
        bed,
        label,
        configured,
        patient: occupant?.patient ?? null,
        location: occupant?.location ?? null,
        since: occupant?.since ?? null,
        devices: [...devices].map(([device, lastDataAt]) => ({
          device,
          lastDataAt,
          unassociated: occupant === null,
        })),
      };
    };
    for (const bed of this.options.beds) listed.set(bed.id, entry(bed.id, bed.label, true));
    for (const bed of [...occupancy.keys(), ...this.interpreter.devicesByBed.keys()]) {
      if (!listed.has(bed)) listed.set(bed, entry(bed, bed, false));
    }
    return [...listed.values()];
  }

  private replayCensus(): void {
    for (const stored of this.options.store.censusEvents()) {
      const parsed = CensusEvent.safeParse(safeJson(stored.detail));
      if (parsed.success) this.census.apply(parsed.data);
      else this.options.log.warn('hl7: census event unreadable; left out', { id: stored.id });
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
