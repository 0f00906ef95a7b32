/**
 * The recordings folder, <dataDir>/recordings: creating, listing and reading .wsrec files. The
 * only names it hands out or accepts are plain files found directly in that folder.
 */
import { lstat, mkdir, open, readdir, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordingSink } from './LinkRecorder.js';
import {
  RECORDING_EXTENSION,
  decodeRecording,
  type DecodedRecording,
} from './LinkRecordingFormat.js';

export function recordingsDir(dataDir: string): string {
  return join(dataDir, 'recordings');
}

function fileSink(handle: FileHandle): RecordingSink {
  return {
    async append(bytes) {
      let at = 0;
      while (at < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, at, bytes.length - at);
        at += bytesWritten;
      }
    },
    async close() {
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
    },
  };
}

/** Creates `name` (never overwriting) with its header written, ready for records. */
export async function createRecordingFile(
  dir: string,
  name: string,
  header: Uint8Array,
): Promise<RecordingSink> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const handle = await open(path, 'ax');
  const sink = fileSink(handle);
  try {
    await sink.append(header);
  } catch (error) {
    await handle.close().catch(() => undefined);
    // A file without a whole header would only ever be listed as unreadable.
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return sink;
}

/** Names of the recordings in `dir`, oldest first; none when the folder does not exist yet. */
export async function listRecordingFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(RECORDING_EXTENSION))
    .map((e) => e.name)
    .sort();
}

export interface RecordingFile {
  recording: DecodedRecording;
  /** Size on disk. */
  bytes: number;
}

/**
 * Reads a recording that `listRecordingFiles(dir)` lists. Any other name, a path or a symlink
 * planted in the folder is refused: a client never gets to name a file of its own choosing.
 */
export async function readListedRecording(dir: string, name: string): Promise<RecordingFile> {
  const listed = await listRecordingFiles(dir);
  if (!listed.includes(name)) {
    throw new Error(`no recording named "${name}" in the recordings folder (see recordings.list)`);
  }
  return readRecordingFile(join(dir, name));
}

/** For paths the station chose itself; a client-given name goes through readListedRecording. */
export async function readRecordingFile(path: string): Promise<RecordingFile> {
  if (!(await lstat(path)).isFile()) throw new Error(`${path} is not a plain file`);
  const bytes = await readFile(path);
  return { recording: decodeRecording(bytes), bytes: bytes.length };
}
