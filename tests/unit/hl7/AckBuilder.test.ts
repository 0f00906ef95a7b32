import { describe, expect, it } from 'vitest';
import {
  ackRequestOf,
  buildAcks,
  unreadableRequest,
} from '../../../electron/station/hl7/AckBuilder.js';
import { decodeMessage, parseMessage } from '../../../electron/station/hl7/Hl7Codec.js';
import { Hl7ErrorCode, type Hl7Issue } from '../../../electron/station/hl7/Hl7Issue.js';

const context = { now: Date.UTC(2024, 0, 2, 3, 4, 5), controlId: 'ACK1' };

function request(msh15: string, msh16: string, type = 'ORU^R01^ORU_R01', version = '2.6') {
  return ackRequestOf(
    decodeMessage(
      Buffer.from(
        `MSH|^~\\&|MON^0800^EUI-64|WARD|CS|HOSP|20240101120000+0000||${type}|MSG7|P|${version}|||${msh15}|${msh16}||8859/1\rPID|||1\r`,
        'latin1',
      ),
    ),
  );
}

const issue: Hl7Issue = {
  ack: 'AE',
  code: Hl7ErrorCode.dataType,
  location: { segment: 'OBX', sequence: 5, field: 5 },
  text: 'OBX 1 is NM but its value "abc" is not a number',
};

const segments = (ack: string): string[] => ack.split('\r').filter(Boolean);

describe('acknowledgements', () => {
  it('original mode: one AA echoing MSH-10, sender and receiver swapped, charset echoed', () => {
    const [ack, ...more] = buildAcks(request('', ''), { ok: true }, context);
    expect(more).toEqual([]);
    expect(segments(ack!)).toEqual([
      'MSH|^~\\&|CS|HOSP|MON^0800^EUI-64|WARD|20240102030405.000+0000||ACK^R01^ACK|ACK1|P|2.6||||||8859/1',
      'MSA|AA|MSG7',
    ]);
  });

  it('original mode: AE and AR carry an ERR saying what and where', () => {
    const [ae] = buildAcks(request('', ''), { ok: false, issue }, context);
    expect(segments(ae!).slice(1)).toEqual([
      'MSA|AE|MSG7',
      'ERR||OBX^5^5^1|102^Data type error^HL70357|E||||OBX 1 is NM but its value "abc" is not a number',
    ]);
    const [ar] = buildAcks(request('', ''), { ok: false, issue: { ...issue, ack: 'AR' } }, context);
    expect(segments(ar!)[1]).toBe('MSA|AR|MSG7');
  });

  it('v2.3 senders also get ERR-1, the only ERR field they know', () => {
    const [ae] = buildAcks(request('', '', 'ADT^A12', '2.3'), { ok: false, issue }, context);
    expect(segments(ae!)[2]).toMatch(
      /^ERR\|OBX\^5\^5\^102&Data type error&HL70357\|OBX\^5\^5\^1\|/,
    );
  });

  it('enhanced AL/NE (IHE PCD): an accept ACK only, CA / CE / CR', () => {
    expect(
      buildAcks(request('AL', 'NE'), { ok: true }, context).map((a) => segments(a)[1]),
    ).toEqual(['MSA|CA|MSG7']);
    expect(
      buildAcks(request('AL', 'NE'), { ok: false, issue }, context).map((a) => segments(a)[1]),
    ).toEqual(['MSA|CE|MSG7']);
    const rejected = { ok: false as const, issue: { ...issue, ack: 'AR' as const } };
    expect(buildAcks(request('AL', 'NE'), rejected, context).map((a) => segments(a)[1])).toEqual([
      'MSA|CR|MSG7',
    ]);
  });

  it('enhanced NE/AL (GE): the application ACK only', () => {
    expect(
      buildAcks(request('NE', 'AL'), { ok: true }, context).map((a) => segments(a)[1]),
    ).toEqual(['MSA|AA|MSG7']);
  });

  it('enhanced AL/AL: accept then application ACK, with distinct control ids', () => {
    const acks = buildAcks(request('AL', 'AL'), { ok: true }, context);
    expect(acks.map((a) => segments(a)[1])).toEqual(['MSA|CA|MSG7', 'MSA|AA|MSG7']);
    expect(acks.map((a) => a.split('|')[9])).toEqual(['ACK1', 'ACK1-A']);
  });

  it('ER and SU conditions answer only errors, or only successes', () => {
    expect(buildAcks(request('ER', 'ER'), { ok: true }, context)).toEqual([]);
    expect(buildAcks(request('ER', 'NE'), { ok: false, issue }, context)).toHaveLength(1);
    expect(buildAcks(request('NE', 'SU'), { ok: true }, context)).toHaveLength(1);
  });

  it('never acknowledges an acknowledgement', () => {
    expect(buildAcks(request('', '', 'ACK^R01^ACK'), { ok: true }, context)).toEqual([]);
    expect(buildAcks(request('AL', 'AL', 'ACK'), { ok: false, issue }, context)).toEqual([]);
  });

  it('answers an unreadable frame AR with standard delimiters and an empty MSA-2', () => {
    const [ar] = buildAcks(
      unreadableRequest(),
      { ok: false, issue: { ...issue, ack: 'AR', location: null } },
      context,
    );
    expect(segments(ar!)[1]).toBe('MSA|AR');
    expect(segments(ar!)[0]).toMatch(/^MSH\|\^~\\&\|/);
  });

  it('escapes what it echoes so a sender id with delimiters cannot break the ACK', () => {
    const odd = ackRequestOf(parseMessage('MSH|^~\\&|A\\F\\B|F||||||ORU^R01|X|P|2.6\r'));
    const [ack] = buildAcks(odd, { ok: true }, context);
    expect(segments(ack!)[0]).toContain('||A\\F\\B|F|');
  });
});
