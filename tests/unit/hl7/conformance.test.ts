/**
 * The codec conformance cases of issue 4 against the station's own codec: all must pass.
 */
import { describe, it } from 'vitest';
import {
  componentsField,
  decodeMessage,
  encodeMessage,
  messageValues,
} from '../../../electron/station/hl7/Hl7Codec.js';
import type { Hl7Message } from '../../../electron/station/hl7/Hl7Message.js';
import { conformanceCases, type CodecUnderTest } from './conformanceCases.js';

function reader(message: Hl7Message) {
  return {
    value(segment: string, field: number, component = 1, sub = 1, repetition = 1) {
      const value = message.segment(segment)?.value(field, component, sub, repetition);
      return value === undefined ? '' : value;
    },
    segmentNames: () => message.segments.map((s) => s.name),
    encode: () => encodeMessage(messageValues(message), message.delimiters),
  };
}

const stationCodec: CodecUnderTest = {
  name: 'station codec',
  parse: (bytes) => reader(decodeMessage(bytes)),
  withComponent(text, segmentName, field, component, value) {
    const message = decodeMessage(Buffer.from(text, 'latin1'));
    const values = messageValues(message).map((segment) => {
      if (segment.name !== segmentName) return segment;
      const fields = [...segment.fields];
      const current = fields[field - 1]?.[0]?.map((c) => c[0] ?? '') ?? [];
      current[component - 1] = value;
      fields[field - 1] = componentsField(...current);
      return { ...segment, fields };
    });
    return encodeMessage(values, message.delimiters);
  },
};

describe('HL7 codec conformance (station codec)', () => {
  for (const testCase of conformanceCases) {
    it(testCase.name, () => testCase.run(stationCodec));
  }
});
