import type Database from 'better-sqlite3';

/** Reads a numeric PRAGMA (user_version, page_size, max_page_count…). */
export function pragmaNumber(db: Database.Database, name: string): number {
  const value: unknown = db.pragma(name, { simple: true });
  if (typeof value !== 'number') throw new Error(`PRAGMA ${name} returned ${String(value)}`);
  return value;
}
