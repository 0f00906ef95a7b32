/**
 * HL7 acknowledgements (v2.5 §2.9). Original mode — MSH-15 and MSH-16 both empty — answers every
 * message with one application ACK: AA, AE or AR. Enhanced mode — either valued — answers with an
 * accept ACK (CA/CE/CR: "committed to safe storage") when MSH-15's condition holds and an
 * application ACK when MSH-16's holds; AL/NE, the IHE PCD setting, gets a CA only. Errors are
 * explained in ERR. An ACK is never acknowledged, or two systems would answer each other forever.
 */
import { componentsField, encodeMessage, textField, type Hl7SegmentValue } from './Hl7Codec.js';
import { errorCodeText, type Hl7Issue } from './Hl7Issue.js';
import {
  STANDARD_DELIMITERS,
  type Hl7Charset,
  type Hl7Delimiters,
  type Hl7Field,
  type Hl7Message,
} from './Hl7Message.js';
import { formatHl7Time } from './Hl7Time.js';

/** What of a request an acknowledgement echoes; every part may be missing in a broken message. */
export interface AckRequest {
  delimiters: Hl7Delimiters;
  charset: Hl7Charset;
  sendingApplication: Hl7Field;
  sendingFacility: Hl7Field;
  receivingApplication: Hl7Field;
  receivingFacility: Hl7Field;
  messageCode: string;
  triggerEvent: string;
  controlId: string;
  processingId: string;
  version: string;
  acceptAckType: string;
  applicationAckType: string;
}

export type AckOutcome = { ok: true } | { ok: false; issue: Hl7Issue };

export interface AckContext {
  now: number;
  /** MSH-10 of the acknowledgement itself. */
  controlId: string;
}

/** The request fields an ACK needs, read from a parsed message. */
export function ackRequestOf(message: Hl7Message): AckRequest {
  const msh = message.header;
  return {
    delimiters: message.delimiters,
    charset: message.charset,
    sendingApplication: msh.field(3),
    sendingFacility: msh.field(4),
    receivingApplication: msh.field(5),
    receivingFacility: msh.field(6),
    messageCode: msh.text(9, 1),
    triggerEvent: msh.text(9, 2),
    controlId: msh.text(10),
    processingId: msh.text(11),
    version: msh.text(12),
    acceptAckType: msh.text(15).toUpperCase(),
    applicationAckType: msh.text(16).toUpperCase(),
  };
}

/** For a frame so broken that not even its MSH could be read. */
export function unreadableRequest(): AckRequest {
  return {
    delimiters: STANDARD_DELIMITERS,
    charset: 'ASCII',
    sendingApplication: [],
    sendingFacility: [],
    receivingApplication: [],
    receivingFacility: [],
    messageCode: '',
    triggerEvent: '',
    controlId: '',
    processingId: '',
    version: '',
    acceptAckType: '',
    applicationAckType: '',
  };
}

export function isAcknowledgement(request: Pick<AckRequest, 'messageCode'>): boolean {
  return request.messageCode.toUpperCase() === 'ACK';
}

export function isEnhancedMode(request: AckRequest): boolean {
  return request.acceptAckType !== '' || request.applicationAckType !== '';
}

/** The acknowledgements to send for this outcome, in order: none, one, or accept + application. */
export function buildAcks(request: AckRequest, outcome: AckOutcome, context: AckContext): string[] {
  if (isAcknowledgement(request)) return [];
  const failure = outcome.ok ? null : outcome.issue.ack;
  if (!isEnhancedMode(request)) {
    return [ackMessage(request, failure ?? 'AA', outcome, context, context.controlId)];
  }
  const acks: string[] = [];
  if (conditionHolds(request.acceptAckType, outcome.ok)) {
    const code = failure === null ? 'CA' : failure === 'AR' ? 'CR' : 'CE';
    acks.push(ackMessage(request, code, outcome, context, context.controlId));
  }
  if (conditionHolds(request.applicationAckType, outcome.ok)) {
    const controlId = acks.length === 0 ? context.controlId : `${context.controlId}-A`;
    acks.push(ackMessage(request, failure ?? 'AA', outcome, context, controlId));
  }
  return acks;
}

/**
 * HL7 table 0155. Blank on one side of enhanced mode means that ACK is not wanted; a value this
 * station does not know is read as AL, because an unwanted ACK does less harm than a missing one.
 */
function conditionHolds(type: string, ok: boolean): boolean {
  switch (type) {
    case '':
    case 'NE':
      return false;
    case 'ER':
      return !ok;
    case 'SU':
      return ok;
    default:
      return true;
  }
}

function ackMessage(
  request: AckRequest,
  code: string,
  outcome: AckOutcome,
  context: AckContext,
  controlId: string,
): string {
  const d = usableDelimiters(request.delimiters);
  const segments: Hl7SegmentValue[] = [
    {
      name: 'MSH',
      fields: [
        [],
        [],
        request.receivingApplication,
        request.receivingFacility,
        request.sendingApplication,
        request.sendingFacility,
        textField(formatHl7Time(context.now)),
        [],
        componentsField('ACK', request.triggerEvent, 'ACK'),
        textField(controlId),
        textField(request.processingId || 'P'),
        textField(request.version || '2.6'),
        [],
        [],
        [],
        [],
        [],
        textField(charsetName(request.charset)),
      ],
    },
    { name: 'MSA', fields: [textField(code), textField(request.controlId)] },
  ];
  if (!outcome.ok) segments.push(errSegment(outcome.issue, request.version));
  return encodeMessage(segments, d);
}

/**
 * ERR as v2.5+ defines it (location, code, severity, user message), plus ERR-1 for senders on
 * v2.4 or older, which only know that field.
 */
function errSegment(issue: Hl7Issue, version: string): Hl7SegmentValue {
  const location = issue.location;
  const locationField: Hl7Field = location
    ? componentsField(
        location.segment,
        String(location.sequence),
        location.field === undefined ? '' : String(location.field),
        location.field === undefined ? '' : '1',
        location.component === undefined ? '' : String(location.component),
      )
    : [];
  const code = componentsField(String(issue.code), errorCodeText(issue.code), 'HL70357');
  const legacy: Hl7Field =
    isBeforeV25(version) && location
      ? [
          [
            [location.segment],
            [String(location.sequence)],
            [location.field === undefined ? '' : String(location.field)],
            [String(issue.code), errorCodeText(issue.code), 'HL70357'],
          ],
        ]
      : [];
  return {
    name: 'ERR',
    fields: [legacy, locationField, code, textField('E'), [], [], [], textField(issue.text)],
  };
}

function isBeforeV25(version: string): boolean {
  const match = /^2\.(\d+)/.exec(version);
  return match !== null && Number(match[1]) < 5;
}

/** An ACK must be readable even when the request declared fewer than four encoding characters. */
function usableDelimiters(d: Hl7Delimiters): Hl7Delimiters {
  const complete =
    d.component !== '' && d.repetition !== '' && d.escape !== '' && d.subcomponent !== '';
  return complete ? d : STANDARD_DELIMITERS;
}

function charsetName(charset: Hl7Charset): string {
  return charset === 'UTF-8' ? 'UNICODE UTF-8' : charset === 'ASCII' ? '' : charset;
}
