import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SerialPortListing } from '../../../../electron/contract/domain.js';
import {
  findOnPath,
  listSerialPorts,
  readByIdLinks,
  type SerialPortSystem,
} from '../../../../electron/station/devices/ports/SerialPortCatalog.js';

const CATALOG = resolve('electron/station/devices/ports/SerialPortCatalog.ts');

const ftdi = {
  path: '/dev/ttyUSB0',
  manufacturer: 'FTDI',
  vendorId: '0403',
  productId: '6001',
  serialNumber: 'A10K3X2Z',
};

function system(overrides: Partial<SerialPortSystem> = {}): SerialPortSystem {
  return {
    platform: 'linux',
    findExecutable: async (name) => `/usr/bin/${name}`,
    listPorts: async () => [ftdi],
    listByIdLinks: async () => [],
    ...overrides,
  };
}

/** Runs the real catalog in a fresh Node process with the given PATH; resolves with its output. */
function runCatalogWithPath(
  path: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    const { listSerialPorts } = await import(${JSON.stringify(pathToFileURL(CATALOG).href)});
    process.stdout.write(JSON.stringify(await listSerialPorts()));
  `;
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        env: { ...process.env, PATH: path },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolveRun({ code, stdout, stderr }));
  });
}

describe('serial port catalog', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ward-ports-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not crash a process whose PATH has no udevadm, and says why nothing is listed', async () => {
    const run = await runCatalogWithPath(join(dir, 'no-such-bin'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const listing = SerialPortListing.parse(JSON.parse(run.stdout));
    if (process.platform === 'linux') {
      expect(listing.ports).toEqual([]);
      expect(listing.warning).toMatch(/udevadm was not found on PATH.*type the port path/);
    }
  }, 30_000);

  it('never runs the port listing without udevadm on Linux', async () => {
    const listPorts = vi.fn(async () => [ftdi]);
    const listing = await listSerialPorts(system({ findExecutable: async () => null, listPorts }));
    expect(listPorts).not.toHaveBeenCalled();
    expect(listing).toEqual({ ports: [], warning: expect.stringMatching(/udevadm/) });
  });

  it('lists ports with their identity, and /dev/serial/by-id names sharing it', async () => {
    const byId = '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K3X2Z-if00-port0';
    const listing = await listSerialPorts(
      system({
        listByIdLinks: async () => [
          { path: byId, target: '/dev/ttyUSB0' },
          { path: '/dev/serial/by-id/usb-unknown', target: '/dev/ttyACM3' },
        ],
      }),
    );
    expect(listing).toEqual({
      ports: [
        ftdi,
        { ...ftdi, path: byId },
        {
          path: '/dev/serial/by-id/usb-unknown',
          manufacturer: null,
          vendorId: null,
          productId: null,
          serialNumber: null,
        },
      ],
      warning: null,
    });
  });

  it('turns every failure into a warning and still answers', async () => {
    const failed = await listSerialPorts(
      system({
        listPorts: () => Promise.reject(new Error('spawn udevadm EACCES')),
        listByIdLinks: () => Promise.reject(new Error('EACCES: permission denied')),
      }),
    );
    expect(failed.ports).toEqual([]);
    expect(failed.warning).toMatch(/listing serial ports failed \(spawn udevadm EACCES\)/);
    expect(failed.warning).toMatch(/cannot read \/dev\/serial\/by-id: EACCES/);

    const lookupThrows = await listSerialPorts(
      system({ findExecutable: () => Promise.reject(new Error('PATH unreadable')) }),
    );
    expect(lookupThrows.warning).toMatch(/PATH unreadable/);
  });

  it('gives up on a listing that hangs', async () => {
    vi.useFakeTimers();
    try {
      const pending = listSerialPorts(system({ listPorts: () => new Promise(() => undefined) }));
      await vi.advanceTimersByTimeAsync(5_000);
      expect((await pending).warning).toMatch(/did not answer within 5000 ms/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('needs no udevadm elsewhere than Linux', async () => {
    const findExecutable = vi.fn(async () => null);
    const listByIdLinks = vi.fn(async () => []);
    const listing = await listSerialPorts(
      system({ platform: 'win32', findExecutable, listByIdLinks }),
    );
    expect(listing).toEqual({ ports: [ftdi], warning: null });
    expect(findExecutable).not.toHaveBeenCalled();
    expect(listByIdLinks).not.toHaveBeenCalled();
  });

  it('finds only executable files on PATH', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(join(bin, 'udevadm-dir', 'udevadm'), { recursive: true });
    writeFileSync(join(bin, 'not-executable'), '');
    writeFileSync(join(bin, 'udevadm'), '#!/bin/sh\n');
    chmodSync(join(bin, 'udevadm'), 0o755);
    const path = [join(bin, 'missing'), join(bin, 'udevadm-dir'), bin].join(':');
    expect(await findOnPath('udevadm', path)).toBe(join(bin, 'udevadm'));
    expect(await findOnPath('udevadm', '')).toBeNull();
    expect(await findOnPath('not-executable', bin)).toBeNull();
  });

  it('reads by-id links with their targets, and none when the folder is missing', async () => {
    const byId = join(dir, 'by-id');
    mkdirSync(byId);
    writeFileSync(join(dir, 'ttyUSB7'), '');
    symlinkSync('../ttyUSB7', join(byId, 'usb-Nonin_Xpod-if00'));
    symlinkSync('../ttyGone', join(byId, 'usb-pulled-if00'));
    expect(await readByIdLinks(byId)).toEqual([
      { path: join(byId, 'usb-Nonin_Xpod-if00'), target: join(dir, 'ttyUSB7') },
    ]);
    expect(await readByIdLinks(join(dir, 'no-serial-devices'))).toEqual([]);
  });
});
