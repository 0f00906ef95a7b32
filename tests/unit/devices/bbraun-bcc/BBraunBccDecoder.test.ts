/**
 * The station's requests are checked against the verified ADMIN:ALIVE vector. Device frames are
 * project-made with the codec; one carries the MEM:GETSLOT#13 answer printed in the BCC
 * specification (its text retyped from the document, its check digits recomputed, see
 * PROTOCOL.md).
 */
import { describe, expect, it } from 'vitest';
import type { Infusion } from '../../../../electron/contract/domain.js';
import { BBraunBccDecoder } from '../../../../electron/station/devices/drivers/bbraun-bcc/BBraunBccDecoder.js';
import {
  encodeBccFrame,
  encodeQuadruples,
  stuffBcc,
  type BccQuadruple,
} from '../../../../electron/station/devices/drivers/bbraun-bcc/BccCodec.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';

const CONTEXT = { bed: 'bed-4', device: 'pumps-4', demo: false };
const T = 1_700_000_000_000;
const BED = 'ComSystem';
const ACK = '\x06';
const NAK = '\x15';
const ALIVE_VECTOR = '\x0100031\x021/1/1>ADMIN:ALIVE\x0300061\x04';
const RS = '\x1e';

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

class Station {
  readonly sent: string[] = [];
  readonly decoder = new BBraunBccDecoder(CONTEXT, { send: (b) => this.sent.push(text(b)) });
  readonly infusions: Infusion[] = [];
  readonly alarms: DeviceAlarmReport[] = [];

  receive(frame: Uint8Array, at: number): void {
    const batch = this.decoder.push(frame, at);
    this.infusions.push(...(batch.infusions ?? []));
    this.alarms.push(...(batch.alarms ?? []));
  }

  /** Connects and completes ALIVE; returns the time of the first MEM:GET. */
  greet(at = T): number {
    this.decoder.connected(at);
    this.receive(rackFrame([q('50100', 'GNACK', '0')]), at + 20);
    this.decoder.tick(at + 520);
    return at + 520;
  }

  take(): string[] {
    return this.sent.splice(0);
  }
}

function q(address: string, parameter: string, value: string | null, time = 300): BccQuadruple {
  return { time, address, parameter, value };
}

function rackFrame(records: BccQuadruple[], final = true): Uint8Array {
  return encodeBccFrame(BED, encodeQuadruples(records), final);
}

/** A pump block in the BCC 3.26 parameter set. */
function pump(channel: string, values: Record<string, string | null>): BccQuadruple[] {
  const all: Record<string, string | null> = {
    INRT: '2.00',
    INVTB: null,
    INSOL: 'Heparin 25000IE/50ml',
    INRMT: '65535',
    INVI: '4.5',
    DSSTATUS: '00051',
    INM1: '0',
    INM2: '0',
    INM3: '1',
    INM6: '0',
    INM10: '0',
    INA3: '0',
    INA7: '0',
    INA15: '0',
    ...values,
  };
  return Object.entries(all).map(([p, v]) => q(`501${channel}`, p, v));
}

describe('BBraunBccDecoder session', () => {
  it('opens with the verified ADMIN:ALIVE frame and is associating until GNACK', () => {
    const station = new Station();
    expect(station.decoder.associating).toBe(true);
    station.decoder.connected(T);
    expect(station.take()).toEqual([ALIVE_VECTOR]);
    station.receive(rackFrame([q('50100', 'GNACK', '0')]), T + 20);
    expect(station.take()).toEqual([ACK]);
    expect(station.decoder.associating).toBe(false);
  });

  it('waits 0.5 s after GNACK, then polls MEM:GET with the bed id the rack answered, every 5 s', () => {
    const station = new Station();
    station.decoder.connected(T);
    station.receive(rackFrame([q('50100', 'GNACK', '0')]), T + 20);
    station.take();
    station.decoder.tick(T + 500);
    expect(station.take()).toEqual([]);
    station.decoder.tick(T + 520);
    expect(station.take()).toEqual([text(encodeBccFrame(BED, 'MEM:GET'))]);
    station.receive(rackFrame(pump('11', {})), T + 600);
    station.take();
    station.decoder.tick(T + 5_000);
    expect(station.take()).toEqual([]);
    station.decoder.tick(T + 5_520);
    expect(station.take()).toEqual([text(encodeBccFrame(BED, 'MEM:GET'))]);
  });

  it('ACKs each block so the rack sends the next, and reads one infusion per pump', () => {
    const station = new Station();
    const at = station.greet();
    station.take();
    station.receive(rackFrame([q('50100', 'FMNOR', '1'), ...pump('11', {})], false), at + 50);
    expect(station.take()).toEqual([ACK]);
    station.receive(
      rackFrame(
        pump('12', { INRT: '0.30', INVTB: '5.0', INVI: '1.5', INSOL: null, INSOLSN: 'Arteren' }),
      ),
      at + 80,
    );
    expect(station.take()).toEqual([ACK]);
    expect(station.infusions).toEqual([
      {
        bed: 'bed-4',
        device: 'pumps-4',
        channel: '11',
        drug: 'Heparin 25000IE/50ml',
        rateMlPerH: 2,
        vtbiMl: null,
        volumeInfusedMl: 4.5,
        state: 'infusing',
        time: at + 50,
        demo: false,
      },
      {
        bed: 'bed-4',
        device: 'pumps-4',
        channel: '12',
        drug: 'Arteren',
        rateMlPerH: 0.3,
        vtbiMl: 5,
        volumeInfusedMl: 1.5,
        state: 'infusing',
        time: at + 80,
        demo: false,
      },
    ]);
    expect(station.decoder.counters).toMatchObject({
      frames: 3,
      checksumErrors: 0,
      discardedBytes: 0,
    });
  });

  it('decodes the MEM:GETSLOT#13 answer printed in the specification', () => {
    const records = [
      '627,50100,FMNOR,1',
      '627,50100,FMSTAT,00051',
      '627,50100,FMDONGLE,T',
      '627,50100,FMBANY,_NV',
      '627,50100,FMRT,FMS1NSNS',
      '627,50100,FMRSTAT,00051',
      '627,50113,GNMODEL,688F030006',
      '627,50113,INRT,0.30',
      '627,50113,INSOL,Arterenol4mg/50',
      '627,50113,INSOLSN,Arteren\uE021',
      '627,50113,INSOLID,33~4mg/5002',
      '627,50113,INVOLACT,47.60',
      '627,50113,INRMT,65535',
      '627,50113,INDOCAL,0',
      '627,50113,INDCON,0',
      '627,50113,INDCONU,32',
      '627,50113,INDORT,0',
      '627,50113,INDORTU,50',
      '627,50113,INVI,1.5',
      '627,50113,INTIME,104',
      '627,50113,INBORT,800.00',
      '627,50113,INNR,60009FA0',
      '627,50113,INP1,4',
      '627,50113,INP2,35',
      '627,50113,INSYR,50',
      '627,50113,INSTBY,0',
      '627,50113,INSERNUM,40864',
      '627,50113,INDTNR,6144',
      '627,50113,DSSTATUS,00051',
      '627,50113,INBOVAL,0.0',
      '627,50113,INBOCNT,0',
      '627,50113,INM1,0',
      '627,50113,INM2,0',
      '627,50113,INM3,1',
      '627,50113,INM4,_NV',
      '627,50113,INM5,1',
      '627,50113,INM6,0',
      '627,50113,INM7,0',
      '627,50113,INM8,1',
      '627,50113,INM9,_NV',
      '627,50113,INM10,0',
      '627,50113,INM11,0',
      '627,50113,INM12,0',
      '627,50113,INA1,0',
      '627,50113,INA2,0',
      '627,50113,INA3,0',
      '627,50113,INA4,0',
      '627,50113,INA5,0',
      '627,50113,INA6,_NV',
      '627,50113,INA7,0',
      '627,50113,INA8,0',
      '627,50113,INA9,0',
      '627,50113,INA10,_NV',
      '627,50113,INA11,0',
      '627,50113,INA12,0',
      '627,50113,INA13,_NV',
      '627,50113,INA14,0',
      '627,50113,INA15,0',
    ];
    const frame = encodeBccFrame(BED, records.join(RS));
    // The document prints this frame with length 01198: the length counts SOH to EOT.
    expect(frame.length).toBe(1198);
    const station = new Station();
    station.receive(frame, T);
    expect(station.infusions).toMatchObject([
      {
        channel: '13',
        drug: 'Arterenol4mg/50',
        rateMlPerH: 0.3,
        vtbiMl: null,
        volumeInfusedMl: 1.5,
        state: 'infusing',
      },
    ]);
    expect(station.alarms).toEqual([]);
  });

  it('NAKs a corrupt block while an answer is due, at most three times in a row', () => {
    const station = new Station();
    const at = station.greet();
    station.take();
    const bad = rackFrame(pump('11', {}));
    // The last check digit off by one: still a digit, no longer the sum.
    bad.set([(bad.at(-2) ?? 0) ^ 0x01], bad.length - 2);
    for (let i = 0; i < 4; i++) station.receive(bad, at + 10 * i);
    expect(station.take()).toEqual([NAK, NAK, NAK]);
    expect(station.decoder.counters.checksumErrors).toBe(4);
    station.receive(rackFrame(pump('11', {})), at + 100);
    expect(station.take()).toEqual([ACK]);
    expect(station.infusions).toHaveLength(1);
  });

  it('gives a silent poll up after 5 s, counts the gap and greets the rack again', () => {
    const station = new Station();
    const at = station.greet();
    station.take();
    station.decoder.tick(at + 4_999);
    expect(station.take()).toEqual([]);
    station.decoder.tick(at + 5_000);
    expect(station.take()).toEqual([ALIVE_VECTOR]);
    expect(station.decoder.counters.sampleGaps).toBe(1);
  });

  it('greets again when the rack refuses a request', () => {
    const station = new Station();
    const at = station.greet();
    station.take();
    station.receive(rackFrame([q('50100', 'GNERR', '68')]), at + 30);
    expect(station.take()).toEqual([ACK]);
    station.decoder.tick(at + 500);
    expect(station.take()).toEqual([ALIVE_VECTOR]);
  });

  it('switches to stuffed requests once the rack is seen stuffing', () => {
    const station = new Station();
    station.decoder.connected(T);
    station.take();
    // The rack could not read the unstuffed ALIVE ("E" must be "EE") and says so, stuffed.
    station.receive(stuffBcc(rackFrame([q('50100', 'GNERR', '68')])), T + 30);
    station.decoder.tick(T + 500);
    expect(station.take()).toEqual([ACK, text(stuffBcc(encodeBccFrame('1', 'ADMIN:ALIVE')))]);
  });
});

describe('BBraunBccDecoder alarms', () => {
  function poll(
    station: Station,
    at: number,
    values: Record<string, string | null>,
  ): DeviceAlarmReport[] {
    station.decoder.tick(at);
    station.receive(rackFrame(pump('12', values)), at + 40);
    return station.alarms.splice(0);
  }

  it('starts, continues and ends an occlusion from successive polls', () => {
    const station = new Station();
    const at = station.greet();
    station.receive(rackFrame(pump('12', {})), at + 40);
    expect(station.alarms).toEqual([]);
    const occluded = { INA3: '1', INM3: '0', INM1: '1' };
    expect(poll(station, at + 5_000, occluded)).toEqual([
      {
        bed: 'bed-4',
        device: 'pumps-4',
        code: 'bbraun.12.INA3',
        text: 'Pump 12 (Heparin 25000IE/50ml): occlusion (pressure alarm)',
        priority: 'high',
        kind: 'technical',
        phase: 'start',
        time: at + 5_040,
      },
    ]);
    expect(station.infusions.at(-1)?.state).toBe('paused');
    expect(poll(station, at + 10_000, occluded).map((a) => a.phase)).toEqual(['continue']);
    const ended = poll(station, at + 15_000, {});
    expect(ended.map((a) => [a.code, a.phase])).toEqual([['bbraun.12.INA3', 'end']]);
    expect(station.infusions.at(-1)?.state).toBe('infusing');
  });

  it('reports near end, then completion with KVO, in order', () => {
    const station = new Station();
    const at = station.greet();
    station.receive(rackFrame(pump('12', { INVTB: '5.0', INRMT: '400' })), at + 40);
    const near = poll(station, at + 5_000, { INVTB: '5.0', INRMT: '170' });
    expect(near.map((a) => [a.code, a.priority, a.phase])).toEqual([
      ['bbraun.12.near-end', 'low', 'start'],
    ]);
    const done = poll(station, at + 10_000, { INVTB: '5.0', INRMT: '0', INA7: '1', INM10: '1' });
    expect(done.map((a) => [a.code, a.priority, a.phase])).toEqual([
      ['bbraun.12.INA7', 'medium', 'start'],
      ['bbraun.12.near-end', 'low', 'end'],
    ]);
    expect(station.infusions.at(-1)?.state).toBe('kvo');
  });

  it('ends the alarms of a pump the rack reports removed (GNERR 39)', () => {
    const station = new Station();
    const at = station.greet();
    station.receive(rackFrame(pump('12', { INA3: '1' })), at + 40);
    station.alarms.splice(0);
    station.decoder.tick(at + 5_000);
    station.receive(rackFrame([q('50112', 'GNERR', '39')]), at + 5_040);
    expect(station.alarms.map((a) => [a.code, a.phase])).toEqual([['bbraun.12.INA3', 'end']]);
    expect(station.infusions.at(-1)).toMatchObject({
      channel: '12',
      state: 'unknown',
      rateMlPerH: null,
      drug: null,
    });
  });

  it('treats a pump missing from a complete MEM:GET answer as gone', () => {
    const station = new Station();
    const at = station.greet();
    station.receive(rackFrame(pump('11', {}), false), at + 40);
    station.receive(rackFrame(pump('12', { INA15: '1' })), at + 60);
    station.alarms.splice(0);
    station.decoder.tick(at + 5_000);
    station.receive(rackFrame(pump('11', {})), at + 5_040);
    expect(station.alarms.map((a) => [a.code, a.phase])).toEqual([['bbraun.12.INA15', 'end']]);
    expect(station.infusions.at(-1)).toMatchObject({ channel: '12', state: 'unknown' });
  });

  it('decodes frames the rack sends on its own (cyclic mode) without a session', () => {
    const station = new Station();
    station.receive(rackFrame(pump('1A', { INA3: '1' })), T);
    expect(station.take()).toEqual([ACK]);
    expect(station.infusions.map((i) => i.channel)).toEqual(['1A']);
    expect(station.alarms.map((a) => a.code)).toEqual(['bbraun.1A.INA3']);
  });

  it('never throws on noise and counts what it skipped', () => {
    const station = new Station();
    station.greet();
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff);
    expect(() => station.receive(noise, T + 1_000)).not.toThrow();
    expect(station.decoder.counters.discardedBytes).toBeGreaterThan(0);
    station.receive(rackFrame(pump('11', {})), T + 2_000);
    expect(station.infusions.at(-1)?.channel).toBe('11');
  });
});
