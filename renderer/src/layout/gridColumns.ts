/**
 * Columns of the bed grid for a number of beds. Screens are landscape and tiles carry a wide
 * waveform, so the grid grows in columns faster than in rows.
 */
const columnsUpTo: readonly (readonly [beds: number, columns: number])[] = [
  [1, 1],
  [4, 2],
  [9, 3],
  [16, 4],
  [36, 6],
];
const MOST_COLUMNS = 8;

export function gridColumns(bedCount: number): number {
  for (const [beds, columns] of columnsUpTo) if (bedCount <= beds) return columns;
  return MOST_COLUMNS;
}

export function gridRows(bedCount: number): number {
  return Math.max(1, Math.ceil(bedCount / gridColumns(bedCount)));
}
