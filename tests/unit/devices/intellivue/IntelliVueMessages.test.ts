import { describe, expect, it } from 'vitest';
import { IntelliVueFramer } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';
import {
  encodeAssociationRequest,
  encodeExtendedPollRequest,
  encodeMdsCreateResult,
  encodeSinglePollRequest,
  encodeWavePriorityList,
  parseDataExportMessage,
  setPollRelativeTime,
  type DataExportMessage,
} from '../../../../electron/station/devices/drivers/intellivue/IntelliVueMessages.js';
import { STATION_ASSOCIATION } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueSession.js';
import { CAPTURE, pollResult } from './intellivueTestBytes.js';

const captureMessages = new IntelliVueFramer().push(CAPTURE);

function message(index: number): DataExportMessage {
  const userData = captureMessages[index];
  if (!userData) throw new Error(`no frame ${index}`);
  return parseDataExportMessage(userData);
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

describe('parseDataExportMessage on REAL frames', () => {
  it('reads the association accept and the MDS Create event', () => {
    expect(message(0)).toEqual({ kind: 'association-accept' });
    expect(message(1)).toEqual({ kind: 'mds-create-event', invokeId: 1, eventTime: 0x001dc200 });
  });

  it('reads a numerics poll answered as a linked result plus a closing result', () => {
    const parts = [2, 3, 4, 5].map(message);
    expect(parts.map((p) => (p.kind === 'poll-result' ? p.linked : p.kind))).toEqual([
      1,
      2,
      3,
      null,
    ]);
    const first = parts[0];
    if (first?.kind !== 'poll-result') throw new Error('not a poll result');
    expect(first).toMatchObject({
      extended: true,
      pollNumber: 1,
      relativeTime: 1_954_816,
      objectClass: 0x06,
      attributeGroup: 0,
    });
    // The first part starts with the object of handle 0x8600, labelled "CPP".
    expect(first.observations[0]?.handle).toBe(0x8600);
    const last = parts[3];
    expect(last?.kind === 'poll-result' && last.observations).toEqual([]);
  });

  it('reads a wave poll result: handles, attributes and the compound ECG value', () => {
    const wave = captureMessages.findIndex((m) => {
      const parsed = parseDataExportMessage(m);
      return parsed.kind === 'poll-result' && parsed.objectClass === 0x09;
    });
    const first = message(wave);
    if (first.kind !== 'poll-result') throw new Error('not a poll result');
    expect(first.relativeTime).toBe(1_963_008);
    expect(first.observations.map((o) => o.handle)).toEqual([714]);
    const ids = first.observations[0]?.attributes.map((a) => a.id);
    expect(ids).toEqual([
      0x0921, 0x092f, 0x093f, 0x096d, 0x0a16, 0x098d, 0x0924, 0x0927, 0x0996, 0x0945, 0x0911,
      0x0940, 0x096f, 0x0964,
    ]);
    const next = message(wave + 5);
    expect(next.kind === 'poll-result' && next.relativeTime).toBe(1_961_984);
  });

  it('classifies the GET and SET results of the capture as of no use', () => {
    expect(message(6)).toEqual({ kind: 'other', roType: 2, command: 3 });
    expect(message(7)).toEqual({ kind: 'other', roType: 2, command: 5 });
  });

  it('never throws on truncated or garbled messages', () => {
    for (const userData of captureMessages.slice(0, 40)) {
      for (let cut = 0; cut < userData.length; cut += 7) {
        expect(() => parseDataExportMessage(userData.subarray(0, cut))).not.toThrow();
      }
    }
    expect(parseDataExportMessage(new Uint8Array(0)).kind).toBe('malformed');
    expect(parseDataExportMessage(Uint8Array.of(0x42)).kind).toBe('malformed');
    expect(parseDataExportMessage(Uint8Array.of(0xe1, 0, 0, 2, 0, 2, 0xff, 0xff)).kind).toBe(
      'malformed',
    );
  });
});

describe('request encoders (HAND-BUILT expectations from the Guide layouts)', () => {
  it('MDS Create result: RORS, confirmed event report, MDS object, time, NOM_NOTI_MDS_CREAT', () => {
    expect(hex(encodeMdsCreateResult(1, 0x001dc200))).toBe(
      'e1 00 00 02 00 02 00 14 00 01 00 01 00 0e 00 21 00 00 00 00 00 1d c2 00 0d 06 00 00',
    );
  });

  it('extended poll: ROIV, confirmed action on the MDS, poll number, object type, period', () => {
    const request = encodeExtendedPollRequest({
      invokeId: 4,
      pollNumber: 2,
      objectClass: 0x09,
      attributeGroup: 0,
      periodTicks: 480_000,
    });
    expect(hex(request)).toBe(
      'e1 00 00 02 00 01 00 28 00 04 00 07 00 22 00 21 00 00 00 00 00 00 00 00 f1 3b 00 14 ' +
        '00 02 00 01 00 09 00 00 00 01 00 08 f1 3e 00 04 00 07 53 00',
    );
    expect(parseDataExportMessage(request)).toEqual({
      kind: 'poll-request',
      invokeId: 4,
      extended: true,
      pollNumber: 2,
      objectClass: 0x09,
      attributeGroup: 0,
    });
  });

  it('single poll of the MDS (keep-alive)', () => {
    const request = encodeSinglePollRequest({
      invokeId: 9,
      pollNumber: 4,
      objectClass: 0x21,
      attributeGroup: 0x080c,
    });
    expect(hex(request)).toBe(
      'e1 00 00 02 00 01 00 1c 00 09 00 07 00 16 00 21 00 00 00 00 00 00 00 00 0c 16 00 08 ' +
        '00 04 00 01 00 21 08 0c',
    );
  });

  it('wave priority list: confirmed SET of NOM_ATTR_POLL_RTSA_PRIO_LIST', () => {
    expect(hex(encodeWavePriorityList(3, [0x00020102, 0x00024bb4]))).toBe(
      'e1 00 00 02 00 01 00 26 00 03 00 05 00 20 00 21 00 00 00 00 00 00 00 00 ' +
        '00 01 00 12 00 00 f2 3a 00 0c 00 02 00 08 00 02 01 02 00 02 4b b4',
    );
  });

  it('association request: connect SPDU with the poll profile the station wants', () => {
    const request = encodeAssociationRequest(STATION_ASSOCIATION);
    // Session: CN SPDU, length of the rest.
    expect(request[0]).toBe(0x0d);
    expect(request[1]).toBe(request.length - 2);
    expect(hex(request.subarray(2, 18))).toBe(
      '05 08 13 01 00 16 01 02 80 00 14 02 00 02 c1 ' + (request.length - 18).toString(16),
    );
    // The MDSE user info: 72 bytes after the BER length 0x48, then 16 end-of-contents octets.
    const userInfoAt = request.length - 16 - 72;
    expect(request[userInfoAt - 1]).toBe(0x48);
    expect(request[userInfoAt - 2]).toBe(0x81);
    expect(hex(request.subarray(userInfoAt, userInfoAt + 72))).toBe(
      // protocol MDDL 1, nomenclature, functional units, client, cold start, no options,
      // one profile: poll profile support rev 0, 500 ms, MTU 1456/1456, any bandwidth,
      // dynamic objects, extensions: 1-s numerics, waves, enumerations.
      '80 00 00 00 40 00 00 00 00 00 00 00 80 00 00 00 20 00 00 00 00 00 00 00 ' +
        '00 01 00 2c 00 01 00 28 80 00 00 00 00 00 0f a0 00 00 05 b0 00 00 05 b0 ' +
        'ff ff ff ff 60 00 00 00 00 01 00 0c f0 01 00 08 8c 00 00 00 00 00 00 00',
    );
    expect(request.length).toBe(238);
    expect(parseDataExportMessage(request)).toEqual({ kind: 'association-request' });
  });
});

describe('setPollRelativeTime', () => {
  it('rewrites the RelativeTime of a poll result and leaves other messages alone', () => {
    const userData = pollResult({ relativeTime: 0xfffff000, objectClass: 9, observations: [] });
    expect(setPollRelativeTime(userData, 0x1_0000_1000)).toBe(true);
    const moved = parseDataExportMessage(userData);
    expect(moved.kind === 'poll-result' && moved.relativeTime).toBe(0x1000);
    expect(setPollRelativeTime(encodeMdsCreateResult(1, 0), 5)).toBe(false);
    expect(setPollRelativeTime(Uint8Array.of(0x0e, 0x00), 5)).toBe(false);
    expect(setPollRelativeTime(userData.subarray(0, 30), 5)).toBe(false);
  });
});
