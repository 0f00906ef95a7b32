/**
 * Requests are checked against the verified CRC vectors (COMMS_PROTOCOL→E8DA, INF→4961); pump
 * replies are project-made with the codec, in the forms OpenICE logged.
 */
import { describe, expect, it } from 'vitest';
import type { Infusion } from '../../../../electron/contract/domain.js';
import { AlarisAsenaDecoder } from '../../../../electron/station/devices/drivers/alaris-asena/AlarisAsenaDecoder.js';
import { encodeAsenaMessage } from '../../../../electron/station/devices/drivers/alaris-asena/AsenaCodec.js';
import type { DeviceAlarmReport } from '../../../../electron/station/devices/drivers/DeviceDriver.js';

const CONTEXT = { bed: 'bed-9', device: 'syringe-9', demo: false };
const T = 1_700_000_000_000;

function text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

const reply = {
  version: () => encodeAsenaMessage(['COMMS_PROTOCOL', 'Asena Rev 2.1.5']),
  alarm: (code = 'AL_NOALM') => encodeAsenaMessage(['ALARM', code, ' ', ' ']),
  vtbi: (ml: string | null = '20.000') =>
    encodeAsenaMessage(
      ml === null ? ['INF_VTBI', 'DEACT'] : ['INF_VTBI', 'ACTIV', ml, 'ml', 'STOP'],
    ),
  status: (mode = 'SET', rate = '4.00', volume = '1.250') =>
    encodeAsenaMessage([
      'INF',
      '8002-10001',
      '-',
      mode,
      rate,
      'ml/h',
      'Propofol 1%',
      volume,
      'ml',
      '17.91',
      'mmHg',
      '00:04:09',
      'EVENT',
      '12',
    ]),
};

class Station {
  readonly sent: string[] = [];
  readonly decoder = new AlarisAsenaDecoder(CONTEXT, { send: (b) => this.sent.push(text(b)) });
  readonly infusions: Infusion[] = [];
  readonly alarms: DeviceAlarmReport[] = [];

  receive(bytes: Uint8Array, at: number): void {
    const batch = this.decoder.push(bytes, at);
    this.infusions.push(...(batch.infusions ?? []));
    this.alarms.push(...(batch.alarms ?? []));
  }

  /** Connected and identified: the first poll cycle has started. */
  identified(at = T): void {
    this.decoder.connected(at);
    this.receive(reply.version(), at + 10);
  }

  /** Answers one whole cycle the way a pump would. */
  cycle(at: number, alarm = 'AL_NOALM', status = reply.status()): void {
    this.receive(reply.alarm(alarm), at);
    this.receive(reply.vtbi(), at + 10);
    this.receive(status, at + 20);
  }

  take(): string[] {
    return this.sent.splice(0);
  }
}

describe('AlarisAsenaDecoder session', () => {
  it('asks for the protocol version first and is associating until it answers', () => {
    const station = new Station();
    station.decoder.connected(T);
    expect(station.take()).toEqual(['!COMMS_PROTOCOL|E8DA\r']);
    expect(station.decoder.associating).toBe(true);
    station.receive(reply.version(), T + 10);
    expect(station.decoder.associating).toBe(false);
    expect(station.take()).toEqual(['!ALARM|50B2\r']);
  });

  it('asks ALARM, INF_VTBI and INF one at a time, then waits for the next 2 s cycle', () => {
    const station = new Station();
    station.identified();
    station.take();
    station.receive(reply.alarm(), T + 20);
    expect(station.take()).toEqual(['!INF_VTBI|8456\r']);
    station.receive(reply.vtbi(), T + 30);
    expect(station.take()).toEqual(['!INF|4961\r']);
    station.receive(reply.status(), T + 40);
    expect(station.take()).toEqual([]);
    station.decoder.tick(T + 1_500);
    expect(station.take()).toEqual([]);
    station.decoder.tick(T + 2_010);
    expect(station.take()).toEqual(['!ALARM|50B2\r']);
  });

  it('turns a cycle into one infusion', () => {
    const station = new Station();
    station.identified();
    station.cycle(T + 20);
    expect(station.infusions).toEqual([
      {
        bed: 'bed-9',
        device: 'syringe-9',
        channel: '1',
        drug: 'Propofol 1%',
        rateMlPerH: 4,
        vtbiMl: 20,
        volumeInfusedMl: 1.25,
        state: 'infusing',
        time: T + 40,
        demo: false,
      },
    ]);
    expect(station.decoder.counters).toEqual({
      frames: 4,
      checksumErrors: 0,
      discardedBytes: 0,
      decodedSamples: 4,
      sampleGaps: 0,
    });
  });

  it('repeats the version request until the pump answers, counting each silence', () => {
    const station = new Station();
    station.decoder.connected(T);
    station.take();
    station.decoder.tick(T + 999);
    expect(station.take()).toEqual([]);
    station.decoder.tick(T + 1_000);
    expect(station.take()).toEqual(['!COMMS_PROTOCOL|E8DA\r']);
    expect(station.decoder.counters.sampleGaps).toBe(1);
  });

  it('moves on past an unanswered poll request and still uses a late reply', () => {
    const station = new Station();
    station.identified();
    station.take();
    station.decoder.tick(T + 1_010);
    expect(station.take()).toEqual(['!INF_VTBI|8456\r']);
    station.receive(reply.alarm('AL_OCCLU'), T + 1_100);
    expect(station.alarms.map((a) => a.code)).toEqual(['alaris.AL_OCCLU']);
    expect(station.take()).toEqual([]);
  });

  it('skips a reply with a bad CRC and counts it', () => {
    const station = new Station();
    station.identified();
    const bad = reply.alarm('AL_OCCLU');
    bad[bad.length - 2] = 0x30 + ((bad[bad.length - 2] ?? 0) === 0x30 ? 1 : 0);
    station.receive(bad, T + 20);
    expect(station.alarms).toEqual([]);
    expect(station.decoder.counters.checksumErrors).toBe(1);
  });
});

describe('AlarisAsenaDecoder alarms', () => {
  it('starts, continues and ends an occlusion', () => {
    const station = new Station();
    station.identified();
    station.cycle(T + 20, 'AL_OCCLU', reply.status('HLD', '0.00'));
    expect(station.alarms).toEqual([
      {
        bed: 'bed-9',
        device: 'syringe-9',
        code: 'alaris.AL_OCCLU',
        text: 'Syringe pump: occlusion',
        priority: 'high',
        kind: 'technical',
        phase: 'start',
        time: T + 20,
      },
    ]);
    expect(station.infusions.at(-1)?.state).toBe('paused');
    station.cycle(T + 2_020, 'AL_OCCLU', reply.status('HLD', '0.00'));
    station.cycle(T + 4_020);
    expect(station.alarms.map((a) => a.phase)).toEqual(['start', 'continue', 'end']);
    expect(station.infusions.at(-1)?.state).toBe('infusing');
  });

  it('ends the previous alarm when the pump reports a different one', () => {
    const station = new Station();
    station.identified();
    station.cycle(T + 20, 'AL_NEOIN');
    station.cycle(T + 2_020, 'AL_VTBIK', reply.status('SET', '0.50'));
    expect(station.alarms.map((a) => [a.code, a.priority, a.phase])).toEqual([
      ['alaris.AL_NEOIN', 'low', 'start'],
      ['alaris.AL_NEOIN', 'low', 'end'],
      ['alaris.AL_VTBIK', 'low', 'start'],
    ]);
    expect(station.infusions.at(-1)?.state).toBe('kvo');
  });

  it('reports no volume to be infused when the pump has none set', () => {
    const station = new Station();
    station.identified();
    station.receive(reply.alarm(), T + 20);
    station.receive(reply.vtbi(null), T + 30);
    station.receive(reply.status(), T + 40);
    expect(station.infusions.at(-1)?.vtbiMl).toBeNull();
  });

  it('never throws on noise', () => {
    const station = new Station();
    station.identified();
    const noise = Uint8Array.from(
      { length: 4096 },
      (_, i) => [0x21, 0x0d, 0x7c, 0x5e, 0x1b][i % 7] ?? (i * 31) & 0xff,
    );
    expect(() => station.receive(noise, T + 50)).not.toThrow();
    station.cycle(T + 2_020);
    expect(station.infusions).toHaveLength(1);
  });
});
