/**
 * UCUM units as a clinician reads them. UCUM writes annotations such as {beat} that belong in the
 * data, not on the screen.
 */
const displayByUcum: ReadonlyMap<string, string> = new Map([
  ['%', '%'],
  ['{beat}/min', '/min'],
  ['{breath}/min', '/min'],
  ['/min', '/min'],
  ['mm[Hg]', 'mmHg'],
  ['Cel', '°C'],
  ['[degF]', '°F'],
  ['1', ''],
]);

/** A unit not in the table is shown with its annotations removed rather than hidden. */
export function displayUnit(ucum: string): string {
  return displayByUcum.get(ucum) ?? ucum.replace(/\{[^}]*\}/g, '');
}
