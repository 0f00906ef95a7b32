/** Items per bed id, in their original order; station-wide items (bed null) are left out. */
export function groupByBed<T extends { bed: string | null }>(
  items: readonly T[],
): ReadonlyMap<string, readonly T[]> {
  const byBed = new Map<string, T[]>();
  for (const item of items) {
    if (item.bed === null) continue;
    const group = byBed.get(item.bed);
    if (group) group.push(item);
    else byBed.set(item.bed, [item]);
  }
  return byBed;
}
