/**
 * How each alarm priority looks, in one place. Colours follow IEC 60601-1-8 (high red, medium
 * yellow, low cyan) and so do the markers (!!!, !!, !). Flashing comes with the alarm-signal
 * work; until then the colours are steady.
 */
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
