/** Parameter values here are project-made, in the value formats of the BCC specification. */
import { describe, expect, it } from 'vitest';
import {
  NEAR_END_SECONDS,
  activeConditions,
  drugName,
  numberValue,
  pumpState,
} from '../../../../electron/station/devices/drivers/bbraun-bcc/BccPumpStatus.js';

function values(entries: Record<string, string | null>): Map<string, string | null> {
  return new Map(Object.entries(entries));
}

const IDLE = { DSSTATUS: '00051', INM1: '1', INM2: '0', INM3: '0', INM6: '0', INM10: '0' };

describe('pumpState', () => {
  it.each([
    ['switched off', { ...IDLE, DSSTATUS: '00050', INM3: '1' }, 'stopped'],
    ['bolus on top of the infusion', { ...IDLE, INM2: '1', INM3: '1' }, 'bolus'],
    ['KVO after the volume was delivered', { ...IDLE, INM3: '1', INM10: '1', INA7: '1' }, 'kvo'],
    ['pumping', { ...IDLE, INM1: '0', INM3: '1' }, 'infusing'],
    ['priming the line (INM3 with INM14)', { ...IDLE, INM3: '1', INM14: '1' }, 'stopped'],
    ['volume delivered, not pumping', { ...IDLE, INA7: '1' }, 'complete'],
    ['on but not pumping', IDLE, 'paused'],
    ['in standby', { ...IDLE, INM6: '1' }, 'paused'],
    ['no status flags configured', { INRT: '2.00' }, 'unknown'],
    ['status flags without value', { INM1: null, INM3: null, INM6: null }, 'unknown'],
  ])('%s → %s', (_name, flags, state) => {
    expect(pumpState(values(flags))).toBe(state);
  });
});

describe('pump values', () => {
  it('prefers the long drug name and falls back to the short one', () => {
    expect(drugName(values({ INSOL: 'Arterenol 4mg/50', INSOLSN: 'Arteren' }))).toBe(
      'Arterenol 4mg/50',
    );
    expect(drugName(values({ INSOL: null, INSOLSN: 'Arteren' }))).toBe('Arteren');
    expect(drugName(values({ INSOL: null, INSOLSN: null }))).toBeNull();
  });

  it('reads decimal points and treats _NV, empty and junk as missing', () => {
    expect(numberValue(values({ INRT: '0.30' }), 'INRT')).toBe(0.3);
    expect(numberValue(values({ INRT: null }), 'INRT')).toBeNull();
    expect(numberValue(values({ INRT: '' }), 'INRT')).toBeNull();
    expect(numberValue(values({ INRT: '1,5' }), 'INRT')).toBeNull();
    expect(numberValue(values({}), 'INRT')).toBeNull();
  });
});

describe('activeConditions', () => {
  const ids = (v: Map<string, string | null>, before: string[] = []): string[] =>
    activeConditions(v, new Set(before)).map((c) => c.id);

  it('maps occlusion and air in line to high priority', () => {
    const active = activeConditions(values({ ...IDLE, INA3: '1', INA15: '1' }), new Set());
    expect(active.map((c) => [c.id, c.priority])).toEqual([
      ['INA3', 'high'],
      ['INA15', 'high'],
    ]);
  });

  it('maps battery pre-alarm to medium, syringe pre-alarm to low, end of volume to medium', () => {
    const active = activeConditions(
      values({ ...IDLE, INA11: '1', INA12: '1', INA7: '1' }),
      new Set(),
    );
    expect(active.map((c) => [c.id, c.priority])).toEqual([
      ['INA7', 'medium'],
      ['INA11', 'medium'],
      ['INA12', 'low'],
    ]);
  });

  it('keeps the previous state of a flag that has no value', () => {
    expect(ids(values({ ...IDLE, INA3: null }), ['INA3'])).toEqual(['INA3']);
    expect(ids(values({ ...IDLE, INA3: null }), [])).toEqual([]);
    expect(ids(values({ ...IDLE, INA3: '0' }), ['INA3'])).toEqual([]);
  });

  it('warns near the end of the infusion from the remaining time while infusing', () => {
    const infusing = { ...IDLE, INM1: '0', INM3: '1' };
    expect(ids(values({ ...infusing, INRMT: String(NEAR_END_SECONDS) }))).toEqual(['near-end']);
    expect(ids(values({ ...infusing, INRMT: String(NEAR_END_SECONDS + 1) }))).toEqual([]);
    // 65535 means no end is programmed; 0 means it has ended; a paused pump is not near its end.
    expect(ids(values({ ...infusing, INRMT: '65535' }))).toEqual([]);
    expect(ids(values({ ...infusing, INRMT: '0' }))).toEqual([]);
    expect(ids(values({ ...IDLE, INRMT: '60' }))).toEqual([]);
  });
});
