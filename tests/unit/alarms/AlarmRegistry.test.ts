import { describe, expect, it } from 'vitest';
import { AlarmActionError, AlarmRegistry } from '../../../electron/station/alarms/AlarmRegistry.js';
import { DEFAULT_ALARM_POLICY } from '../../../electron/station/alarms/AlarmPolicy.js';
import { AlarmSignals } from '../../../electron/station/alarms/AlarmSignals.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function limitCondition(priority: 'high' | 'medium') {
  return {
    code: 'limit.150456',
    bed: 'b1',
    source: 'station',
    text: 'SpO₂ low',
    priority,
    parameter: 150456,
  };
}

describe('AlarmRegistry', () => {
  it('ends a medium alarm with its condition, but latches a high one until acknowledged', () => {
    const r = new AlarmRegistry(quiet, DEFAULT_ALARM_POLICY);
    r.raisePhysiological(limitCondition('medium'), 0);
    r.clear(limitCondition('medium'), 1);
    expect(r.list()).toEqual([]);
    const high = r.raisePhysiological(limitCondition('high'), 2);
    r.clear(limitCondition('high'), 3);
    expect(r.list()[0]).toMatchObject({ state: 'latched', conditionEndedAt: 3 });
    r.acknowledge(high.id, 'nurse', 4);
    expect(r.list()).toEqual([]);
  });

  it('asks for attention again when an acknowledged condition gets worse', () => {
    const r = new AlarmRegistry(quiet, DEFAULT_ALARM_POLICY);
    const a = r.raisePhysiological(limitCondition('medium'), 0);
    r.acknowledge(a.id, 'nurse', 1);
    expect(r.list()[0]?.state).toBe('acknowledged');
    r.raisePhysiological({ ...limitCondition('high'), text: 'SpO₂ extreme low' }, 2);
    expect(r.list()[0]).toMatchObject({ state: 'active', priority: 'high' });
  });

  it('escalates an unacknowledged high alarm after the policy time, not before', () => {
    const r = new AlarmRegistry(quiet, { ...DEFAULT_ALARM_POLICY, escalateAfterSeconds: 60 });
    r.raisePhysiological(limitCondition('high'), 1_000);
    expect(r.nextEscalation()).toBe(61_000);
    r.tick(60_999);
    expect(r.list()[0]?.escalated).toBe(false);
    r.tick(61_000);
    expect(r.list()[0]?.escalated).toBe(true);
  });

  it('ends a device’s reported alarms when its session restarts, and nothing else', () => {
    const r = new AlarmRegistry(quiet, DEFAULT_ALARM_POLICY);
    r.reportDevice({
      bed: 'b1',
      device: 'pump-1',
      code: 'bbraun.occlusion',
      text: 'Occlusion',
      priority: 'high',
      kind: 'technical',
      phase: 'start',
      time: 0,
    });
    r.raiseTechnical({
      code: 'link.no-data',
      bed: 'b1',
      source: 'pump-1',
      text: 'no data',
      priority: 'medium',
    });
    r.clearDeviceReports('pump-1', 5);
    expect(r.list().map((a) => a.code)).toEqual(['link.no-data']);
  });

  it('refuses to acknowledge an unknown alarm', () => {
    const r = new AlarmRegistry(quiet, DEFAULT_ALARM_POLICY);
    expect(() => r.acknowledge('missing', 'nurse')).toThrow(AlarmActionError);
  });
});

describe('AlarmSignals', () => {
  it('sounds the highest priority that is neither acknowledged nor paused', () => {
    const r = new AlarmRegistry(quiet, DEFAULT_ALARM_POLICY);
    const s = new AlarmSignals(DEFAULT_ALARM_POLICY);
    const high = r.raisePhysiological(limitCondition('high'), 0);
    r.raiseTechnical(
      { code: 'link.no-data', bed: 'b2', source: 'ox-2', text: 'no data', priority: 'medium' },
      {},
      0,
    );
    expect(s.state(r.list(), 0).sounding).toBe('high');
    r.acknowledge(high.id, 'nurse', 1);
    expect(s.state(r.list(), 1).sounding).toBe('medium');
    s.pauseAudio('b2', 1);
    expect(s.state(r.list(), 2).sounding).toBeNull();
    expect(s.state(r.list(), 1 + 120_000).sounding).toBe('medium');
  });

  it('pauses the whole station for the policy time and refuses AUDIO OFF unless allowed', () => {
    const s = new AlarmSignals(DEFAULT_ALARM_POLICY);
    s.pauseAudio(null, 1_000);
    expect(s.state([], 1_000).audioPausedUntil).toBe(121_000);
    expect(s.nextChange()).toBe(121_000);
    expect(s.expire(121_000, [])).toBe(true);
    expect(s.state([], 121_000).audioPausedUntil).toBeNull();
    expect(() => s.setAudioOff(true)).toThrow(AlarmActionError);
  });

  it('makes a reminder due while an acknowledged alarm condition persists', () => {
    const r = new AlarmRegistry(quiet, DEFAULT_ALARM_POLICY);
    const s = new AlarmSignals(DEFAULT_ALARM_POLICY);
    const a = r.raisePhysiological(limitCondition('medium'), 0);
    r.acknowledge(a.id, 'nurse', 0);
    s.expire(0, r.list());
    expect(s.nextChange()).toBe(180_000);
    expect(s.expire(180_000, r.list())).toBe(true);
    expect(s.state(r.list(), 180_000).reminderAt).toBe(180_000);
  });
});
