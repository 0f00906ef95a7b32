/**
 * The one published frame whose bytes are verified is the ADMIN:ALIVE request
 * `<SOH>00031<STX>1/1/1>ADMIN:ALIVE<ETX>00061<EOT>` (B. Braun BCC specification, and the
 * unit test of mindleaving/patient-monitor-datalogger). Every other frame here is project-made
 * with the codec under test, or from the specification's example text where it says so.
 */
import { describe, expect, it } from 'vitest';
import {
  BccFramer,
  bccChecksum,
  destuffBcc,
  encodeBccFrame,
  encodeQuadruples,
  parseQuadruples,
  pumpChannel,
  stuffBcc,
  type BccFramerEvent,
} from '../../../../electron/station/devices/drivers/bbraun-bcc/BccCodec.js';

const ALIVE_VECTOR = '\x0100031\x021/1/1>ADMIN:ALIVE\x0300061\x04';
const RS = '\x1e';

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function textOf(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function frames(events: BccFramerEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'frame' ? [e.frame.information] : []));
}

describe('BCC frame encoding', () => {
  it('reproduces the verified ADMIN:ALIVE vector byte for byte', () => {
    expect(textOf(encodeBccFrame('1', 'ADMIN:ALIVE'))).toBe(ALIVE_VECTOR);
  });

  it('counts the whole frame, SOH to EOT, in the length field', () => {
    const frame = encodeBccFrame('1', 'ADMIN:ALIVE');
    expect(frame.length).toBe(31);
    expect(textOf(frame.subarray(1, 6))).toBe('00031');
  });

  it('sums every byte from SOH to ETX inclusive, modulo 256, for the check digits', () => {
    const vector = bytesOf(ALIVE_VECTOR);
    const etx = vector.indexOf(0x03);
    expect(bccChecksum(vector, etx + 1)).toBe(61);
    // Without SOH, or without ETX, the sum would not be 61: both ends are included.
    expect(bccChecksum(vector.subarray(1), etx)).toBe(60);
    expect(bccChecksum(vector, etx)).toBe(58);
  });

  it('ends a block that has more to follow with ETB', () => {
    const frame = encodeBccFrame('ComSystem', '1,50111,INRT,0', false);
    expect(frame[frame.length - 7]).toBe(0x17);
  });

  it('refuses a bed id the protocol cannot carry', () => {
    expect(() => encodeBccFrame('bed 7', 'MEM:GET')).toThrow(RangeError);
    expect(() => encodeBccFrame('A'.repeat(16), 'MEM:GET')).toThrow(RangeError);
  });
});

describe('BCC character stuffing', () => {
  it('replaces D, E, d and e with the two-letter escapes', () => {
    expect(textOf(stuffBcc(bytesOf('DEde')))).toBe('EXEEexee');
  });

  it('destuffs left to right, so "EEX" is "EX" as the specification warns', () => {
    expect(textOf(destuffBcc(bytesOf('EEX')) ?? new Uint8Array())).toBe('EX');
    expect(textOf(destuffBcc(stuffBcc(bytesOf('MEM:GET dDeE'))) ?? new Uint8Array())).toBe(
      'MEM:GET dDeE',
    );
  });

  it('rejects a broken escape and a bare d or D', () => {
    expect(destuffBcc(bytesOf('EA'))).toBeNull();
    expect(destuffBcc(bytesOf('E'))).toBeNull();
    expect(destuffBcc(bytesOf('xdx'))).toBeNull();
  });
});

describe('BccFramer', () => {
  it('reads the verified vector, with its bed id and as the last block', () => {
    const events = new BccFramer().push(bytesOf(ALIVE_VECTOR));
    expect(events).toEqual([
      {
        kind: 'frame',
        frame: { bedId: '1', information: 'ADMIN:ALIVE', final: true, stuffed: false },
      },
    ]);
  });

  it('reads the vector stuffed: length and check describe the unstuffed frame', () => {
    const wire = stuffBcc(bytesOf(ALIVE_VECTOR));
    expect(textOf(wire)).toContain('AEXMIN:ALIVEE');
    const framer = new BccFramer();
    const [event] = framer.push(wire);
    expect(event).toMatchObject({
      kind: 'frame',
      frame: { information: 'ADMIN:ALIVE', stuffed: true },
    });
    expect(framer.counters).toEqual({ frames: 1, checksumErrors: 0, discardedBytes: 0 });
  });

  it('cannot tell stuffing from a frame without any D, E, d or e', () => {
    const [event] = new BccFramer().push(encodeBccFrame('1', '1,50100,GNACK,0'));
    expect(event).toMatchObject({ kind: 'frame', frame: { stuffed: null } });
  });

  it('decodes the same frames at every split point of the stream', () => {
    const stream = join(
      encodeBccFrame('ComSystem', `7,50111,INRT,1.50${RS}7,50111,INVI,2.0`, false),
      encodeBccFrame('ComSystem', '7,50112,INRT,3.00'),
    );
    for (let cut = 0; cut <= stream.length; cut++) {
      const framer = new BccFramer();
      const got = [...framer.push(stream.subarray(0, cut)), ...framer.push(stream.subarray(cut))];
      expect(frames(got)).toEqual([`7,50111,INRT,1.50${RS}7,50111,INVI,2.0`, '7,50112,INRT,3.00']);
      expect(framer.counters.discardedBytes).toBe(0);
    }
  });

  it('skips and counts garbage before and between frames', () => {
    const framer = new BccFramer();
    const events = framer.push(
      join(
        bytesOf('noise\r\n'),
        encodeBccFrame('1', 'A:B'),
        bytesOf('xyz'),
        encodeBccFrame('1', 'C:D'),
      ),
    );
    expect(frames(events)).toEqual(['A:B', 'C:D']);
    expect(framer.counters).toEqual({ frames: 2, checksumErrors: 0, discardedBytes: 10 });
  });

  it('reports a frame with a wrong checksum as corrupt, counts it and decodes the next', () => {
    const bad = encodeBccFrame('1', 'ADMIN:ALIVE');
    bad[bad.length - 2] = 0x30; // check digits 00060 instead of 00061
    const good = encodeBccFrame('1', 'MEM:GET');
    const framer = new BccFramer();
    const events = framer.push(join(bad, good));
    expect(events.map((e) => e.kind)).toEqual(['corrupt', 'frame']);
    expect(framer.counters).toEqual({ frames: 1, checksumErrors: 1, discardedBytes: bad.length });
  });

  it('abandons a truncated frame when the next SOH arrives', () => {
    const cut = encodeBccFrame('1', 'ADMIN:ALIVE').subarray(0, 20);
    const framer = new BccFramer();
    expect(frames(framer.push(join(cut, encodeBccFrame('1', 'MEM:GET'))))).toEqual(['MEM:GET']);
    expect(framer.counters).toEqual({ frames: 1, checksumErrors: 0, discardedBytes: 20 });
  });

  it('drops a frame whose length field disagrees with its bytes', () => {
    const frame = encodeBccFrame('1', 'ADMIN:ALIVE');
    frame[5] = 0x32; // 00032
    const framer = new BccFramer();
    expect(framer.push(frame)).toEqual([]);
    expect(framer.counters).toEqual({ frames: 0, checksumErrors: 0, discardedBytes: 31 });
  });

  it('reports ACK and NAK between frames', () => {
    const events = new BccFramer().push(
      join(Uint8Array.of(0x06), encodeBccFrame('1', 'X:Y'), Uint8Array.of(0x15)),
    );
    expect(events.map((e) => e.kind)).toEqual(['ack', 'frame', 'nak']);
  });

  it('never throws on noise', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed >>> 24;
    };
    const framer = new BccFramer();
    for (let i = 0; i < 200; i++) {
      const chunk = Uint8Array.from(
        { length: 64 },
        () => [0x01, 0x02, 0x03, 0x04, 0x30, 0x45][random() % 8] ?? random(),
      );
      expect(() => framer.push(chunk)).not.toThrow();
    }
    expect(frames(framer.push(encodeBccFrame('1', 'MEM:GET')))).toEqual(['MEM:GET']);
  });
});

describe('BCC quadruples', () => {
  it('splits records on RS and fields on the first three commas', () => {
    // Records as printed in the specification's MEM:GET example.
    const info = ['214,50111,INRT,0', '214,50111,INSOL,_NV', '215,50113,INSOLID,33~4mg/5002'].join(
      RS,
    );
    expect(parseQuadruples(info)).toEqual([
      { time: 214, address: '50111', parameter: 'INRT', value: '0' },
      { time: 214, address: '50111', parameter: 'INSOL', value: null },
      { time: 215, address: '50113', parameter: 'INSOLID', value: '33~4mg/5002' },
    ]);
  });

  it('reads the value-less ADMIN:VERSION answer, _NA, and commas inside a value', () => {
    expect(parseQuadruples(`207,50100,V3.30${RS}1,50111,INM9,_NA${RS}1,50111,INSOL,A, B`)).toEqual([
      { time: 207, address: '50100', parameter: 'V3.30', value: null },
      { time: 1, address: '50111', parameter: 'INM9', value: null },
      { time: 1, address: '50111', parameter: 'INSOL', value: 'A, B' },
    ]);
  });

  it('skips records that are not quadruples', () => {
    expect(parseQuadruples(`garbage${RS}x,50111,INRT,1${RS}1,50111,,1`)).toEqual([]);
  });

  it('round-trips through encodeQuadruples', () => {
    const records = [
      { time: 3, address: '50100', parameter: 'GNACK', value: '0' },
      { time: 3, address: '50112', parameter: 'INSOL', value: null },
    ];
    expect(parseQuadruples(encodeQuadruples(records))).toEqual(records);
  });
});

describe('pumpChannel', () => {
  it('reads pillar and slot, slots counted 1–9 then A–O', () => {
    expect(pumpChannel('50113')).toBe('13');
    expect(pumpChannel('5012A')).toBe('2A');
    expect(pumpChannel('5013O')).toBe('3O');
  });

  it('reads the two-digit slots BCC 3.30 has been seen to send', () => {
    expect(pumpChannel('501110')).toBe('1A');
    expect(pumpChannel('501224')).toBe('2O');
  });

  it('is null for the rack, a fourth pillar and junk', () => {
    expect(pumpChannel('50100')).toBeNull();
    expect(pumpChannel('50141')).toBeNull();
    expect(pumpChannel('5011P')).toBeNull();
    expect(pumpChannel('')).toBeNull();
  });
});
