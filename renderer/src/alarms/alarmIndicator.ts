/**
 * The attributes that make an element show an alarm: its priority colours as CSS variables and
 * the data attributes station.css draws from — kind (physiological filled, technical outlined)
 * and which flash clock it follows, if any. Every alarm indicator on screen gets them here, so a
 * banner item, a tile and a highlighted value always agree.
 */
import type { CSSProperties } from 'react';
import type { Alarm } from '../../../electron/contract/domain.js';
import { alarmColourVariables } from '../theme/alarmStyles.js';
import { alarmFlash } from './flash/alarmFlash.js';

export interface AlarmIndicatorProps {
  'data-alarm-priority': Alarm['priority'];
  'data-alarm-kind': Alarm['kind'];
  'data-alarm-state': Alarm['state'];
  'data-alarm-flash': 'high' | 'medium' | undefined;
  style: CSSProperties;
}

export function alarmIndicator(alarm: Alarm): AlarmIndicatorProps {
  return {
    'data-alarm-priority': alarm.priority,
    'data-alarm-kind': alarm.kind,
    'data-alarm-state': alarm.state,
    'data-alarm-flash': alarmFlash(alarm),
    style: alarmColourVariables(alarm.priority),
  };
}
