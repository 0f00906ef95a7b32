/**
 * The simulated pump on its own (its replies to the verified request vectors) and against the
 * station's decoder with a clock moved by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Infusion } from '../../../../electron/contract/domain.js';
import { alarisAsenaDriver } from '../../../../electron/station/devices/drivers/alaris-asena/index.js';
import {
  AlarisAsenaSimulator,
  type AlarisAsenaSimulatorOptions,
} from '../../../../electron/station/devices/drivers/alaris-asena/AlarisAsenaSimulator.js';
import { AsenaFramer } from '../../../../electron/station/devices/drivers/alaris-asena/AsenaCodec.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';

const T = 1_700_000_000_000;

function bytes(line: string): Uint8Array {
  return Uint8Array.from(line, (c) => c.charCodeAt(0));
}

function pump(options: Omit<AlarisAsenaSimulatorOptions, 'clock'> = {}): {
  sim: AlarisAsenaSimulator;
  replies: () => string[];
} {
  const sim = new AlarisAsenaSimulator({ ...options, clock: () => T });
  const out: string[] = [];
  sim.start((b) => out.push(String.fromCharCode(...b)));
  return { sim, replies: () => out.splice(0) };
}

function session(options: Omit<AlarisAsenaSimulatorOptions, 'clock'> = {}): {
  sim: AlarisAsenaSimulator;
  infusions: Infusion[];
  alarms: DeviceAlarmReport[];
  run: (ms: number) => void;
} {
  let now = T;
  const sim = new AlarisAsenaSimulator({ ...options, clock: () => now });
  const inbox: Uint8Array[] = [];
  sim.start((b) => inbox.push(b));
  const decoder = alarisAsenaDriver.createDecoder(
    { bed: 'bed-2', device: 'asena-2', demo: true },
    { send: (b) => sim.receive(b) },
  );
  const infusions: Infusion[] = [];
  const alarms: DeviceAlarmReport[] = [];
  const deliver = (): void => {
    for (let b = inbox.shift(); b !== undefined; b = inbox.shift()) {
      const batch = decoder.push(b, now);
      infusions.push(...(batch.infusions ?? []));
      alarms.push(...(batch.alarms ?? []));
    }
  };
  decoder.connected?.(now);
  deliver();
  return {
    sim,
    infusions,
    alarms,
    run: (ms) => {
      for (const end = now + ms; now < end;) {
        now += 500;
        decoder.tick?.(now);
        deliver();
      }
    },
  };
}

describe('AlarisAsenaSimulator replies', () => {
  it('echoes INF_START and INF_STOP with the verified CRCs', () => {
    const { sim, replies } = pump();
    sim.receive(bytes('!INF_STOP|CD57\r!INF_START|38F3\r'));
    expect(replies()).toEqual(['!INF_STOP|CD57\r', '!INF_START|38F3\r']);
  });

  it('answers COMMS_PROTOCOL and INST_SERIALNO', () => {
    const { sim, replies } = pump({ serialNumber: '8002-51740' });
    sim.receive(bytes('!COMMS_PROTOCOL|E8DA\r!INST_SERIALNO|457D\r'));
    // Both lines are what a real pump sent (OpenICE log), CRCs included.
    expect(replies()).toEqual([
      '!COMMS_PROTOCOL^Asena Rev 2.1.5|661A\r',
      '!INST_SERIALNO^8002-51740|050B\r',
    ]);
  });

  it('answers INF in the logged field layout', () => {
    const { sim, replies } = pump();
    sim.receive(bytes('!INF|4961\r'));
    const [line] = replies();
    const fields = new AsenaFramer().push(bytes(line ?? ''))[0];
    expect(fields).toEqual([
      'INF',
      '8002-10001',
      '-',
      'SET',
      '6.00',
      'ml/h',
      'Remifentanil 20 mcg/ml',
      '1.600',
      'ml',
      '17.91',
      'mmHg',
      '00:04:00',
      'EVENT',
      '1001',
    ]);
  });

  it('answers ALARM with AL_NOALM exactly as OpenICE simulates it', () => {
    const { sim, replies } = pump({ vtbiMl: null });
    sim.receive(bytes('!ALARM|50B2\r'));
    expect(replies()).toEqual(['!ALARM^AL_NOALM^ ^ |C73B\r']);
  });

  it('stays silent on unknown commands and bad CRCs', () => {
    const { sim, replies } = pump();
    sim.receive(bytes('!REMOTE_CFG|0000\r!INF|4962\r'));
    expect(replies()).toEqual([]);
  });

  it('holds after INF_STOP and resumes after INF_START', () => {
    const s = session();
    s.run(3_000);
    s.sim.receive(bytes('!INF_STOP|CD57\r'));
    s.run(3_000);
    expect(s.infusions.at(-1)).toMatchObject({ state: 'paused', rateMlPerH: 0 });
    s.sim.receive(bytes('!INF_START|38F3\r'));
    s.run(3_000);
    expect(s.infusions.at(-1)).toMatchObject({ state: 'infusing', rateMlPerH: 6 });
  });
});

describe('AlarisAsenaSimulator with the station decoder', () => {
  it('decodes exactly what the pump reports', () => {
    const { sim, infusions, run } = session();
    run(5_000);
    expect(infusions.at(-1)).toMatchObject({ ...sim.lastReported(), channel: '1', bed: 'bed-2' });
  });

  it('runs through near end, then volume delivered with KVO', () => {
    const { alarms, infusions, run } = session();
    run(70_000);
    expect(alarms.filter((a) => a.phase === 'start').map((a) => a.code)).toEqual([
      'alaris.AL_NEOIN',
    ]);
    run(4 * 60_000);
    expect(alarms.filter((a) => a.phase !== 'continue').map((a) => [a.code, a.phase])).toEqual([
      ['alaris.AL_NEOIN', 'start'],
      ['alaris.AL_NEOIN', 'end'],
      ['alaris.AL_VTBIK', 'start'],
    ]);
    expect(infusions.at(-1)).toMatchObject({ state: 'kvo', rateMlPerH: 0.5, vtbiMl: 2 });
    expect(infusions.at(-1)?.volumeInfusedMl).toBeGreaterThan(2);
  });

  it('raises an occlusion and ends it when cleared', () => {
    const { sim, alarms, infusions, run } = session({ vtbiMl: null });
    run(3_000);
    sim.setOcclusion(true);
    run(3_000);
    expect(alarms.map((a) => [a.code, a.priority, a.phase]).slice(0, 1)).toEqual([
      ['alaris.AL_OCCLU', 'high', 'start'],
    ]);
    expect(infusions.at(-1)).toMatchObject({ state: 'paused', rateMlPerH: 0 });
    const volumeWhileOccluded = infusions.at(-1)?.volumeInfusedMl;
    run(3_000);
    expect(infusions.at(-1)?.volumeInfusedMl).toBe(volumeWhileOccluded);
    sim.setOcclusion(false);
    run(3_000);
    expect(alarms.at(-1)).toMatchObject({ code: 'alaris.AL_OCCLU', phase: 'end' });
    expect(infusions.at(-1)?.state).toBe('infusing');
  });
});

describe('alarisAsenaDriver.exampleStream', () => {
  it('is deterministic and decodes to one infusion per cycle', () => {
    const stream = alarisAsenaDriver.exampleStream(20);
    expect(alarisAsenaDriver.exampleStream(20)).toEqual(stream);
    const decoder = alarisAsenaDriver.createDecoder(
      { bed: 'b', device: 'd', demo: true },
      { send: () => undefined },
    );
    expect(decoder.push(stream, T).infusions).toHaveLength(10);
    expect(decoder.counters).toMatchObject({ frames: 31, checksumErrors: 0, discardedBytes: 0 });
  });
});
