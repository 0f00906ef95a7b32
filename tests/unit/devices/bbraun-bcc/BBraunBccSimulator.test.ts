/**
 * The simulated rack against the station's decoder, wired directly with a clock moved by hand.
 * Requests are built with the codec (ALIVE is the verified vector); answers are the simulator's.
 */
import { describe, expect, it } from 'vitest';
import type { Infusion } from '../../../../electron/contract/domain.js';
import { bbraunBccDriver } from '../../../../electron/station/devices/drivers/bbraun-bcc/index.js';
import {
  BBraunBccSimulator,
  DEFAULT_RACK,
  type BBraunBccSimulatorOptions,
} from '../../../../electron/station/devices/drivers/bbraun-bcc/BBraunBccSimulator.js';
import {
  BccFramer,
  encodeBccFrame,
  parseQuadruples,
  stuffBcc,
  type BccFrame,
} from '../../../../electron/station/devices/drivers/bbraun-bcc/BccCodec.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';

const T = 1_700_000_000_000;
const ACK = Uint8Array.of(0x06);
const NAK = Uint8Array.of(0x15);

/** The rack alone: requests in, frames out. */
function rack(options: Omit<BBraunBccSimulatorOptions, 'clock'> = {}): {
  sim: BBraunBccSimulator;
  frames: () => BccFrame[];
  clock: { now: number };
} {
  const clock = { now: T };
  const sim = new BBraunBccSimulator({ ...options, clock: () => clock.now });
  const framer = new BccFramer();
  const out: BccFrame[] = [];
  sim.start((bytes) => {
    for (const e of framer.push(bytes)) if (e.kind === 'frame') out.push(e.frame);
  });
  return { sim, frames: () => out.splice(0), clock };
}

/** Station decoder and rack wired together, with the link's 500 ms tick. */
function session(options: Omit<BBraunBccSimulatorOptions, 'clock'> = {}): {
  sim: BBraunBccSimulator;
  infusions: Infusion[];
  alarms: DeviceAlarmReport[];
  run: (ms: number) => void;
} {
  let now = T;
  const sim = new BBraunBccSimulator({ ...options, clock: () => now });
  const inbox: Uint8Array[] = [];
  sim.start((bytes) => inbox.push(bytes));
  const decoder = bbraunBccDriver.createDecoder(
    { bed: 'bed-1', device: 'rack-1', demo: true },
    { send: (bytes) => sim.receive(bytes) },
  );
  const infusions: Infusion[] = [];
  const alarms: DeviceAlarmReport[] = [];
  const deliver = (): void => {
    for (let bytes = inbox.shift(); bytes !== undefined; bytes = inbox.shift()) {
      const batch = decoder.push(bytes, now);
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

function latest(infusions: Infusion[], channel: string): Infusion | undefined {
  return infusions.filter((i) => i.channel === channel).at(-1);
}

describe('BBraunBccSimulator protocol', () => {
  it('answers ALIVE on the default bed id with GNACK from its own bed id', () => {
    const { sim, frames } = rack();
    sim.receive(encodeBccFrame('1', 'ADMIN:ALIVE'));
    const [frame] = frames();
    expect(frame).toMatchObject({ bedId: 'ComSystem', final: true });
    expect(parseQuadruples(frame?.information ?? '')).toEqual([
      { time: 206, address: '50100', parameter: 'GNACK', value: '0' },
    ]);
  });

  it('answers ADMIN:VERSION without a value field', () => {
    const { sim, frames } = rack();
    sim.receive(encodeBccFrame('ComSystem', 'ADMIN:VERSION'));
    expect(frames()[0]?.information).toBe('206,50100,V3.30');
  });

  it('sends MEM:GET as one block per pump, the next only after an ACK, the last with ETX', () => {
    const { sim, frames } = rack();
    sim.receive(encodeBccFrame('ComSystem', 'MEM:GET'));
    const first = frames();
    expect(first.map((f) => f.final)).toEqual([false]);
    const addresses = (f: BccFrame | undefined): string[] => [
      ...new Set(parseQuadruples(f?.information ?? '').map((r) => r.address)),
    ];
    expect(addresses(first[0])).toEqual(['50100', '50111']);
    sim.receive(ACK);
    const second = frames();
    expect(addresses(second[0])).toEqual(['50112']);
    sim.receive(NAK);
    expect(frames()).toEqual(second);
    sim.receive(ACK);
    const third = frames();
    expect(third.map((f) => [addresses(f), f.final])).toEqual([[['50113'], true]]);
    sim.receive(ACK);
    expect(frames()).toEqual([]);
  });

  it('says GNNEW for a pump the first time, GNMODEL afterwards', () => {
    const { sim, frames } = rack({ pumps: DEFAULT_RACK.slice(0, 1) });
    const identity = (): string | undefined =>
      parseQuadruples(frames()[0]?.information ?? '').find((r) => r.address === '50111')?.parameter;
    sim.receive(encodeBccFrame('ComSystem', 'MEM:GET'));
    expect(identity()).toBe('GNNEW');
    sim.receive(encodeBccFrame('ComSystem', 'MEM:GET'));
    expect(identity()).toBe('GNMODEL');
  });

  it('answers MEM:GETSLOT#13 with that pump alone, and GNERR 811 for an empty slot', () => {
    const { sim, frames } = rack();
    sim.receive(encodeBccFrame('ComSystem', 'MEM:GETSLOT#13'));
    const [slot] = frames();
    expect(slot?.final).toBe(true);
    expect(new Set(parseQuadruples(slot?.information ?? '').map((r) => r.address))).toEqual(
      new Set(['50100', '50113']),
    );
    sim.receive(encodeBccFrame('ComSystem', 'MEM:GETSLOT#2A'));
    expect(frames()[0]?.information).toBe('206,5012A,GNERR,811');
  });

  it('refuses the wrong bed id, unknown requests and corrupt frames with GNERR 68', () => {
    const { sim, frames } = rack();
    sim.receive(encodeBccFrame('Other', 'MEM:GET'));
    sim.receive(encodeBccFrame('ComSystem', 'MEM:PUT'));
    const corrupt = encodeBccFrame('ComSystem', 'MEM:GET');
    // The last check digit off by one: still a digit, no longer the sum.
    corrupt.set([(corrupt.at(-2) ?? 0) ^ 0x01], corrupt.length - 2);
    sim.receive(corrupt);
    expect(frames().map((f) => f.information)).toEqual([
      '206,50100,GNERR,68',
      '206,50100,GNERR,68',
      '206,50100,GNERR,68',
    ]);
  });

  it('with stuffing on, answers stuffed and refuses an unstuffed request', () => {
    const { sim, frames } = rack({ characterStuffing: true });
    sim.receive(encodeBccFrame('1', 'ADMIN:ALIVE'));
    sim.receive(stuffBcc(encodeBccFrame('1', 'ADMIN:ALIVE')));
    expect(frames().map((f) => [f.information, f.stuffed])).toEqual([
      ['206,50100,GNERR,68', true],
      ['206,50100,GNACK,0', true],
    ]);
  });
});

describe('BBraunBccSimulator with the station decoder', () => {
  it('decodes exactly the infusions the rack reports', () => {
    const { sim, infusions, run } = session();
    run(11_000);
    for (const channel of ['11', '12', '13']) {
      const reported = sim.lastReported(channel);
      expect(reported).toBeDefined();
      expect(latest(infusions, channel)).toMatchObject({ ...reported, bed: 'bed-1', demo: true });
    }
    expect(latest(infusions, '11')).toMatchObject({
      drug: 'Noradrenalin 5mg/50ml',
      rateMlPerH: 3,
      state: 'infusing',
    });
  });

  it('accumulates volume in real time', () => {
    const { infusions, run } = session();
    run(2_000);
    const before = latest(infusions, '13')?.volumeInfusedMl ?? 0;
    run(60_000);
    // 80 mL/h for a minute is 1.33 mL; both readings are rounded to 0.1 mL.
    const delivered = (latest(infusions, '13')?.volumeInfusedMl ?? 0) - before;
    expect(delivered).toBeGreaterThanOrEqual(1.2);
    expect(delivered).toBeLessThanOrEqual(1.5);
  });

  it('runs pump 12 through near end, completion and KVO', () => {
    const { alarms, infusions, run } = session();
    run(2_000);
    expect(latest(infusions, '12')?.state).toBe('infusing');
    run(3 * 60_000 + 10_000);
    expect(alarms.filter((a) => a.code === 'bbraun.12.near-end').map((a) => a.phase)).toContain(
      'start',
    );
    run(4 * 60_000);
    expect(latest(infusions, '12')).toMatchObject({ state: 'kvo', volumeInfusedMl: 5 });
    const pump12 = alarms.filter((a) => a.code.startsWith('bbraun.12.') && a.phase !== 'continue');
    expect(pump12.map((a) => [a.code, a.phase])).toEqual([
      ['bbraun.12.near-end', 'start'],
      ['bbraun.12.INA7', 'start'],
      ['bbraun.12.near-end', 'end'],
    ]);
  });

  it('raises an occlusion on the pump it is set on, and ends it when cleared', () => {
    const { sim, alarms, infusions, run } = session();
    run(2_000);
    sim.setOcclusion('11', true);
    run(5_000);
    expect(alarms.filter((a) => a.phase === 'start').map((a) => [a.code, a.priority])).toEqual([
      ['bbraun.11.INA3', 'high'],
    ]);
    expect(latest(infusions, '11')?.state).toBe('paused');
    sim.setOcclusion('11', false);
    run(5_000);
    expect(alarms.filter((a) => a.phase === 'end').map((a) => a.code)).toEqual(['bbraun.11.INA3']);
    expect(latest(infusions, '11')?.state).toBe('infusing');
  });

  it('brings a station that starts unstuffed into a stuffing rack', () => {
    const { infusions, run } = session({ characterStuffing: true });
    run(2_000);
    expect(new Set(infusions.map((i) => i.channel))).toEqual(new Set(['11', '12', '13']));
  });

  it('refuses an unknown slot in setOcclusion', () => {
    expect(() => new BBraunBccSimulator().setOcclusion('3O', true)).toThrow(RangeError);
  });
});

describe('bbraunBccDriver.exampleStream', () => {
  it('is deterministic and decodes to one report per pump and poll', () => {
    const stream = bbraunBccDriver.exampleStream(60);
    expect(bbraunBccDriver.exampleStream(60)).toEqual(stream);
    const decoder = bbraunBccDriver.createDecoder(
      { bed: 'b', device: 'd', demo: true },
      { send: () => undefined },
    );
    const batch = decoder.push(stream, T);
    expect(batch.infusions).toHaveLength(12 * 3);
    expect(decoder.counters).toMatchObject({ checksumErrors: 0, discardedBytes: 0 });
  });
});
