/**
 * What was wrong with a received message, in the terms an ERR segment reports it: an HL7 table
 * 0357 error code, where in the message, and a sentence an interface analyst can act on. Whether
 * it rejects the message outright (AR: could not be read or is not for us) or reports an error in
 * its content (AE) decides the acknowledgement code.
 */

/** HL7 table 0357 (message error condition codes) as this station uses them. */
export const Hl7ErrorCode = {
  segmentSequence: 100,
  requiredFieldMissing: 101,
  dataType: 102,
  tableValueNotFound: 103,
  unsupportedMessageType: 200,
  unsupportedEventCode: 201,
  unsupportedVersion: 203,
  unknownKey: 204,
  applicationInternal: 207,
} as const;
export type Hl7ErrorCode = (typeof Hl7ErrorCode)[keyof typeof Hl7ErrorCode];

const CODE_TEXT: Record<Hl7ErrorCode, string> = {
  100: 'Segment sequence error',
  101: 'Required field missing',
  102: 'Data type error',
  103: 'Table value not found',
  200: 'Unsupported message type',
  201: 'Unsupported event code',
  203: 'Unsupported version id',
  204: 'Unknown key identifier',
  207: 'Application internal error',
};

export function errorCodeText(code: Hl7ErrorCode): string {
  return CODE_TEXT[code];
}

/** ERR-2: segment id, its 1-based position among the message's segments, field, component. */
export interface Hl7ErrorLocation {
  segment: string;
  sequence: number;
  field?: number;
  component?: number;
}

export interface Hl7Issue {
  /** AR: the message cannot be read or is not for us; AE: its content is wrong. */
  ack: 'AE' | 'AR';
  code: Hl7ErrorCode;
  location: Hl7ErrorLocation | null;
  text: string;
}

/** Thrown by the codec and the mappers; the listener turns it into an AE/AR with ERR. */
export class Hl7MessageError extends Error {
  constructor(readonly issue: Hl7Issue) {
    super(issue.text);
    this.name = 'Hl7MessageError';
  }
}

export function rejectMessage(
  code: Hl7ErrorCode,
  text: string,
  location: Hl7ErrorLocation | null = null,
): Hl7MessageError {
  return new Hl7MessageError({ ack: 'AR', code, location, text });
}

export function messageError(
  code: Hl7ErrorCode,
  text: string,
  location: Hl7ErrorLocation | null = null,
): Hl7MessageError {
  return new Hl7MessageError({ ack: 'AE', code, location, text });
}
