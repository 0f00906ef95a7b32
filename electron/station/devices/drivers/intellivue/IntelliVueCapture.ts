/**
 * The real IntelliVue capture the simulator and exampleStream replay:
 * resources/recordings/intellivue-mib/MPRawoutput1.raw (origin in the README next to it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INTELLIVUE_CAPTURE_FILE = 'recordings/intellivue-mib/MPRawoutput1.raw';

/** How far up from this module the resources folder may be (source tree or built bundle). */
const MAX_LEVELS_UP = 8;

export function loadIntelliVueCapture(resourcesDir: string): Uint8Array {
  return new Uint8Array(readFileSync(join(resourcesDir, INTELLIVUE_CAPTURE_FILE)));
}

/**
 * The resources folder that holds the capture, found upwards from this module: it is five
 * levels up in the source tree and two in the electron-vite bundle (out/main).
 */
function findResourcesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, INTELLIVUE_CAPTURE_FILE))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(
    `IntelliVue capture ${INTELLIVUE_CAPTURE_FILE} not found above ${import.meta.url}`,
  );
}

let defaultCapture: Uint8Array | null = null;

/** The capture from the resources folder, read once. */
export function defaultIntelliVueCapture(): Uint8Array {
  defaultCapture ??= loadIntelliVueCapture(findResourcesDir());
  return defaultCapture;
}
