/**
 * Which station bed a hospital location (PV1-3: point of care^room^bed) is. The configured map
 * decides; without an entry, a location whose bed part (or whole text) is a station bed's id or
 * label is that bed, which covers sites that named their beds as the hospital does.
 */
export interface BedLocationConfig {
  beds: readonly { id: string; label: string }[];
  /** PV1-3 text (components joined with ^) → station bed id. */
  locations: readonly { location: string; bed: string }[];
}

export class BedLocations {
  private readonly mapped = new Map<string, string>();
  private readonly byName = new Map<string, string>();

  constructor(config: BedLocationConfig) {
    for (const { location, bed } of config.locations) this.mapped.set(normalize(location), bed);
    for (const bed of config.beds) {
      this.byName.set(normalize(bed.label), bed.id);
      this.byName.set(normalize(bed.id), bed.id);
    }
  }

  bedOf(location: string): string | null {
    const key = normalize(location);
    const mapped = this.mapped.get(key);
    if (mapped) return mapped;
    const bedPart = key.split('^')[2];
    return this.byName.get(key) ?? (bedPart ? this.byName.get(bedPart) : undefined) ?? null;
  }
}

function normalize(location: string): string {
  return location
    .split('^')
    .map((part) => part.trim().toLowerCase())
    .join('^');
}
