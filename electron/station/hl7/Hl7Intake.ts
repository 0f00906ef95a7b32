/**
 * What happens to one received frame: read it, check its header, drop it if it is a resend of a
 * message already accepted, let the interpreter say what it means, queue it with everything it
 * carries for the store's group commit and answer only once that commit is on disk. Every frame
 * that cannot be accepted is still kept (raw, with the reason) and answered AE/AR with ERR; no
 * input, however broken, escapes as an exception.
 */
import type { DeviceAlarmReport } from '../devices/drivers/DeviceDriver.js';
import type { Infusion, WaveSegment } from '../../contract/domain.js';
import type { Log } from '../log/StationLog.js';
import type {
  CensusEventRecord,
  ContainedObservation,
  Hl7Outcome,
  Hl7ResultRecord,
  Hl7Write,
  Hl7WriteResult,
} from '../store/Hl7Statements.js';
import {
  ackRequestOf,
  buildAcks,
  isAcknowledgement,
  unreadableRequest,
  type AckOutcome,
  type AckRequest,
} from './AckBuilder.js';
import { decodeMessage, encodeMessageBytes, parseMessage } from './Hl7Codec.js';
import { Hl7ErrorCode, Hl7MessageError, type Hl7Issue } from './Hl7Issue.js';
import type { Hl7Message } from './Hl7Message.js';
import { parseHl7Time } from './Hl7Time.js';
import type { MllpMessageHandler, PeerInfo } from './MllpListener.js';

/** What a message means for the station, as far as the store and the live view care. */
export interface Hl7Interpretation {
  bed: string | null;
  patientId: string | null;
  /** Device data for a bed with a patient in the census; null when not device data. */
  associated: boolean | null;
  observations: ContainedObservation[];
  waves: WaveSegment[];
  results: Hl7ResultRecord[];
  census: CensusEventRecord[];
  alarms: DeviceAlarmReport[];
  infusions: Infusion[];
  /** Called once the message is queued for commit: live view, alarms, census. */
  apply(): void;
}

export interface Hl7Interpreter {
  /** Throws Hl7MessageError for content it cannot accept; must not change any state. */
  interpret(message: Hl7Message, receivedAt: number): Hl7Interpretation;
}

export interface Hl7IntakeStore {
  writeHl7Message(write: Hl7Write): Promise<Hl7WriteResult>;
  hasAcceptedHl7Message(sender: string, controlId: string): boolean;
}

export interface Hl7IntakeCounters {
  received: number;
  accepted: number;
  duplicates: number;
  errors: number;
  rejected: number;
  /** ACKs sent to us: never answered. */
  acknowledgementsIgnored: number;
  /** Messages whose MSH-15/16 asked for no acknowledgement of this outcome. */
  unanswered: number;
}

export class Hl7Intake implements MllpMessageHandler {
  readonly counters: Hl7IntakeCounters = {
    received: 0,
    accepted: 0,
    duplicates: 0,
    errors: 0,
    rejected: 0,
    acknowledgementsIgnored: 0,
    unanswered: 0,
  };
  lastMessageAt: number | null = null;
  /** Accepted messages not yet committed, by sender and MSH-10: a resend waits for the first. */
  private readonly pending = new Map<string, Promise<Hl7WriteResult>>();
  private readonly ackIdPrefix: string;
  private ackSequence = 0;

  constructor(
    private readonly store: Hl7IntakeStore,
    private readonly interpreter: Hl7Interpreter,
    private readonly log: Log,
    private readonly now: () => number = Date.now,
  ) {
    this.ackIdPrefix = `WS${Date.now().toString(36).toUpperCase()}`;
  }

  message(payload: Buffer, peer: PeerInfo): Promise<Buffer[]> | Buffer[] {
    const receivedAt = this.now();
    this.counters.received++;
    this.lastMessageAt = receivedAt;
    let message: Hl7Message;
    try {
      message = decodeMessage(payload);
    } catch (error) {
      return this.refuse(payload, peer, receivedAt, salvageRequest(payload), this.issueOf(error));
    }
    const request = ackRequestOf(message);
    if (isAcknowledgement(request)) {
      this.counters.acknowledgementsIgnored++;
      return [];
    }
    const headerIssue = checkHeader(message);
    if (headerIssue) return this.refuse(payload, peer, receivedAt, request, headerIssue, message);

    const sender = senderOf(message);
    const key = `${sender}\u0000${request.controlId}`;
    const firstCopy = this.pending.get(key);
    if (firstCopy) {
      this.counters.duplicates++;
      return firstCopy.then(() => this.acks(request, { ok: true }));
    }
    if (this.store.hasAcceptedHl7Message(sender, request.controlId)) {
      this.counters.duplicates++;
      return this.acks(request, { ok: true });
    }

    let meaning: Hl7Interpretation;
    try {
      meaning = this.interpreter.interpret(message, receivedAt);
    } catch (error) {
      return this.refuse(payload, peer, receivedAt, request, this.issueOf(error), message);
    }
    const committed = this.store.writeHl7Message({
      message: {
        ...this.record(message, payload, peer, receivedAt, 'AA', null),
        bed: meaning.bed,
        patientId: meaning.patientId,
        associated: meaning.associated,
      },
      observations: meaning.observations,
      waves: meaning.waves,
      results: meaning.results,
      census: meaning.census,
    });
    this.pending.set(key, committed);
    this.applyQuietly(meaning, request.controlId);
    return committed.then(
      (result) => {
        this.pending.delete(key);
        if (result.duplicate) this.counters.duplicates++;
        else this.counters.accepted++;
        return this.acks(request, { ok: true });
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
  }

  /**
   * The data is queued and will be acknowledged; a failure updating the live view or alarms must
   * not cost the sender its ACK, so it is logged instead.
   */
  private applyQuietly(meaning: Hl7Interpretation, controlId: string): void {
    try {
      meaning.apply();
    } catch (error) {
      this.log.error('hl7: live view or alarms not updated for a stored message', {
        controlId,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  }

  oversize(head: Buffer, bytes: number, peer: PeerInfo): Promise<Buffer[]> | Buffer[] {
    this.counters.received++;
    const issue: Hl7Issue = {
      ack: 'AR',
      code: Hl7ErrorCode.applicationInternal,
      location: null,
      text: `The message is ${bytes} bytes long, over this station's limit; it was not read`,
    };
    return this.refuse(head, peer, this.now(), salvageRequest(head), issue);
  }

  /** Keeps the refused message (raw, with the reason) and answers after that commit. */
  private refuse(
    payload: Buffer,
    peer: PeerInfo,
    receivedAt: number,
    request: AckRequest,
    issue: Hl7Issue,
    message?: Hl7Message,
  ): Promise<Buffer[]> {
    if (issue.ack === 'AR') this.counters.rejected++;
    else this.counters.errors++;
    this.log.warn('hl7: message refused', {
      peer: peer.peer,
      controlId: request.controlId,
      ack: issue.ack,
      code: issue.code,
      reason: issue.text,
    });
    const record = message
      ? this.record(message, payload, peer, receivedAt, issue.ack, issue.text)
      : {
          receivedAt,
          peer: peer.peer,
          sender: '',
          controlId: request.controlId,
          messageType: request.messageCode,
          messageTime: null,
          charset: request.charset,
          outcome: issue.ack,
          error: issue.text,
          bed: null,
          patientId: null,
          associated: null,
          raw: payload.toString('latin1'),
        };
    return this.store
      .writeHl7Message({ message: record, observations: [], waves: [], results: [], census: [] })
      .then(() => this.acks(request, { ok: false, issue }));
  }

  private record(
    message: Hl7Message,
    payload: Buffer,
    peer: PeerInfo,
    receivedAt: number,
    outcome: Hl7Outcome,
    error: string | null,
  ): Hl7Write['message'] {
    const msh = message.header;
    return {
      receivedAt,
      peer: peer.peer,
      sender: senderOf(message),
      controlId: msh.text(10),
      messageType: msh.raw(9),
      messageTime: parseHl7Time(msh.text(7))?.time ?? null,
      charset: message.charset,
      outcome,
      error,
      bed: null,
      patientId: null,
      associated: null,
      raw: message.charset === 'UTF-8' ? payload.toString('utf8') : payload.toString('latin1'),
    };
  }

  private acks(request: AckRequest, outcome: AckOutcome): Buffer[] {
    const controlId = `${this.ackIdPrefix}${++this.ackSequence}`;
    const acks = buildAcks(request, outcome, { now: this.now(), controlId });
    if (acks.length === 0) this.counters.unanswered++;
    return acks.map((ack) => encodeMessageBytes(ack, request.charset));
  }

  private issueOf(error: unknown): Hl7Issue {
    if (error instanceof Hl7MessageError) return error.issue;
    // A bug of ours must cost one message an AE, never the engine.
    this.log.error('hl7: message could not be interpreted', {
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return {
      ack: 'AE',
      code: Hl7ErrorCode.applicationInternal,
      location: null,
      text: 'The station could not process this message (internal error, logged)',
    };
  }
}

/** MSH-3 and MSH-4 as sent: the sender half of the duplicate key. */
export function senderOf(message: Hl7Message): string {
  return `${message.header.raw(3)}|${message.header.raw(4)}`;
}

function checkHeader(message: Hl7Message): Hl7Issue | null {
  const msh = message.header;
  if (msh.text(9, 1) === '') {
    return {
      ack: 'AE',
      code: Hl7ErrorCode.requiredFieldMissing,
      location: mshField(9),
      text: 'MSH-9 (message type) is empty',
    };
  }
  if (msh.text(10) === '') {
    return {
      ack: 'AE',
      code: Hl7ErrorCode.requiredFieldMissing,
      location: mshField(10),
      text: 'MSH-10 (message control id) is empty; the message cannot be acknowledged or deduplicated',
    };
  }
  const version = msh.text(12);
  if (version !== '' && !/^2\.\d/.test(version)) {
    return {
      ack: 'AR',
      code: Hl7ErrorCode.unsupportedVersion,
      location: mshField(12),
      text: `HL7 version "${version}" in MSH-12 is not supported (2.x only)`,
    };
  }
  return null;
}

function mshField(field: number): Hl7Issue['location'] {
  return { segment: 'MSH', sequence: 1, field };
}

/**
 * The best ACK address for a frame that could not be read whole: its MSH line alone, if that
 * parses, so MSA-2 still names the message being refused.
 */
function salvageRequest(payload: Buffer): AckRequest {
  const text = payload.toString('latin1');
  const start = text.indexOf('MSH');
  if (start < 0) return unreadableRequest();
  const ends = [text.indexOf('\r', start), text.indexOf('\n', start)].filter((i) => i >= 0);
  const line = text.slice(start, ends.length > 0 ? Math.min(...ends) : undefined);
  try {
    return { ...ackRequestOf(parseMessage(line, '8859/1')), charset: 'ASCII' };
  } catch {
    return unreadableRequest();
  }
}
