/**
 * HL7 v2 intake and the ADT census. Every received message is kept with its raw text and the
 * answer it got, so an interface analyst can see exactly what a sender said and what the station
 * replied. An accepted message is unique per sender and MSH-10: a resend is answered but never
 * stored twice. OBX rows that are not numeric observations (text, coded values, device rows,
 * unknown coding systems) are kept in hl7_results rather than dropped; a numeric observation
 * from HL7 keeps its OBX-4 containment (MDS.VMD.CHAN.METRIC) and the message it came in. The
 * census is an event log, replayed at start, so a cancel can undo exactly the event it names.
 */
import type { Migration } from '../Migrator.js';

export const hl7AndCensus: Migration = {
  version: 2,
  name: 'hl7-and-census',
  up(db) {
    db.exec(`
      CREATE TABLE hl7_messages (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        peer TEXT NOT NULL,
        sender TEXT NOT NULL,
        control_id TEXT NOT NULL,
        message_type TEXT NOT NULL,
        message_time INTEGER,
        charset TEXT NOT NULL,
        outcome TEXT NOT NULL,
        error TEXT,
        bed TEXT,
        patient_id TEXT,
        associated INTEGER,
        raw TEXT NOT NULL
      );
      CREATE UNIQUE INDEX hl7_messages_accepted_once ON hl7_messages (sender, control_id)
        WHERE outcome = 'AA';

      CREATE TABLE hl7_results (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL,
        bed TEXT NOT NULL,
        device TEXT NOT NULL,
        sub_id TEXT NOT NULL,
        code TEXT NOT NULL,
        refid TEXT NOT NULL,
        coding_system TEXT NOT NULL,
        value_type TEXT NOT NULL,
        value TEXT NOT NULL,
        unit TEXT NOT NULL,
        time INTEGER NOT NULL,
        status TEXT NOT NULL,
        demo INTEGER NOT NULL
      );
      CREATE INDEX hl7_results_by_message ON hl7_results (message_id);

      ALTER TABLE observations ADD COLUMN hl7_message_id INTEGER;
      ALTER TABLE observations ADD COLUMN containment TEXT;

      CREATE TABLE census_events (
        id INTEGER PRIMARY KEY,
        message_id INTEGER,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        patient_id TEXT NOT NULL,
        detail TEXT NOT NULL
      );
    `);
  },
};
