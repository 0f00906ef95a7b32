/** A real pty pair from socat: what the station opens as a serial port, and the device's end. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  stationPath: string;
  devicePath: string;
  socat: ChildProcess;
  /**
   * Kills socat: both ends vanish, as when a USB adapter is pulled. The symlinks go too, or a
   * reconnect could open a pty number another test has since been given.
   */
  kill(): Promise<void>;
}

export async function openPtyPair(
  dir = mkdtempSync(join(tmpdir(), 'ward-pty-')),
): Promise<PtyPair> {
  const stationPath = join(dir, 'ttyStation');
  const devicePath = join(dir, 'ttyDevice');
  const socat = spawn(
    'socat',
    [`pty,raw,echo=0,link=${stationPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 5_000;
  while (!(existsSync(stationPath) && existsSync(devicePath))) {
    if (Date.now() > deadline || socat.exitCode !== null)
      throw new Error('socat did not create the pty pair');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    stationPath,
    devicePath,
    socat,
    kill: () =>
      new Promise((resolve) => {
        const removeLinks = (): void => {
          rmSync(stationPath, { force: true });
          rmSync(devicePath, { force: true });
          resolve();
        };
        if (socat.exitCode !== null) return removeLinks();
        socat.once('exit', removeLinks);
        socat.kill('SIGKILL');
      }),
  };
}
