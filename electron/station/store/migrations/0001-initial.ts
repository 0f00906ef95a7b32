/**
 * Numerics, waveform chunks and alarms. Times are ms since the Unix epoch; demo is 0/1 because
 * demo data must stay marked as demo wherever it is read back.
 */
import type { Migration } from '../Migrator.js';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE observations (
        id INTEGER PRIMARY KEY,
        bed TEXT NOT NULL,
        device TEXT NOT NULL,
        code INTEGER NOT NULL,
        value REAL,
        unit TEXT NOT NULL,
        time INTEGER NOT NULL,
        status TEXT NOT NULL,
        demo INTEGER NOT NULL
      );
      CREATE INDEX observations_by_bed_code_time ON observations (bed, code, time);

      CREATE TABLE wave_chunks (
        id INTEGER PRIMARY KEY,
        bed TEXT NOT NULL,
        device TEXT NOT NULL,
        code INTEGER NOT NULL,
        sample_rate REAL NOT NULL,
        t0 INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        sample_count INTEGER NOT NULL,
        scale REAL NOT NULL,
        "offset" REAL NOT NULL,
        unit TEXT NOT NULL,
        demo INTEGER NOT NULL,
        codec TEXT NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX wave_chunks_by_bed_code_t0 ON wave_chunks (bed, code, t0);

      CREATE TABLE alarms (
        id TEXT PRIMARY KEY,
        bed TEXT,
        source TEXT NOT NULL,
        code TEXT NOT NULL,
        text TEXT NOT NULL,
        priority TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER
      );
    `);
  },
};
