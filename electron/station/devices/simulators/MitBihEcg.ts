/**
 * Real ECG for the demo ward: an excerpt of MIT-BIH Arrhythmia DB record 208, lead MLII
 * (see resources/demo/README.md for origin, licence and citation).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MITBIH_208_FILE = 'demo/mitbih-208-mlii-360hz-120s.u16le';

export interface RecordedEcg {
  /** ADC counts relative to the baseline (1024), so 0 is 0 mV. */
  samples: Int16Array;
  sampleRate: number;
  mvPerUnit: number;
}

/** Pure: the excerpt's bytes → zero-based samples. */
export function decodeMitBih208(bytes: Uint8Array): RecordedEcg {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Int16Array(Math.floor(bytes.byteLength / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = view.getUint16(i * 2, true) - 1024;
  return { samples, sampleRate: 360, mvPerUnit: 1 / 200 };
}

export function loadMitBih208(resourcesDir: string): RecordedEcg {
  return decodeMitBih208(readFileSync(join(resourcesDir, MITBIH_208_FILE)));
}
