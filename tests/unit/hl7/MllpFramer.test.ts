import { describe, expect, it } from 'vitest';
import {
  frameMessage,
  MllpFramer,
  type MllpEvent,
} from '../../../electron/station/hl7/MllpFramer.js';

const frame = (text: string): Buffer => frameMessage(Buffer.from(text, 'latin1'));
const payloads = (events: MllpEvent[]): string[] =>
  events.flatMap((e) => (e.kind === 'frame' ? [e.payload.toString('latin1')] : []));

function feed(framer: MllpFramer, chunks: Buffer[]): MllpEvent[] {
  return chunks.flatMap((chunk) => framer.push(chunk));
}

describe('MLLP framer', () => {
  it('reassembles a frame that arrives one byte at a time', () => {
    const bytes = frame('MSH|^~\\&|A\rPID|1\r');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(payloads(feed(new MllpFramer(1024), chunks))).toEqual(['MSH|^~\\&|A\rPID|1\r']);
  });

  it('splits several frames that arrive in one read', () => {
    const events = new MllpFramer(1024).push(
      Buffer.concat([frame('A\r'), frame('B\r'), frame('C\r')]),
    );
    expect(payloads(events)).toEqual(['A\r', 'B\r', 'C\r']);
  });

  it('keeps the FS CR trailer together when it is split across reads', () => {
    const bytes = frame('A\r');
    const framer = new MllpFramer(1024);
    const events = feed(framer, [
      bytes.subarray(0, bytes.length - 1),
      Buffer.concat([bytes.subarray(-1), frame('B\r')]),
    ]);
    expect(payloads(events)).toEqual(['A\r', 'B\r']);
    expect(events.some((e) => e.kind === 'noise')).toBe(false);
  });

  it('skips noise between frames and resynchronises on the next start block', () => {
    const events = new MllpFramer(1024).push(
      Buffer.concat([
        Buffer.from('\x00\x00garbage\r\n'),
        frame('A\r'),
        Buffer.from('xx'),
        frame('B\r'),
      ]),
    );
    expect(payloads(events)).toEqual(['A\r', 'B\r']);
    const noise = events
      .filter((e) => e.kind === 'noise')
      .reduce((n, e) => n + (e.kind === 'noise' ? e.bytes : 0), 0);
    expect(noise).toBe(13);
  });

  it('drops a frame cut short by a new start block and reads the one that follows', () => {
    const events = new MllpFramer(1024).push(
      Buffer.concat([Buffer.from('\x0bMSH|half'), frame('B\r')]),
    );
    expect(events.map((e) => e.kind)).toEqual(['truncated', 'frame']);
    expect(payloads(events)).toEqual(['B\r']);
  });

  it('accepts FS without its CR as the end of a frame', () => {
    const events = new MllpFramer(1024).push(Buffer.from('\x0bA\r\x1c\x0bB\r\x1c\x0d'));
    expect(payloads(events)).toEqual(['A\r', 'B\r']);
  });

  it('reports an oversize frame with its head, skips the rest and carries on', () => {
    const big =
      'MSH|^~\\&|S|F|||||ORU^R01|BIG1|P|2.6\r' + 'OBX|1|ST|x||' + 'y'.repeat(10_000) + '\r';
    const framer = new MllpFramer(2_000);
    const bytes = Buffer.concat([frame(big), frame('NEXT\r')]);
    const events = feed(framer, [
      bytes.subarray(0, 700),
      bytes.subarray(700, 5_000),
      bytes.subarray(5_000),
    ]);
    expect(events.map((e) => e.kind)).toEqual(['oversize', 'frame']);
    const oversize = events[0]!;
    expect(oversize.kind === 'oversize' && oversize.bytes).toBe(Buffer.byteLength(big));
    expect(oversize.kind === 'oversize' && oversize.head.toString('latin1')).toMatch(
      /^MSH\|.*BIG1/,
    );
    expect(payloads(events)).toEqual(['NEXT\r']);
    expect(framer.bufferedBytes).toBe(0);
  });
});
