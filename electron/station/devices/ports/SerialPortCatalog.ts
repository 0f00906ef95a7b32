/**
 * The serial ports this machine has, for the link editor. On Linux serialport's list() spawns
 * `udevadm info -e`; where udevadm is missing that spawn fails, and it has been seen to take the
 * whole process down with it. So udevadm is looked up on PATH first, every failure is caught,
 * and the answer is always a listing, with a warning saying what could not be listed. Ptys are
 * never listed: the editor always accepts a typed-in path.
 */
import { constants } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { SerialPort } from 'serialport';
import type { SerialPortInfo, SerialPortListing } from '../../../contract/domain.js';

/** What serialport's list() reports per port; undefined where the OS does not say. */
export interface ListedPort {
  path: string;
  manufacturer?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
  serialNumber?: string | undefined;
}

export interface ByIdLink {
  /** /dev/serial/by-id/usb-FTDI_…-if00-port0 */
  path: string;
  /** The device it points at, e.g. /dev/ttyUSB0. */
  target: string;
}

/** The system calls the catalog makes, replaceable in tests. */
export interface SerialPortSystem {
  platform: NodeJS.Platform;
  findExecutable(name: string): Promise<string | null>;
  listPorts(): Promise<ListedPort[]>;
  listByIdLinks(): Promise<ByIdLink[]>;
}

const BY_ID_DIR = '/dev/serial/by-id';
/** udevadm answers in well under a second; a hung one must not hang the editor. */
const LIST_TIMEOUT_MS = 5_000;
const TYPE_A_PATH = 'type the port path instead (for example /dev/ttyUSB0)';

/** The executable `name` as PATH would find it, or null. */
export async function findOnPath(
  name: string,
  pathVariable = process.env.PATH ?? '',
): Promise<string | null> {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // Not in this directory; PATH lookup goes on to the next one.
    }
  }
  return null;
}

/** The stable names udev makes for USB serial adapters; none when the folder does not exist. */
export async function readByIdLinks(dir = BY_ID_DIR): Promise<ByIdLink[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const links = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      try {
        return { path, target: await realpath(path) };
      } catch {
        // A link whose adapter was pulled a moment ago; it is not a port any more.
        return null;
      }
    }),
  );
  return links.filter((l): l is ByIdLink => l !== null);
}

const systemPorts: SerialPortSystem = {
  platform: process.platform,
  findExecutable: (name) => findOnPath(name),
  listPorts: () => SerialPort.list(),
  listByIdLinks: () => readByIdLinks(),
};

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describePort(port: ListedPort): SerialPortInfo {
  return {
    path: port.path,
    manufacturer: port.manufacturer ?? null,
    vendorId: port.vendorId ?? null,
    productId: port.productId ?? null,
    serialNumber: port.serialNumber ?? null,
  };
}

async function osPorts(
  system: SerialPortSystem,
): Promise<{ ports: ListedPort[]; warning: string | null }> {
  try {
    if (system.platform === 'linux' && !(await system.findExecutable('udevadm'))) {
      return {
        ports: [],
        warning: `udevadm was not found on PATH (package udev), so serial ports cannot be listed; ${TYPE_A_PATH}`,
      };
    }
    const ports = await withTimeout(system.listPorts(), LIST_TIMEOUT_MS, 'listing serial ports');
    return { ports, warning: null };
  } catch (error) {
    return {
      ports: [],
      warning: `listing serial ports failed (${(error as Error).message}); ${TYPE_A_PATH}`,
    };
  }
}

/** Never rejects: whatever fails becomes the warning. */
export async function listSerialPorts(
  system: SerialPortSystem = systemPorts,
): Promise<SerialPortListing> {
  const warnings: string[] = [];
  const found = await osPorts(system);
  if (found.warning) warnings.push(found.warning);
  const ports = found.ports.map(describePort);
  if (system.platform === 'linux') {
    try {
      // A by-id name survives re-plugging and reboots, unlike ttyUSB numbering: the better
      // path to configure. It shares the identity of the port it points at.
      for (const link of await system.listByIdLinks()) {
        const device = ports.find((p) => p.path === link.target);
        ports.push({ ...(device ?? describePort({ path: link.target })), path: link.path });
      }
    } catch (error) {
      warnings.push(`cannot read ${BY_ID_DIR}: ${(error as Error).message}`);
    }
  }
  return { ports, warning: warnings.length > 0 ? warnings.join('; ') : null };
}
