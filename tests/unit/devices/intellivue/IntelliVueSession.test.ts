/**
 * The station side of the session, driven through the decoder as DeviceLink drives it:
 * connected(), tick() every 500 ms, push() with the monitor's bytes (REAL opening frames of the
 * capture, HAND-BUILT poll results).
 */
import { describe, expect, it } from 'vitest';
import { IntelliVueDecoder } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueDecoder.js';
import { encodeIntelliVueFrame } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';
import {
  parseDataExportMessage,
  type DataExportMessage,
} from '../../../../electron/station/devices/drivers/intellivue/IntelliVueMessages.js';
import {
  ASSOCIATION_RETRY_MS,
  KEEP_ALIVE_MS,
  POLL_RENEW_AFTER_MS,
  POLL_STALL_MS,
} from '../../../../electron/station/devices/drivers/intellivue/IntelliVueSession.js';
import { captureWireFrames, pollResult, userDataOf } from './intellivueTestBytes.js';

const T = 1_700_000_000_000;
const [ACCEPT, MDS_CREATE] = captureWireFrames();

function station(): { decoder: IntelliVueDecoder; sent: () => DataExportMessage[] } {
  const frames: Uint8Array[] = [];
  const decoder = new IntelliVueDecoder(
    { bed: 'b', device: 'd', demo: false },
    { send: (bytes) => frames.push(bytes) },
  );
  return {
    decoder,
    sent: () => frames.splice(0).map((f) => parseDataExportMessage(userDataOf(f))),
  };
}

function kinds(messages: DataExportMessage[]): string[] {
  return messages.map((m) =>
    m.kind === 'poll-request'
      ? `${m.extended ? 'extended' : 'single'} poll 0x${m.objectClass.toString(16)}`
      : m.kind,
  );
}

function poll(objectClass: number): Uint8Array {
  return encodeIntelliVueFrame(pollResult({ relativeTime: 1, objectClass, observations: [] }));
}

/** Ticks every 500 ms from `from` (exclusive) to `to` (inclusive), like DeviceLink. */
function tickThrough(
  decoder: IntelliVueDecoder,
  from: number,
  to: number,
  feed?: (t: number) => void,
): void {
  for (let t = from + 500; t <= to; t += 500) {
    feed?.(t);
    decoder.tick(t);
  }
}

describe('IntelliVueSession', () => {
  it('sends the association request on connect and retries every 5 s until accepted', () => {
    const { decoder, sent } = station();
    expect(decoder.associating).toBe(false);
    decoder.connected(T);
    expect(kinds(sent())).toEqual(['association-request']);
    expect(decoder.associating).toBe(true);
    tickThrough(decoder, T, T + ASSOCIATION_RETRY_MS - 500);
    expect(sent()).toEqual([]);
    tickThrough(decoder, T + ASSOCIATION_RETRY_MS - 500, T + 2 * ASSOCIATION_RETRY_MS);
    expect(kinds(sent())).toEqual(['association-request', 'association-request']);
    if (!ACCEPT) throw new Error('no accept');
    decoder.push(ACCEPT, T + 10_100);
    expect(decoder.associating).toBe(true);
  });

  it('answers the REAL MDS Create event, selects waves and starts the three extended polls', () => {
    const { decoder, sent } = station();
    decoder.connected(T);
    sent();
    if (!ACCEPT || !MDS_CREATE) throw new Error('no opening');
    decoder.push(ACCEPT, T + 50);
    decoder.push(MDS_CREATE, T + 60);
    const messages = sent();
    expect(kinds(messages)).toEqual([
      'mds-create-result',
      'other',
      'extended poll 0x6',
      'extended poll 0x9',
      'extended poll 0x36',
    ]);
    // The result answers the event's invoke id (1 in the capture).
    expect(messages[0]).toEqual({ kind: 'mds-create-result', invokeId: 1 });
    expect(messages[1]).toEqual({ kind: 'other', roType: 1, command: 5 });
    expect(decoder.associating).toBe(true);
    decoder.push(poll(0x06), T + 1_000);
    expect(decoder.associating).toBe(false);
  });

  it('keeps the association alive, renews polls before they expire and re-polls when data stops', () => {
    const { decoder, sent } = station();
    decoder.connected(T);
    if (!ACCEPT || !MDS_CREATE) throw new Error('no opening');
    decoder.push(Uint8Array.from([...ACCEPT, ...MDS_CREATE]), T);
    sent();
    // Numerics and waves keep coming; nothing else is due before the keep-alive.
    const feed = (t: number): void => {
      decoder.push(poll(0x06), t);
      decoder.push(poll(0x09), t);
    };
    tickThrough(decoder, T, T + KEEP_ALIVE_MS - 500, feed);
    expect(sent()).toEqual([]);
    tickThrough(decoder, T + KEEP_ALIVE_MS - 500, T + KEEP_ALIVE_MS, feed);
    expect(kinds(sent())).toEqual(['single poll 0x21']);
    tickThrough(decoder, T + KEEP_ALIVE_MS, T + POLL_RENEW_AFTER_MS, feed);
    const renewal = kinds(sent());
    expect(renewal.filter((k) => k.startsWith('extended'))).toEqual([
      'extended poll 0x6',
      'extended poll 0x9',
      'extended poll 0x36',
    ]);
    expect(renewal.filter((k) => k === 'single poll 0x21')).toHaveLength(8);
    // Waves stop, numerics go on: only the wave poll is asked for again, after 5 s of silence.
    const stopAt = T + POLL_RENEW_AFTER_MS;
    tickThrough(decoder, stopAt, stopAt + POLL_STALL_MS, (t) => decoder.push(poll(0x06), t));
    expect(kinds(sent()).filter((k) => k.startsWith('extended'))).toEqual(['extended poll 0x9']);
  });

  it('associates again after the monitor aborts', () => {
    const { decoder, sent } = station();
    decoder.connected(T);
    if (!ACCEPT || !MDS_CREATE) throw new Error('no opening');
    decoder.push(Uint8Array.from([...ACCEPT, ...MDS_CREATE]), T);
    decoder.push(poll(0x09), T + 300);
    sent();
    expect(decoder.associating).toBe(false);
    decoder.push(encodeIntelliVueFrame(Uint8Array.of(0x19, 0x00)), T + 1_000);
    expect(decoder.associating).toBe(true);
    tickThrough(decoder, T + 1_000, T + 1_000 + ASSOCIATION_RETRY_MS);
    expect(kinds(sent())).toEqual(['association-request']);
  });
});
