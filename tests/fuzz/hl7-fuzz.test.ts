/**
 * 100,000+ mutated and truncated HL7 messages over real loopback MLLP connections to a real
 * station engine. The engine must stay up, answer every complete frame (bar the ones HL7 says
 * not to answer: ACKs, and MSH-15/16 conditions asking for nothing), and keep storing the good
 * messages sent between the bad ones. Mutations are seeded, so a failing run can be repeated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameMessage } from '../../electron/station/hl7/MllpFramer.js';
import { seededRandom } from '../../electron/station/devices/drivers/shared/seededRandom.js';
import { messageText, referenceMessages } from '../support/hl7ReferenceMessages.js';
import {
  msaOf,
  RawMllpPeer,
  recentPcd01,
  startHl7Station,
  type Hl7Station,
} from '../integration/hl7/hl7Station.js';

const MUTATED_MESSAGES = 100_000;
const CONNECTIONS = 4;
/** Mutated frames between two good ones. */
const BATCH = 40;
const SEED = Number(process.env.HL7_FUZZ_SEED ?? 20_241_123);

/** Base messages: every reference example but the ACK (which must never be answered). */
const BASES = Object.values(referenceMessages)
  .filter((m) => !m.segments[0]!.includes('|ACK^'))
  .map((m) => Buffer.from(messageText(m), 'latin1'));

const INTERESTING = Buffer.from('|^~\\&\r\n"0123456789.-+ABCXYZ\u00e9\u00ff\u0000', 'latin1');
const VT = 0x0b;
const FS = 0x1c;

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Any byte but the two that delimit MLLP frames: those are framing faults, injected separately. */
function randomByte(random: Random): number {
  const byte = random() < 0.6 ? pick(random, [...INTERESTING]) : Math.floor(random() * 256);
  return byte === VT || byte === FS ? 0x7c : byte;
}

const MUTATIONS: ((message: Buffer, random: Random) => Buffer)[] = [
  // flip bytes
  (m, r) => {
    const out = Buffer.from(m);
    for (let n = 1 + Math.floor(r() * 4); n > 0; n--)
      out[Math.floor(r() * out.length)] = randomByte(r);
    return out;
  },
  // cut the message short (a complete frame around a truncated message)
  (m, r) => m.subarray(0, Math.floor(r() * m.length)),
  // delete a range
  (m, r) => {
    const from = Math.floor(r() * m.length);
    return Buffer.concat([m.subarray(0, from), m.subarray(from + Math.floor(r() * 200))]);
  },
  // duplicate a range
  (m, r) => {
    const from = Math.floor(r() * m.length);
    const piece = m.subarray(from, from + Math.floor(r() * 300));
    return Buffer.concat([m.subarray(0, from), piece, piece, m.subarray(from)]);
  },
  // insert junk: escapes, delimiters, high bytes
  (m, r) => {
    const at = Math.floor(r() * m.length);
    const junk = pick(r, [
      '\\X',
      '\\XZZ\\',
      '\\',
      '\\E\\\\F',
      '""',
      '~~~',
      '^&^&',
      '\r\r',
      '\n',
      '\u00ff\u00fe',
      '\\X0D0A\\',
    ]);
    return Buffer.concat([m.subarray(0, at), Buffer.from(junk, 'latin1'), m.subarray(at)]);
  },
  // break the header: MSH-2, MSH-18 charset, version, type, separator
  (m, r) => {
    const text = m.toString('latin1');
    const variants = [
      text.replace('^~\\&', pick(r, ['', '^', '^~', 'AB', '^^~~', '|~\\&', '^~\\&#%'])),
      text.replace(
        /\|(8859\/1|UNICODE UTF-8|ASCII)\|/,
        `|${pick(r, ['UTF-16', '8859/2', 'UNICODE UTF-8', 'ISO IR87'])}|`,
      ),
      text.replace(/\|2\.\d\|/, `|${pick(r, ['3.0', '', 'x', '2.9.9'])}|`),
      text.replace(/\|(ORU|ADT|RGV|RRG)\^/, `|${pick(r, ['', 'ZZZ', 'ORU', 'ADT'])}^`),
      text.replace(/^MSH\|/, pick(r, ['MSH', 'MSH#', 'msh|', 'XSH|'])),
      text.replace(/\r/g, pick(r, ['\n', '\r\n', '\n\r'])),
    ];
    return Buffer.from(pick(r, variants), 'latin1');
  },
  // invalid UTF-8 in a message that declares it
  (m, r) => {
    const text = m.toString('latin1').replace(/\|(8859\/1|ASCII)?\|(EN|en)?/, '|UNICODE UTF-8|$2');
    const at = Math.floor(r() * text.length);
    return Buffer.concat([
      Buffer.from(text.slice(0, at), 'latin1'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(text.slice(at), 'latin1'),
    ]);
  },
  // shuffle, drop or repeat segments
  (m, r) => {
    const segments = m.toString('latin1').split('\r').filter(Boolean);
    const i = Math.floor(r() * segments.length);
    const j = Math.floor(r() * segments.length);
    const op = Math.floor(r() * 3);
    if (op === 0) [segments[i], segments[j]] = [segments[j]!, segments[i]!];
    else if (op === 1) segments.splice(i, 1);
    else segments.splice(i, 0, segments[j]!);
    return Buffer.from(segments.join('\r') + '\r', 'latin1');
  },
];

/** A base message with its own MSH-10, so mutants are interpreted, not waved through as resends. */
function withControlId(message: Buffer, controlId: string): Buffer {
  const text = message.toString('latin1');
  const end = text.indexOf('\r');
  const msh = text.slice(0, end).split('|');
  msh[9] = controlId;
  return Buffer.from(msh.join('|') + text.slice(end), 'latin1');
}

function mutated(random: Random, controlId: string): Buffer {
  let message = withControlId(pick(random, BASES), controlId);
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--)
    message = pick(random, MUTATIONS)(message, random);
  return message;
}

/** A good PCD-01 with its own MSH-10: must be stored whatever came before it. */
function good(controlId: string): Buffer {
  return frameMessage(Buffer.from(recentPcd01(controlId), 'latin1'));
}

interface ConnectionResult {
  completeFrames: number;
  cutFrames: number;
  replies: number;
  goodIds: string[];
  goodAcks: [string, string][];
}

/**
 * One connection: batches of mutated frames, each batch closed by a good message. Replies come
 * in order, so once the good one is answered every frame before it has been too.
 */
async function fuzzConnection(
  station: Hl7Station,
  connection: number,
  messages: number,
): Promise<ConnectionResult> {
  const random = seededRandom(SEED + connection);
  const peer = await RawMllpPeer.connect(station.port);
  const result: ConnectionResult = {
    completeFrames: 0,
    cutFrames: 0,
    replies: 0,
    goodIds: [],
    goodAcks: [],
  };
  let sent = 0;
  let batchNumber = 0;
  while (sent < messages) {
    const parts: Buffer[] = [];
    for (let i = 0; i < BATCH && sent < messages; i++, sent++) {
      const frame = frameMessage(mutated(random, `F${connection}-${sent}`));
      if (random() < 0.03) {
        // A frame cut off by the next start block: not complete, not answerable.
        parts.push(frame.subarray(0, 1 + Math.floor(random() * (frame.length - 3))));
        result.cutFrames++;
      } else {
        if (random() < 0.05) parts.push(Buffer.from('\x00\x00noise\r\n', 'latin1'));
        parts.push(frame);
        result.completeFrames++;
      }
    }
    const goodId = `GOOD-${connection}-${batchNumber++}`;
    parts.push(good(goodId));
    result.goodIds.push(goodId);
    result.completeFrames++;
    // Written in random pieces, so frames also arrive split over reads.
    const bytes = Buffer.concat(parts);
    for (let at = 0; at < bytes.length;) {
      const size = 1 + Math.floor(random() * 16_384);
      peer.send(bytes.subarray(at, at + size));
      at += size;
    }
    await waitForGood(peer, goodId);
  }
  result.replies = peer.replies.length;
  result.goodAcks = peer.replies.map(msaOf).filter(([, id]) => id.startsWith('GOOD-'));
  peer.close();
  return result;
}

async function waitForGood(peer: RawMllpPeer, goodId: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let seen = peer.replies.length;
  for (;;) {
    for (; seen < peer.replies.length; seen++) {
      if (msaOf(peer.replies[seen]!)[1] === goodId) return;
    }
    if (peer.closed) throw new Error(`connection closed before ${goodId} was answered`);
    if (Date.now() > deadline) throw new Error(`${goodId} not answered in time`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

let station: Hl7Station;

beforeAll(async () => {
  station = await startHl7Station({ maxFrameBytes: 65_536 });
});

afterAll(async () => {
  await station.stop();
});

describe('HL7 fuzz over MLLP', () => {
  it(`survives ${MUTATED_MESSAGES} mutated and truncated messages, answering every complete frame`, async () => {
    const started = Date.now();
    const perConnection = MUTATED_MESSAGES / CONNECTIONS;
    const results = await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, c) => fuzzConnection(station, c, perConnection)),
    );
    const seconds = (Date.now() - started) / 1000;
    const total = (key: 'completeFrames' | 'cutFrames' | 'replies'): number =>
      results.reduce((n, r) => n + r[key], 0);

    const status = await station.client.call('hl7.status', {});
    console.log(
      `fuzz: ${MUTATED_MESSAGES} mutated + ${results.reduce((n, r) => n + r.goodIds.length, 0)} good in ${seconds.toFixed(1)} s (seed ${SEED})`,
      JSON.stringify(status.counters),
    );
    // The engine is up and saw every complete frame, and only those.
    expect(status.state).toBe('listening');
    expect(status.counters.frames).toBe(total('completeFrames'));
    expect(status.counters.truncatedFrames).toBe(total('cutFrames'));
    // Every complete frame answered, except those HL7 says must not be.
    const unanswerable = status.counters.acknowledgementsIgnored + status.counters.unanswered;
    expect(total('replies')).toBe(status.counters.repliesSent);
    expect(total('replies')).toBeGreaterThanOrEqual(total('completeFrames') - unanswerable);
    expect(unanswerable).toBeLessThan(total('completeFrames') / 100);
    expect(
      station.log.errors,
      station.log.lines.filter((l) => l.startsWith('ERROR')).join('\n'),
    ).toBe(0);

    // Every good message after bad ones: acknowledged AA and stored with its observations.
    for (const result of results) {
      expect(result.goodAcks).toEqual(result.goodIds.map((id) => ['AA', id]));
    }
    const goodIds = results.flatMap((r) => r.goodIds);
    const stored = station.query<{ n: number; obs: number }>(
      `SELECT count(*) AS n, (SELECT count(*) FROM observations o JOIN hl7_messages m ON o.hl7_message_id = m.id WHERE m.control_id LIKE 'GOOD-%') AS obs
       FROM hl7_messages WHERE control_id LIKE 'GOOD-%' AND outcome = 'AA'`,
    );
    expect(stored).toEqual([{ n: goodIds.length, obs: goodIds.length * 9 }]);

    // And it still takes a fresh connection and a clean message.
    const peer = await RawMllpPeer.connect(station.port);
    peer.send(good('AFTER-FUZZ'));
    expect((await peer.waitFor(1)).map(msaOf)).toEqual([['AA', 'AFTER-FUZZ']]);
    peer.close();
  });
});
