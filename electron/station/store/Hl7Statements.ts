/**
 * The store's SQL for HL7 intake and the census (tables of migration 0002): one received message
 * with everything it carried, written inside the group-commit transaction, so the ACK that waits
 * for that commit acknowledges all of it or none of it.
 */
import type Database from 'better-sqlite3';
import type { Observation, WaveSegment } from '../../contract/domain.js';

export type Hl7Outcome = 'AA' | 'AE' | 'AR';

/** One received message as it is kept: raw text and the answer it got. */
export interface Hl7MessageRecord {
  receivedAt: number;
  /** Remote address:port of the connection it came over. */
  peer: string;
  /** MSH-3 and MSH-4 as sent: with MSH-10, the key of duplicate detection. */
  sender: string;
  controlId: string;
  messageType: string;
  messageTime: number | null;
  charset: string;
  outcome: Hl7Outcome;
  error: string | null;
  bed: string | null;
  patientId: string | null;
  /** Device data for a bed with a patient in the census; null when not device data. */
  associated: boolean | null;
  raw: string;
}

/** An OBX that is not a numeric observation: text, a coded value, a device row, unknown codes. */
export interface Hl7ResultRecord {
  bed: string;
  device: string;
  subId: string;
  code: string;
  refid: string;
  codingSystem: string;
  valueType: string;
  value: string;
  unit: string;
  time: number;
  status: string;
  demo: boolean;
}

export interface CensusEventRecord {
  kind: string;
  at: number;
  patientId: string;
  /** The event as JSON; the census validates it when it replays the log. */
  detail: string;
}

export interface StoredCensusEvent extends CensusEventRecord {
  id: number;
}

/** A numeric OBX as an observation, with where it sits in the device (OBX-4). */
export interface ContainedObservation {
  observation: Observation;
  containment: string;
}

/** Everything one accepted (or refused) message adds to the database. */
export interface Hl7Write {
  message: Hl7MessageRecord;
  observations: readonly ContainedObservation[];
  waves: readonly WaveSegment[];
  results: readonly Hl7ResultRecord[];
  census: readonly CensusEventRecord[];
}

export interface Hl7WriteResult {
  messageId: number;
  /** An accepted message with this sender and MSH-10 was already stored; nothing was added. */
  duplicate: boolean;
}

const INSERT_MESSAGE = `
  INSERT OR IGNORE INTO hl7_messages
    (received_at, peer, sender, control_id, message_type, message_time, charset, outcome, error,
     bed, patient_id, associated, raw)
  VALUES
    (@receivedAt, @peer, @sender, @controlId, @messageType, @messageTime, @charset, @outcome,
     @error, @bed, @patientId, @associated, @raw)`;

/** Positional parameters: the hot path, and binding by name costs a lookup per column. */
const INSERT_OBSERVATION = `
  INSERT INTO observations
    (bed, device, code, value, unit, time, status, demo, hl7_message_id, containment)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const INSERT_RESULT = `
  INSERT INTO hl7_results
    (message_id, bed, device, sub_id, code, refid, coding_system, value_type, value, unit, time,
     status, demo)
  VALUES
    (@messageId, @bed, @device, @subId, @code, @refid, @codingSystem, @valueType, @value, @unit,
     @time, @status, @demo)`;

const INSERT_CENSUS_EVENT = `
  INSERT INTO census_events (message_id, kind, at, patient_id, detail)
  VALUES (@messageId, @kind, @at, @patientId, @detail)`;

const SELECT_ACCEPTED = `
  SELECT 1 FROM hl7_messages WHERE sender = ? AND control_id = ? AND outcome = 'AA'`;

const SELECT_CENSUS_EVENTS = `
  SELECT id, kind, at, patient_id AS patientId, detail FROM census_events ORDER BY id`;

type MessageRow = Omit<Hl7MessageRecord, 'associated'> & { associated: number | null };
type ObservationRow = [
  bed: string,
  device: string,
  code: number,
  value: number | null,
  unit: string,
  time: number,
  status: string,
  demo: number,
  messageId: number,
  containment: string,
];
type ResultRow = Omit<Hl7ResultRecord, 'demo'> & { messageId: number; demo: number };
type CensusRow = CensusEventRecord & { messageId: number };

export class Hl7Statements {
  private readonly insertMessage: Database.Statement<[MessageRow]>;
  private readonly insertObservation: Database.Statement<ObservationRow>;
  private readonly insertResult: Database.Statement<[ResultRow]>;
  private readonly insertCensusEvent: Database.Statement<[CensusRow]>;
  private readonly selectAccepted: Database.Statement<[string, string], unknown>;
  private readonly selectCensusEvents: Database.Statement<[], StoredCensusEvent>;

  constructor(db: Database.Database) {
    this.insertMessage = db.prepare<[MessageRow]>(INSERT_MESSAGE);
    this.insertObservation = db.prepare<ObservationRow>(INSERT_OBSERVATION);
    this.insertResult = db.prepare<[ResultRow]>(INSERT_RESULT);
    this.insertCensusEvent = db.prepare<[CensusRow]>(INSERT_CENSUS_EVENT);
    this.selectAccepted = db.prepare<[string, string], unknown>(SELECT_ACCEPTED);
    this.selectCensusEvents = db.prepare<[], StoredCensusEvent>(SELECT_CENSUS_EVENTS);
  }

  /**
   * Inserts the message row; null when an accepted message with the same sender and MSH-10 is
   * already stored (the unique index ignores it), in which case nothing else may be written.
   */
  insertMessageRow(message: Hl7MessageRecord): number | null {
    const associated = message.associated === null ? null : message.associated ? 1 : 0;
    const info = this.insertMessage.run({ ...message, associated });
    return info.changes === 0 ? null : Number(info.lastInsertRowid);
  }

  insertObservationRow(
    messageId: number,
    { observation, containment }: ContainedObservation,
  ): void {
    const { bed, device, code, value, unit, time, status, demo } = observation;
    this.insertObservation.run(
      bed,
      device,
      code,
      value,
      unit,
      time,
      status,
      demo ? 1 : 0,
      messageId,
      containment,
    );
  }

  insertResultRow(messageId: number, result: Hl7ResultRecord): void {
    this.insertResult.run({ ...result, messageId, demo: result.demo ? 1 : 0 });
  }

  insertCensusEventRow(messageId: number, event: CensusEventRecord): void {
    this.insertCensusEvent.run({ ...event, messageId });
  }

  hasAccepted(sender: string, controlId: string): boolean {
    return this.selectAccepted.get(sender, controlId) !== undefined;
  }

  censusEvents(): StoredCensusEvent[] {
    return this.selectCensusEvents.all();
  }
}
