import { describe, expect, it } from 'vitest';
import { AsciiLineSplitter } from '../../../../electron/station/devices/drivers/shared/AsciiLineSplitter.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('AsciiLineSplitter', () => {
  it('ends lines at CR, LF or CR LF and drops empty lines', () => {
    const splitter = new AsciiLineSplitter();
    expect(splitter.push(bytes('one\r\ntwo\nthree\rfour\r\n\r\n'))).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
  });

  it('holds a partial line until its end arrives, whatever the split', () => {
    const text = 'alpha beta\r\ngamma\r\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const splitter = new AsciiLineSplitter();
      const lines = [
        ...splitter.push(bytes(text.slice(0, cut))),
        ...splitter.push(bytes(text.slice(cut))),
      ];
      expect(lines).toEqual(['alpha beta', 'gamma']);
    }
  });

  it('counts and skips an overlong line up to its end, then reads on', () => {
    const splitter = new AsciiLineSplitter(8);
    expect(splitter.push(bytes('12345678'))).toEqual([]);
    expect(splitter.push(bytes('9abc\nok\n'))).toEqual(['ok']);
    expect(splitter.discardedBytes).toBe(12);
  });

  it('passes bytes above 0x7F through as Latin-1 for the parser to refuse', () => {
    expect(new AsciiLineSplitter().push(Uint8Array.of(0x41, 0xff, 0x0a))).toEqual(['A\u00ff']);
  });
});
