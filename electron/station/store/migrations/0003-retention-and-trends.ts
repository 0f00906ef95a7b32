/**
 * What retention, review and accountability need: one-minute numeric summaries that outlive the
 * native rows (30-day trends), snapshots of device-link counters, who did what to an alarm, and
 * an audit log that the database itself keeps append-only. Plus the time indexes that let
 * retention delete the oldest rows in small steps and the review queries find a time range
 * without a scan.
 */
import type { Migration } from '../Migrator.js';

export const retentionAndTrends: Migration = {
  version: 3,
  name: 'retention-and-trends',
  up(db) {
    db.exec(`
      -- Keyed (bed, minute, code) so one bed's trend over a time range is one index range.
      CREATE TABLE numeric_minutes (
        bed TEXT NOT NULL,
        minute INTEGER NOT NULL,
        code INTEGER NOT NULL,
        unit TEXT NOT NULL,
        median REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        count INTEGER NOT NULL,
        demo INTEGER NOT NULL,
        PRIMARY KEY (bed, minute, code)
      ) WITHOUT ROWID;
      CREATE INDEX numeric_minutes_by_minute ON numeric_minutes (minute);
      -- Progress of background jobs (the minute roll-up), so a restart resumes where it stopped.
      CREATE TABLE maintenance_marks (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;

      CREATE TABLE link_counters (
        id INTEGER PRIMARY KEY,
        link TEXT NOT NULL,
        bed TEXT NOT NULL,
        time INTEGER NOT NULL,
        state TEXT NOT NULL,
        bytes_in INTEGER NOT NULL,
        bytes_out INTEGER NOT NULL,
        frames INTEGER NOT NULL,
        checksum_errors INTEGER NOT NULL,
        discarded_bytes INTEGER NOT NULL,
        decoded_samples INTEGER NOT NULL,
        sample_gaps INTEGER NOT NULL,
        reconnects INTEGER NOT NULL
      );
      CREATE INDEX link_counters_by_link_time ON link_counters (link, time);
      CREATE INDEX link_counters_by_time ON link_counters (time);

      CREATE TABLE alarm_actions (
        id INTEGER PRIMARY KEY,
        alarm_id TEXT NOT NULL,
        action TEXT NOT NULL,
        actor TEXT,
        at INTEGER NOT NULL,
        UNIQUE (alarm_id, action, at)
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE INDEX audit_log_by_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;

      -- Retention deletes and rolls up by time across all beds.
      CREATE INDEX observations_by_time ON observations (time);
      CREATE INDEX wave_chunks_by_t0 ON wave_chunks (t0);
      -- Alarm history: newest first, optionally for one bed.
      CREATE INDEX alarms_by_started_at ON alarms (started_at);
      CREATE INDEX alarms_by_bed_started_at ON alarms (bed, started_at);
    `);
  },
};
