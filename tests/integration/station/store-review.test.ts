/**
 * The store as a nurse and biomed meet it, end to end on the built headless station: a data
 * dir holding a corrupt database (set aside, and a technical alarm on the contract), then a
 * simulated Nonin oximeter feeding the fresh database, reviewed and exported over the contract.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../../electron/contract/ContractClient.js';
import { ContractError } from '../../../electron/contract/errors.js';
import { Mdc } from '../../../electron/contract/mdc.js';
import type { StationContract } from '../../../electron/contract/StationContract.js';
import { noninFormat7Driver } from '../../../electron/station/devices/drivers/nonin/index.js';
import { SimulatedDeviceServer } from '../../../electron/station/devices/simulators/SimulatedDeviceServer.js';
import { startHeadlessStation, type HeadlessStation } from '../../support/headlessStation.js';
import { connectStationClient } from '../../support/stationClient.js';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function rejection(call: Promise<unknown>): Promise<ContractError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('the call was not refused');
}

describe('store review and export through the headless station', () => {
  let device: SimulatedDeviceServer;
  let station: HeadlessStation;
  let client: ContractClient<StationContract>;
  let dataDir: string;
  let startedAt: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ward-station-review-'));
    writeFileSync(join(dataDir, 'station.sqlite'), randomBytes(32 * 1024));
    device = new SimulatedDeviceServer(() =>
      noninFormat7Driver.createSimulator({ seed: 3, spo2: 95, pulseRate: 80 }),
    );
    const port = await device.listen();
    startedAt = Date.now();
    station = await startHeadlessStation({
      dataDir,
      config: {
        unit: { name: 'Review ward' },
        beds: [{ id: 'bed-7', label: 'Bed 7' }],
        links: [
          {
            id: 'ox-7',
            bed: 'bed-7',
            protocol: 'nonin-format7',
            transport: { kind: 'tcp', host: '127.0.0.1', port },
          },
        ],
        storage: { fullDisclosureHours: 96, minFreeDiskMb: 1 },
      },
    });
    ({ client } = await connectStationClient(station.url, station.token));
  });

  afterAll(async () => {
    await station?.stop();
    await device?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets a corrupt database aside and shows a technical alarm for it', async () => {
    const alarms = await client.call('alarms.active', {});
    const replaced = alarms.find((a) => a.code === 'store.replaced-corrupt-file');
    expect(replaced).toMatchObject({ kind: 'technical', bed: null, source: 'store' });
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('station.sqlite.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(replaced?.text).toContain(aside[0]);
  });

  it('answers trends, full disclosure and alarm history from what it stored', async () => {
    const trend = await until('a trend with SpO2', async () => {
      const t = await client.call('trends.get', {
        bed: 'bed-7',
        from: startedAt - 60_000,
        to: Date.now(),
        bucketMs: 5_000,
      });
      return t.series.some((s) => s.code === Mdc.SpO2.code && s.buckets.length > 0) ? t : undefined;
    });
    const spo2 = trend.series.find((s) => s.code === Mdc.SpO2.code)!;
    expect(spo2.buckets.every((b) => b.min <= b.median && b.median <= b.max)).toBe(true);

    const page = await until('a full-disclosure page with pleth', async () => {
      const p = await client.call('disclosure.page', {
        bed: 'bed-7',
        at: startedAt,
        seconds: 30,
      });
      return p.waves.some((w) => w.code === Mdc.Pleth.code) ? p : undefined;
    });
    const pleth = page.waves.find((w) => w.code === Mdc.Pleth.code)!;
    expect(pleth.sampleRate).toBe(75);
    expect(pleth.segments[0]!.samples.length).toBeGreaterThan(0);

    const history = await client.call('alarms.history', { kind: 'technical', limit: 10 });
    expect(history.map((a) => a.code)).toContain('store.replaced-corrupt-file');
  });

  it('exports CSV and EDF+ into the data dir under names it makes, and refuses bad requests', async () => {
    const range = { bed: 'bed-7', from: startedAt - 1_000, to: Date.now() };
    const csv = await client.call('export.csv', range);
    const edf = await client.call('export.edf', range);

    for (const exported of [csv, edf]) {
      expect(exported.file).toMatch(/^bed-7_\d{8}T\d{6}Z_\d{8}T\d{6}Z\.(csv|edf)$/);
      const path = join(dataDir, 'exports', exported.file);
      expect(existsSync(path)).toBe(true);
      expect(statSync(path).size).toBe(exported.bytes);
    }
    expect(csv.items).toBeGreaterThan(0);
    expect(edf.items).toBeGreaterThan(0);

    expect((await rejection(client.call('export.csv', { ...range, bed: 'bed-99' }))).code).toBe(
      'REJECTED',
    );
    expect((await rejection(client.call('export.csv', range))).message).toContain('already exists');
    const backwards = await rejection(
      client.call('export.edf', { bed: 'bed-7', from: range.to, to: range.from }),
    );
    expect(backwards.code).toBe('INVALID_INPUT');
    const sneaky = await rejection(
      client.call('export.csv', { ...range, file: '../../etc/passwd' } as never),
    );
    expect(sneaky.code).toBe('INVALID_INPUT');
  });
});

describe('a data disk below the free-space threshold', () => {
  let station: HeadlessStation;

  afterAll(async () => {
    await station?.stop();
  });

  it('shows a technical alarm on the contract', async () => {
    station = await startHeadlessStation({
      config: {
        unit: { name: 'Full-disk ward' },
        beds: [{ id: 'bed-1', label: 'Bed 1' }],
        // No disk has a petabyte free, so this one is "low" from the first look.
        storage: { minFreeDiskMb: 1_000_000_000 },
      },
    });
    const { client } = await connectStationClient(station.url, station.token);
    const alarm = await until('the disk-low alarm', async () =>
      (await client.call('alarms.active', {})).find((a) => a.code === 'store.disk-low'),
    );
    expect(alarm).toMatchObject({ kind: 'technical', source: 'store', priority: 'medium' });
    expect(alarm.text).toMatch(/only \d+ MB free; the oldest waveforms are being deleted early/);
    expect(station.logs()).toContain('store: disk space low');
  });
});
