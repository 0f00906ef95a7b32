/**
 * The newest observation per bed and MDC code. Updates copy only the beds they touch, so a tile
 * whose bed got nothing new keeps the same map and is not re-rendered.
 */
import type { BedId, Observation } from '../../../electron/contract/domain.js';

export type BedObservations = ReadonlyMap<number, Observation>;
export type ObservationsByBed = ReadonlyMap<BedId, BedObservations>;

export const noObservations: ObservationsByBed = new Map();

/** An observation older than the one already held (a late batch) does not replace it. */
export function mergeObservations(
  current: ObservationsByBed,
  incoming: readonly Observation[],
): ObservationsByBed {
  let next: Map<BedId, BedObservations> | null = null;
  const copiedBeds = new Map<BedId, Map<number, Observation>>();
  for (const observation of incoming) {
    const held = (next ?? current).get(observation.bed)?.get(observation.code);
    if (held && held.time > observation.time) continue;
    next ??= new Map(current);
    let bed = copiedBeds.get(observation.bed);
    if (!bed) {
      bed = new Map(next.get(observation.bed));
      copiedBeds.set(observation.bed, bed);
      next.set(observation.bed, bed);
    }
    bed.set(observation.code, observation);
  }
  return next ?? current;
}
