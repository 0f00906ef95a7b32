/**
 * Who lies in which bed, kept as the log of ADT events that said so. The current state is the
 * log folded in order, skipping cancelled events: an A11/A12/A13 marks the latest admission,
 * transfer or discharge of that patient (and visit) as cancelled, and the fold without it is
 * exactly the state before it — whatever else happened since stays. Two patients never share a
 * bed: a later placement displaces the earlier one.
 */
import { CANCELS, type CensusEvent, type CensusPatient } from './CensusEvent.js';

interface LogEntry {
  event: CensusEvent;
  cancelled: boolean;
}

export interface Occupant {
  patient: CensusPatient;
  /** PV1-3 as the hospital wrote it. */
  location: string;
  /** When this placement happened (event time). */
  since: number;
}

interface Placement {
  location: string;
  since: number;
}

interface Folded {
  patients: Map<string, CensusPatient>;
  placements: Map<string, Placement>;
}

/** Maps a hospital location (PV1-3 text) to a station bed; null when the station has no such bed. */
export type BedOfLocation = (location: string) => string | null;

export class Census {
  private readonly log: LogEntry[] = [];
  private folded: Folded | null = null;

  constructor(private readonly bedOf: BedOfLocation) {}

  /**
   * Why this event cannot be applied (a cancel with nothing to cancel), or null. Changes nothing:
   * the intake asks before it commits.
   */
  refusal(event: CensusEvent): string | null {
    const kinds = CANCELS[event.kind];
    if (!kinds || this.cancelTarget(event, kinds) !== undefined) return null;
    return `${event.kind} for patient ${event.patient.id}${event.visit ? ` visit ${event.visit}` : ''}: there is no ${kinds.join('/')} to cancel`;
  }

  apply(event: CensusEvent): void {
    const kinds = CANCELS[event.kind];
    if (kinds) {
      const target = this.cancelTarget(event, kinds);
      if (target) target.cancelled = true;
      this.log.push({ event, cancelled: false });
      this.folded = null;
      return;
    }
    this.log.push({ event, cancelled: false });
    if (this.folded) applyEvent(this.folded, event, this.bedOf);
  }

  /** The patient in a station bed, or null. */
  occupantOf(bed: string): Occupant | null {
    return this.occupancy().get(bed) ?? null;
  }

  /** The station bed a patient is in, or null. */
  bedOfPatient(patientId: string): string | null {
    const placement = this.state().placements.get(patientId);
    return placement ? this.bedOf(placement.location) : null;
  }

  /** Every occupied bed, keyed by station bed (or, unmapped, by the location text). */
  occupancy(): Map<string, Occupant> {
    const { patients, placements } = this.state();
    const beds = new Map<string, Occupant>();
    for (const [patientId, placement] of placements) {
      const patient = patients.get(patientId);
      if (!patient) continue;
      beds.set(this.bedOf(placement.location) ?? placement.location, {
        patient,
        location: placement.location,
        since: placement.since,
      });
    }
    return beds;
  }

  private state(): Folded {
    if (!this.folded) {
      const folded: Folded = { patients: new Map(), placements: new Map() };
      for (const entry of this.log) {
        if (!entry.cancelled && !CANCELS[entry.event.kind]) {
          applyEvent(folded, entry.event, this.bedOf);
        }
      }
      this.folded = folded;
    }
    return this.folded;
  }

  private cancelTarget(event: CensusEvent, kinds: readonly string[]): LogEntry | undefined {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const entry = this.log[i]!;
      const candidate = entry.event;
      if (entry.cancelled || !kinds.includes(candidate.kind)) continue;
      if (candidate.patient.id !== event.patient.id) continue;
      if (event.visit && candidate.visit && event.visit !== candidate.visit) continue;
      return entry;
    }
    return undefined;
  }
}

function applyEvent(state: Folded, event: CensusEvent, bedOf: BedOfLocation): void {
  const { patient } = event;
  switch (event.kind) {
    case 'A01':
    case 'A04':
    case 'A02':
      state.patients.set(patient.id, patient);
      if (event.location) place(state, patient.id, event.location, event.at, bedOf);
      break;
    case 'A03':
      state.patients.set(patient.id, patient);
      state.placements.delete(patient.id);
      break;
    case 'A08':
      state.patients.set(patient.id, patient);
      break;
    case 'A17':
      state.patients.set(patient.id, patient);
      if (event.swappedWith)
        state.patients.set(event.swappedWith.patient.id, event.swappedWith.patient);
      // Both leave first, so neither displaces the other on the way.
      state.placements.delete(patient.id);
      if (event.swappedWith) state.placements.delete(event.swappedWith.patient.id);
      if (event.location) place(state, patient.id, event.location, event.at, bedOf);
      if (event.swappedWith?.location) {
        place(state, event.swappedWith.patient.id, event.swappedWith.location, event.at, bedOf);
      }
      break;
    default:
      break;
  }
}

function place(
  state: Folded,
  patientId: string,
  location: string,
  at: number,
  bedOf: BedOfLocation,
): void {
  const bed = bedOf(location) ?? location;
  for (const [other, placement] of state.placements) {
    if (other !== patientId && (bedOf(placement.location) ?? placement.location) === bed) {
      state.placements.delete(other);
    }
  }
  state.placements.set(patientId, { location, since: at });
}
