/**
 * Verified vectors: the request CRCs INF→4961, INF_START→38F3, INF_STOP→CD57,
 * COMMS_PROTOCOL→E8DA, and three pump replies logged by OpenICE (mdpnp) from real Alaris pumps,
 * whose CRCs reproduce here. Other messages are project-made with the codec.
 */
import { describe, expect, it } from 'vitest';
import {
  AsenaFramer,
  asenaCrc,
  encodeAsenaMessage,
} from '../../../../electron/station/devices/drivers/alaris-asena/AsenaCodec.js';

function bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function text(data: Uint8Array): string {
  return String.fromCharCode(...data);
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

/** Replies OpenICE recorded from real pumps ("Response from Alaris is …"). */
const PUBLISHED_REPLIES = [
  '!INST_SERIALNO^8002-51740|050B\r',
  '!COMMS_PROTOCOL^Asena Rev 2.1.5|661A\r',
  '!INF^8002-51733^A^HLD^0.00^ml/h^^0.969^ml^530.15^mmHg^00:04:09^EVENT^214725|DB9D\r',
];

describe('asenaCrc', () => {
  it.each([
    ['INF', 0x4961],
    ['INF_START', 0x38f3],
    ['INF_STOP', 0xcd57],
    ['COMMS_PROTOCOL', 0xe8da],
  ])('%s → %s', (command, crc) => {
    expect(asenaCrc(bytes(command))).toBe(crc);
  });

  it('is CRC-16/CCITT-FALSE (its catalogue check value for "123456789" is 0x29B1)', () => {
    expect(asenaCrc(bytes('123456789'))).toBe(0x29b1);
  });
});

describe('encodeAsenaMessage', () => {
  it.each([
    [['INF'], '!INF|4961\r'],
    [['INF_START'], '!INF_START|38F3\r'],
    [['INF_STOP'], '!INF_STOP|CD57\r'],
    [['COMMS_PROTOCOL'], '!COMMS_PROTOCOL|E8DA\r'],
  ])('%j → %j', (fields, line) => {
    expect(text(encodeAsenaMessage(fields))).toBe(line);
  });

  it('joins arguments with ^ and pads the CRC to four upper-case digits', () => {
    expect(text(encodeAsenaMessage(['INF_RATE', '0.10', 'ml/h']))).toBe(
      '!INF_RATE^0.10^ml/h|D407\r',
    );
  });
});

describe('AsenaFramer', () => {
  it('reads the replies OpenICE logged from real pumps', () => {
    const framer = new AsenaFramer();
    const messages = framer.push(bytes(PUBLISHED_REPLIES.join('')));
    expect(messages).toEqual([
      ['INST_SERIALNO', '8002-51740'],
      ['COMMS_PROTOCOL', 'Asena Rev 2.1.5'],
      [
        'INF',
        '8002-51733',
        'A',
        'HLD',
        '0.00',
        'ml/h',
        '',
        '0.969',
        'ml',
        '530.15',
        'mmHg',
        '00:04:09',
        'EVENT',
        '214725',
      ],
    ]);
    expect(framer.counters).toEqual({ frames: 3, checksumErrors: 0, discardedBytes: 0 });
  });

  it('reads the same messages at every split point', () => {
    const stream = bytes(PUBLISHED_REPLIES.join(''));
    for (let cut = 0; cut <= stream.length; cut++) {
      const framer = new AsenaFramer();
      const got = [...framer.push(stream.subarray(0, cut)), ...framer.push(stream.subarray(cut))];
      expect(got.map((m) => m[0])).toEqual(['INST_SERIALNO', 'COMMS_PROTOCOL', 'INF']);
    }
  });

  it('skips and counts bytes outside messages', () => {
    const framer = new AsenaFramer();
    const got = framer.push(join(bytes('\n\x00junk'), encodeAsenaMessage(['INF']), bytes('\n')));
    expect(got).toEqual([['INF']]);
    expect(framer.counters).toEqual({ frames: 1, checksumErrors: 0, discardedBytes: 7 });
  });

  it('counts and skips a message whose CRC fails, then reads the next', () => {
    const framer = new AsenaFramer();
    const got = framer.push(bytes('!INF|4962\r!INF_STOP|CD57\r'));
    expect(got).toEqual([['INF_STOP']]);
    expect(framer.counters).toEqual({ frames: 1, checksumErrors: 1, discardedBytes: 10 });
  });

  it('accepts lower-case CRC digits', () => {
    expect(new AsenaFramer().push(bytes('!INF_STOP|cd57\r'))).toEqual([['INF_STOP']]);
  });

  it('drops a message cut short by the next "!" or by ESC', () => {
    const framer = new AsenaFramer();
    const got = framer.push(bytes('!INF^8002!INF_START|38F3\r!COMMS\x1b!INF|4961\r'));
    expect(got).toEqual([['INF_START'], ['INF']]);
    expect(framer.counters.discardedBytes).toBe('!INF^8002'.length + '!COMMS\x1b'.length);
  });

  it('drops a message without a CRC field, and one that runs on far too long', () => {
    const framer = new AsenaFramer();
    expect(framer.push(bytes('!INF\r'))).toEqual([]);
    expect(framer.push(bytes(`!${'9'.repeat(600)}!INF|4961\r`))).toEqual([['INF']]);
    expect(framer.counters.checksumErrors).toBe(0);
    expect(framer.counters.discardedBytes).toBe(5 + 601);
  });
});
