/**
 * The newest observation per (bed, code), kept in memory so the renderer's "current numerics"
 * question never touches the disk. Updated on write, before commit, because the live screen must
 * not lag behind the group commit.
 */
import type { Observation } from '../../contract/domain.js';

export class LatestObservations {
  private readonly byBed = new Map<string, Map<number, Observation>>();

  remember(observation: Observation): void {
    let byCode = this.byBed.get(observation.bed);
    if (!byCode) {
      byCode = new Map();
      this.byBed.set(observation.bed, byCode);
    }
    const current = byCode.get(observation.code);
    // A late, older observation (a device catching up after a gap) does not replace a newer one.
    if (!current || observation.time >= current.time) byCode.set(observation.code, observation);
  }

  list(bed?: string): Observation[] {
    if (bed !== undefined) return [...(this.byBed.get(bed)?.values() ?? [])];
    return [...this.byBed.values()].flatMap((byCode) => [...byCode.values()]);
  }
}
