/**
 * The HL7 v2 codec conformance cases of issue 4, written against a small adapter so the same
 * cases decide for the station's own codec (conformance.test.ts) and for hl7-standard, the
 * product card's library (hl7-standard-evaluation.test.ts). Each case throws (a failed expect)
 * when the codec under test gets it wrong.
 */
import { expect } from 'vitest';
import { messageText, referenceMessages } from '../../support/hl7ReferenceMessages.js';

export interface CodecReader {
  /**
   * One leaf value (1-based positions, first segment of that name): '' when empty or absent,
   * null for an explicit null.
   */
  value(
    segment: string,
    field: number,
    component?: number,
    subcomponent?: number,
    repetition?: number,
  ): string | null;
  segmentNames(): string[];
  /** The parsed message written out again. */
  encode(): string;
}

export interface CodecUnderTest {
  name: string;
  parse(bytes: Buffer): CodecReader;
  /** Parses `message`, sets one component's text (to be escaped as needed) and writes it out. */
  withComponent(
    message: string,
    segment: string,
    field: number,
    component: number,
    text: string,
  ): string;
}

export interface ConformanceCase {
  name: string;
  run(codec: CodecUnderTest): void;
}

const MSH = 'MSH|^~\\&|SENDER|FAC|||20240101120000+0000||ORU^R01^ORU_R01|C1|P|2.6';
const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

export const conformanceCases: ConformanceCase[] = [
  {
    name: 'delimiters are read from MSH-1 and MSH-2, not assumed',
    run(codec) {
      const text = 'MSH#$*!@#APP#FAC#####ORU$R01#X9#P#2.6\rPID###A*B$C1@C2$D\r';
      const m = codec.parse(ascii(text));
      expect(m.value('MSH', 9, 2)).toBe('R01');
      expect(m.value('PID', 3, 1, 1, 2)).toBe('B');
      expect(m.value('PID', 3, 2, 2, 2)).toBe('C2');
      expect(m.encode()).toBe(text);
    },
  },
  {
    name: 'escapes \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ are decoded on read',
    run(codec) {
      const m = codec.parse(ascii(`${MSH}\rNTE|1||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\r`));
      expect(m.value('NTE', 3)).toBe('a|b^c&d~e\\f');
    },
  },
  {
    name: 'hex escapes \\Xhh..\\ are decoded, multi-byte included',
    run(codec) {
      const m = codec.parse(ascii(`${MSH}\rNTE|1||A\\X42\\C line\\X0D0A\\next\r`));
      expect(m.value('NTE', 3)).toBe('ABC line\r\nnext');
    },
  },
  {
    name: 'delimiters inside a value are escaped on write',
    run(codec) {
      const out = codec.withComponent(`${MSH}\rPV1||I|ICU^1^A\r`, 'PV1', 3, 1, 'Bed|12^A&B~C\\D');
      expect(out).toContain('PV1||I|Bed\\F\\12\\S\\A\\T\\B\\R\\C\\E\\D^1^A');
      expect(codec.parse(ascii(out)).value('PV1', 3, 1)).toBe('Bed|12^A&B~C\\D');
    },
  },
  {
    name: 'repetitions are separate values (OBX-8 L~PM~SP)',
    run(codec) {
      const m = codec.parse(ascii(messageText(referenceMessages.pcd04LowSpo2)));
      expect(m.value('OBX', 8, 1, 1, 1)).toBe('L');
      expect(m.value('OBX', 8, 1, 1, 2)).toBe('PM');
      expect(m.value('OBX', 8, 1, 1, 3)).toBe('SP');
    },
  },
  {
    name: 'components and subcomponents are read (OBR-29 ^1&MINDRAY_EGATEWAY&…)',
    run(codec) {
      const m = codec.parse(ascii(messageText(referenceMessages.pcd04LowSpo2)));
      expect(m.value('OBR', 29, 2, 1)).toBe('1');
      expect(m.value('OBR', 29, 2, 2)).toBe('MINDRAY_EGATEWAY');
      expect(m.value('OBR', 29, 2, 4)).toBe('EUI-64');
    },
  },
  {
    name: 'subcomponents without components stay subcomponents when written (W1&X&Y)',
    run(codec) {
      const text = `${MSH}\rOBX|1|ST|1^X^L|W1&X&Y|v\r`;
      const m = codec.parse(ascii(text));
      expect(m.value('OBX', 4, 1, 2)).toBe('X');
      expect(m.encode()).toBe(text);
    },
  },
  {
    name: '"" is an explicit null, distinct from empty, and is written back as ""',
    run(codec) {
      const text = messageText(referenceMessages.pcd01Monitor);
      const m = codec.parse(ascii(text));
      expect(m.value('PID', 5, 3)).toBeNull();
      expect(m.value('PID', 5, 4)).toBe('');
      expect(m.encode()).toContain('PID|||HO2009001^^^^MR||Hon^Albert^""^^^^L||19610101|M\r');
    },
  },
  {
    name: 'CR ends segments, and writing uses CR with no trailing separators',
    run(codec) {
      const text = messageText(referenceMessages.pcd01Monitor);
      expect(codec.parse(ascii(text)).encode()).toBe(text);
    },
  },
  {
    name: 'LF-only segment ends are accepted when the message has no CR',
    run(codec) {
      const m = codec.parse(ascii(referenceMessages.pcd04Draeger.segments.join('\n') + '\n'));
      expect(m.segmentNames().length).toBe(13);
      expect(m.value('OBX', 5)).toBe('');
      expect(m.value('PV1', 3, 3)).toBe('Bed001');
    },
  },
  {
    name: 'CRLF segment ends are accepted',
    run(codec) {
      const m = codec.parse(
        ascii(referenceMessages.pcd01EpisodicNibp.segments.join('\r\n') + '\r\n'),
      );
      expect(m.segmentNames()).toEqual(['MSH', 'PID', 'PV1', 'OBR', ...Array(7).fill('OBX')]);
      expect(m.value('PV1', 3, 1)).toBe('COLWELL');
    },
  },
  {
    name: 'a literal LF inside text is kept when segments end with CR',
    run(codec) {
      const m = codec.parse(ascii(`${MSH}\rNTE|1||first line\nsecond line\rZXX|1\r`));
      expect(m.segmentNames()).toEqual(['MSH', 'NTE', 'ZXX']);
      expect(m.value('NTE', 3)).toBe('first line\nsecond line');
    },
  },
  {
    name: 'MSH-18 8859/1: Latin-1 bytes decode',
    run(codec) {
      const text = `${MSH}||||||8859/1\rPID|||1||M\u00fcller^Ren\u00e9\r`;
      const m = codec.parse(Buffer.from(text, 'latin1'));
      expect(m.value('PID', 5, 1)).toBe('Müller');
      expect(m.value('PID', 5, 2)).toBe('René');
    },
  },
  {
    name: 'MSH-18 UNICODE UTF-8: UTF-8 bytes decode',
    run(codec) {
      const text = `${MSH}||||||UNICODE UTF-8\rPID|||1||M\u00fcller^\u674e\r`;
      const m = codec.parse(Buffer.from(text, 'utf8'));
      expect(m.value('PID', 5, 1)).toBe('Müller');
      expect(m.value('PID', 5, 2)).toBe('李');
    },
  },
  {
    name: 'MSH-18 ASCII (or blank): plain ASCII decodes',
    run(codec) {
      const m = codec.parse(ascii(`${MSH}||||||ASCII\rPID|||1||Hon^Albert\r`));
      expect(m.value('PID', 5, 2)).toBe('Albert');
    },
  },
  {
    name: 'Z-segments are kept, read and written',
    run(codec) {
      const text = `${MSH}\rZPD|1|vendor^private&sub\rOBX|1|NM|150456^SPO2^MDC||97\r`;
      const m = codec.parse(ascii(text));
      expect(m.segmentNames()).toEqual(['MSH', 'ZPD', 'OBX']);
      expect(m.value('ZPD', 2, 2, 2)).toBe('sub');
      expect(m.encode()).toBe(text);
    },
  },
  {
    name: 'a stray VT or blank line before MSH is tolerated',
    run(codec) {
      const m = codec.parse(ascii(`\x0b\n${MSH}\rPID|||1\r`));
      expect(m.value('MSH', 10)).toBe('C1');
    },
  },
  {
    name: 'every reference example parses and writes back unchanged (bar trailing empties)',
    run(codec) {
      for (const message of Object.values(referenceMessages)) {
        const text = messageText(message);
        expect(codec.parse(ascii(text)).encode(), message.entry).toBe(withoutTrailingEmpties(text));
      }
    },
  },
];

/** HL7 lets a writer leave out trailing empty fields and components; some examples keep them. */
function withoutTrailingEmpties(text: string): string {
  return text
    .split('\r')
    .map((segment) => {
      const fields = segment.split('|');
      const trimmed = fields.map((f, i) =>
        segment.startsWith('MSH') && i === 1 ? f : f.replace(/[\^~&]+$/, ''),
      );
      while (trimmed.length > 1 && trimmed[trimmed.length - 1] === '') trimmed.pop();
      return trimmed.join('|');
    })
    .join('\r');
}
