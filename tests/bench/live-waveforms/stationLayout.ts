/// <reference lib="dom" />
/**
 * The central station's tile grid as static DOM with the product's class names, laid out by the
 * product's stylesheet (linked from the page) and grid rule, so both bench variants draw into wave
 * slots of the size and place the real screen gives them. The numerics column is left empty: it
 * is there for its width, and nothing in it would change during a frame.
 */
import type { WaveStream } from '../../../electron/contract/domain.js';
import { gridColumns, gridRows } from '../../../renderer/src/layout/gridColumns.js';
import { parameterColour } from '../../../renderer/src/theme/parameterColours.js';

export interface PlacedWave {
  stream: WaveStream;
  slot: HTMLElement;
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const made = document.createElement(tag);
  made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

/** Builds the grid in `root`; returns each stream's wave slot, in stream order. */
export function buildStationGrid(
  root: HTMLElement,
  beds: readonly { id: string; label: string }[],
  streams: readonly WaveStream[],
): PlacedWave[] {
  const station = element('div', 'station');
  const grid = element('main', 'station-grid');
  grid.style.gridTemplateColumns = `repeat(${gridColumns(beds.length)}, minmax(0, 1fr))`;
  grid.style.gridTemplateRows = `repeat(${gridRows(beds.length)}, minmax(0, 1fr))`;
  const placed: PlacedWave[] = [];
  for (const bed of beds) {
    const tile = element('article', 'bed-tile');
    const header = element('header', 'bed-tile__header');
    header.append(
      element('span', 'bed-tile__label', bed.label),
      element('span', 'bed-tile__patient', 'Synthetic feed'),
    );
    const body = element('div', 'bed-tile__body');
    const waves = element('div', 'bed-tile__waves');
    for (const stream of streams) {
      if (stream.bed !== bed.id) continue;
      const slot = element('div', 'wave-slot');
      const label = element('span', 'wave-slot__label', stream.label);
      label.style.color = parameterColour(stream.code);
      slot.append(label);
      waves.append(slot);
      placed.push({ stream, slot });
    }
    body.append(waves, element('div', 'bed-tile__numerics'));
    tile.append(header, body);
    grid.append(tile);
  }
  // The product keeps its alarm banner above the grid; static here, it takes the same height.
  station.append(element('div', 'alarm-banner', 'No active alarms'), grid);
  root.append(station);
  return placed;
}
