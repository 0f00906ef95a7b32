/**
 * CPU time from /proc, as % of one core (this box has 2 cores, so 200 % is all of it): for the
 * Chromium process tree this bench launched, and for everything else on the machine — other
 * engineers run tests on the same cores, and a figure taken while they do says so.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

interface ProcessTicks {
  parent: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readProcess(pid: number): ProcessTicks | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      parent: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** CPU ticks of every Chromium process below `ancestor`, by pid. */
function chromiumTreeTicks(ancestor: number): Map<number, number> {
  const all = new Map<number, ProcessTicks>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const read = readProcess(pid);
    if (read) all.set(pid, read);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of all) children.set(parent, [...(children.get(parent) ?? []), pid]);
  const tree = new Map<number, number>();
  // Below the bench's own process sit other helpers too (tsx's esbuild); only Chromium's
  // subtree counts.
  const visit = (pid: number, inChromium: boolean): void => {
    for (const child of children.get(pid) ?? []) {
      const isChromium = inChromium || commandLine(child).includes('chromium');
      if (isChromium) tree.set(child, all.get(child)?.ticks ?? 0);
      visit(child, isChromium);
    }
  };
  visit(ancestor, false);
  return tree;
}

/** Busy ticks of the whole machine (all cores): everything but idle and iowait. */
function machineBusyTicks(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
}

export interface CpuShare {
  /** The Chromium tree, % of one core. */
  chromium: number;
  /** Everything else on the machine, the bench's own process included, % of one core. */
  others: number;
}

/** Starts measuring; the returned function ends the window and gives the shares over it. */
export function measureCpu(): () => CpuShare {
  const startedAt = performance.now();
  const chromiumAtStart = chromiumTreeTicks(process.pid);
  const machineAtStart = machineBusyTicks();
  return () => {
    const seconds = (performance.now() - startedAt) / 1000;
    let chromiumTicks = 0;
    // A process born in the window counts whole; one that died in it is lost (none should).
    for (const [pid, ticks] of chromiumTreeTicks(process.pid)) {
      chromiumTicks += ticks - (chromiumAtStart.get(pid) ?? 0);
    }
    const percent = (ticks: number): number => (ticks / TICKS_PER_SECOND / seconds) * 100;
    return {
      chromium: percent(chromiumTicks),
      others: percent(machineBusyTicks() - machineAtStart - chromiumTicks),
    };
  };
}

/**
 * Waits until the rest of the machine has been quiet (under `busyPercent` of one core over two
 * seconds) or `giveUpMs` has passed.
 */
export async function waitForQuietMachine(busyPercent: number, giveUpMs: number): Promise<void> {
  const deadline = performance.now() + giveUpMs;
  for (;;) {
    const stop = measureCpu();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (stop().others < busyPercent || performance.now() >= deadline) return;
  }
}
