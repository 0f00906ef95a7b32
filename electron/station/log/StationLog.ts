/**
 * Structured log lines (one JSON object per line) to stderr and, when a data dir is known, to
 * <dataDir>/logs/station.log. Biomed and IT read these; every technical alarm also lands here.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export class StationLog implements Log {
  private file: string | null = null;

  constructor(private readonly component: string) {}

  /** From now on also append to <dataDir>/logs/station.log. */
  writeTo(dataDir: string): void {
    const dir = join(dataDir, 'logs');
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'station.log');
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  private write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      component: this.component,
      message,
      ...fields,
    });
    process.stderr.write(line + '\n');
    if (this.file) {
      try {
        appendFileSync(this.file, line + '\n');
      } catch {
        // A full or read-only disk must not stop the engine; stderr still has the line and the
        // store raises its own technical alarm for the disk.
      }
    }
  }
}
