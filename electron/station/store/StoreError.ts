/**
 * The station database cannot be used and the store cannot fix that itself (a file written by a
 * newer station, a directory it may not write). The message names the file and what to do.
 */
export class StoreError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** "SQLITE_FULL: database or disk is full": the code is what biomed and IT search for. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return 'code' in error && typeof error.code === 'string'
    ? `${error.code}: ${error.message}`
    : error.message;
}
