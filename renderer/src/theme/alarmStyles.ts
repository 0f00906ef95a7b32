/**
 * How each alarm priority looks, in one place. Colours follow IEC 60601-1-8 (high red, medium
 * yellow, low cyan) and so do the markers (!!!, !!, !). Elements take the colours as CSS
 * variables, so station.css can draw both phases of a flash from them.
 */
import type { CSSProperties } from 'react';
import type { AlarmPriority } from '../../../electron/contract/domain.js';

export interface AlarmPriorityStyle {
  colour: string;
  /** Text on a background of `colour`. */
  onColour: string;
  marker: string;
}

export const alarmPriorityStyles: Record<AlarmPriority, AlarmPriorityStyle> = {
  high: { colour: '#ff2b2b', onColour: '#ffffff', marker: '!!!' },
  medium: { colour: '#ffd21f', onColour: '#000000', marker: '!!' },
  low: { colour: '#2fe0f0', onColour: '#000000', marker: '!' },
};

/** `--alarm-colour` and `--alarm-on-colour` for an element that shows an alarm. */
export function alarmColourVariables(priority: AlarmPriority): CSSProperties {
  const look = alarmPriorityStyles[priority];
  return {
    '--alarm-colour': look.colour,
    '--alarm-on-colour': look.onColour,
  } as CSSProperties;
}
