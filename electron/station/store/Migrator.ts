/**
 * Brings a station database up to the newest schema. PRAGMA user_version holds the schema
 * version; each migration runs in its own transaction together with the version bump, so a crash
 * mid-migration leaves the database at the previous version, never half-migrated.
 */
import type Database from 'better-sqlite3';
import { pragmaNumber } from './pragmas.js';
import type { StoreLog } from './StationStore.js';
import { StoreError } from './StoreError.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export class Migrator {
  private readonly newestVersion: number;

  constructor(
    private readonly migrations: readonly Migration[],
    private readonly log: StoreLog,
  ) {
    migrations.forEach((migration, index) => {
      if (migration.version !== index + 1) {
        throw new Error(
          `Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}: migrations must be numbered 1, 2, 3… in order`,
        );
      }
    });
    this.newestVersion = migrations.length;
  }

  /** Throws if the database was written by a newer station, whose schema this one cannot know. */
  refuseNewer(db: Database.Database, file: string): void {
    const current = schemaVersion(db);
    if (current > this.newestVersion) {
      throw new StoreError(
        `The station database ${file} has schema version ${current}, but this station only knows versions up to ${this.newestVersion}: it was written by a newer Ward Station. Run that newer version, or start this one with another data directory.`,
      );
    }
  }

  /** Applies every pending migration; refuses a database written by a newer station. */
  migrate(db: Database.Database, file: string): void {
    this.refuseNewer(db, file);
    const current = schemaVersion(db);
    for (const migration of this.migrations.slice(current)) {
      db.transaction(() => {
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      })();
      this.log.info('store: migration applied', {
        file,
        version: migration.version,
        name: migration.name,
      });
    }
  }
}

export function schemaVersion(db: Database.Database): number {
  return pragmaNumber(db, 'user_version');
}
