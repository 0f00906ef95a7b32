/**
 * Watches the free space of the disk that holds the database. Running out would stop the store
 * from saving (never from alarming: alarms live in memory first), so the station warns early:
 * below the threshold the state turns "low", and back to "ok" only above the threshold plus a
 * margin, so a disk hovering at the line does not flap the alarm.
 */
import { statfs } from 'node:fs/promises';

export interface DiskSpace {
  freeBytes: number;
}

export type ReadDiskSpace = (dir: string) => Promise<DiskSpace>;

export type DiskState =
  | { kind: 'ok'; freeBytes: number }
  | { kind: 'low'; freeBytes: number }
  /** The file system could not be asked: not knowing is itself a problem. */
  | { kind: 'unreadable'; reason: string };

/**
 * Space a non-root process may use: what SQLite can actually get. Asynchronous, because a
 * network file system that hangs must not hang the engine with it.
 */
export const readDiskSpace: ReadDiskSpace = async (dir) => {
  const stats = await statfs(dir);
  return { freeBytes: stats.bavail * stats.bsize };
};

const RECOVERY_MARGIN = 0.1;

export class DiskWatch {
  private current: DiskState['kind'] = 'ok';

  constructor(
    private readonly dir: string,
    private readonly minFreeBytes: number,
    private readonly changed: (from: DiskState['kind'], to: DiskState) => void,
    private readonly read: ReadDiskSpace = readDiskSpace,
  ) {}

  get state(): DiskState['kind'] {
    return this.current;
  }

  /** Looks once; tells the listener only about changes. */
  async check(): Promise<void> {
    const next = await this.look();
    if (next.kind === this.current) return;
    const from = this.current;
    this.current = next.kind;
    this.changed(from, next);
  }

  private async look(): Promise<DiskState> {
    let freeBytes: number;
    try {
      freeBytes = (await this.read(this.dir)).freeBytes;
    } catch (error) {
      return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
    }
    const wasLow = this.current === 'low';
    const threshold = wasLow ? this.minFreeBytes * (1 + RECOVERY_MARGIN) : this.minFreeBytes;
    return freeBytes < threshold ? { kind: 'low', freeBytes } : { kind: 'ok', freeBytes };
  }
}
