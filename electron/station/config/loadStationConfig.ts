import { readFileSync } from 'node:fs';
import { StationConfig } from './StationConfigSchema.js';

/** A configuration problem, naming the file, the field and what is wrong with it. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { field: string; message: string }[],
  ) {
    super(
      `invalid station configuration ${file}: ` +
        problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    );
    this.name = 'ConfigError';
  }
}

export function parseStationConfig(text: string, file: string): StationConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [
      { field: '(file)', message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const result = StationConfig.safeParse(json);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || '(root)',
        message: i.message,
      })),
    );
  }
  return result.data;
}

export function loadStationConfig(file: string): StationConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      { field: '(file)', message: (error as NodeJS.ErrnoException).message },
    ]);
  }
  return parseStationConfig(text, file);
}
