/**
 * The thin slice end to end on real parts: a simulated Nonin oximeter on a loopback TCP port →
 * the built headless station (supervisor + engine child process) → its driver → SQLite in the
 * data dir → the contract over a real WebSocket. Then the engine is killed with SIGKILL.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../../electron/contract/ContractClient.js';
import { Mdc } from '../../../electron/contract/mdc.js';
import type { StationContract } from '../../../electron/contract/StationContract.js';
import { decodeWaveFrame } from '../../../electron/contract/WaveFrameCodec.js';
import { noninFormat7Driver } from '../../../electron/station/devices/drivers/nonin/index.js';
import { SimulatedDeviceServer } from '../../../electron/station/devices/simulators/SimulatedDeviceServer.js';
import { startHeadlessStation, type HeadlessStation } from '../../support/headlessStation.js';
import { connectStationClient } from '../../support/stationClient.js';

const SPO2 = 96;
const PULSE_RATE = 75;

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

describe('headless station with a simulated Nonin oximeter', () => {
  let device: SimulatedDeviceServer;
  let devicePort: number;
  let station: HeadlessStation;
  let client: ContractClient<StationContract>;

  beforeAll(async () => {
    device = new SimulatedDeviceServer(() =>
      noninFormat7Driver.createSimulator({ seed: 7, spo2: SPO2, pulseRate: PULSE_RATE }),
    );
    devicePort = await device.listen();
    station = await startHeadlessStation({
      config: {
        unit: { name: 'Integration ward' },
        beds: [{ id: 'bed-7', label: 'Bed 7' }],
        links: [
          {
            id: 'ox-7',
            bed: 'bed-7',
            protocol: 'nonin-format7',
            transport: { kind: 'tcp', host: '127.0.0.1', port: devicePort },
            staleAfterMs: 2_000,
          },
        ],
      },
    });
    ({ client } = await connectStationClient(station.url, station.token));
  });

  afterAll(async () => {
    await station?.stop();
    await device?.close();
  });

  it('prints a loopback address and an access token', () => {
    expect(station.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(station.token.length).toBeGreaterThanOrEqual(32);
  });

  it('shows the SpO2 and pulse rate the simulator sends, as MDC codes with UCUM units', async () => {
    const latest = await until('observations', async () => {
      const obs = await client.call('observations.latest', { bed: 'bed-7' });
      return obs.length >= 2 ? obs : undefined;
    });
    const spo2 = latest.find((o) => o.code === Mdc.SpO2.code);
    const pr = latest.find((o) => o.code === Mdc.PulseRateOximeter.code);
    expect(spo2).toMatchObject({
      value: SPO2,
      unit: '%',
      status: 'valid',
      bed: 'bed-7',
      demo: false,
    });
    expect(pr).toMatchObject({ value: PULSE_RATE, unit: '{beat}/min', status: 'valid' });
  });

  it('streams the pleth at 75 Hz as binary wave frames', async () => {
    const streams = await until('pleth stream', async () => {
      const s = await client.call('waves.streams', {});
      return s.length > 0 ? s : undefined;
    });
    const pleth = streams.find((s) => s.code === Mdc.Pleth.code && s.bed === 'bed-7');
    expect(pleth?.sampleRate).toBe(75);
    let samples = 0;
    let firstSeq: number | null = null;
    let nextSeq: number | null = null;
    let gaps = 0;
    const off = client.onBinary((buffer) => {
      for (const seg of decodeWaveFrame(buffer).segments) {
        if (seg.streamId !== pleth?.streamId) continue;
        if (nextSeq !== null && seg.seq !== nextSeq) gaps++;
        firstSeq ??= seg.seq;
        nextSeq = seg.seq + seg.samples.length;
        samples += seg.samples.length;
      }
    });
    await new Promise((r) => setTimeout(r, 2_000));
    off();
    // 2 s at 75 Hz, allowing for frame batching at the window edges.
    expect(samples).toBeGreaterThanOrEqual(130);
    expect(samples).toBeLessThanOrEqual(170);
    expect(gaps).toBe(0);
  });

  it('commits observations and wave chunks to a WAL SQLite database in the data dir', async () => {
    await new Promise((r) => setTimeout(r, 1_500));
    const db = new Database(join(station.dataDir, 'station.sqlite'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const spo2 = db
        .prepare(
          'SELECT value, unit FROM observations WHERE bed = ? AND code = ? ORDER BY time DESC LIMIT 1',
        )
        .get('bed-7', Mdc.SpO2.code);
      expect(spo2).toEqual({ value: SPO2, unit: '%' });
      const chunks = db
        .prepare(
          'SELECT COUNT(*) AS n, SUM(sample_count) AS samples FROM wave_chunks WHERE bed = ?',
        )
        .get('bed-7') as { n: number; samples: number };
      expect(chunks.n).toBeGreaterThan(0);
      expect(chunks.samples).toBeGreaterThanOrEqual(75);
    } finally {
      db.close();
    }
  });

  it('reports the link streaming with its counters', async () => {
    const links = await client.call('links.list', {});
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      id: 'ox-7',
      state: 'streaming',
      endpoint: `tcp 127.0.0.1:${devicePort}`,
    });
    expect(links[0]?.counters.frames).toBeGreaterThan(75);
    expect(links[0]?.counters.checksumErrors).toBe(0);
  });

  it('raises a technical alarm when the device goes silent and clears it when data returns', async () => {
    await device.close();
    const raised = await until('no-data alarm', async () => {
      const alarms = await client.call('alarms.active', {});
      return alarms.find((a) => a.code === 'link.no-data' && a.bed === 'bed-7');
    });
    expect(raised).toMatchObject({ kind: 'technical', priority: 'medium', state: 'active' });
    device = new SimulatedDeviceServer(() =>
      noninFormat7Driver.createSimulator({ seed: 8, spo2: SPO2, pulseRate: PULSE_RATE }),
    );
    await device.listen(devicePort);
    await until(
      'no-data alarm cleared',
      async () => {
        const alarms = await client.call('alarms.active', {});
        return alarms.some((a) => a.code === 'link.no-data') ? undefined : true;
      },
      20_000,
    );
  });

  it('restarts a SIGKILLed engine within 3 s and shows "station engine restarted"', async () => {
    const before = await client.call('station.info', {});
    expect(before.engineRestarts).toBe(0);
    const killedAt = Date.now();
    process.kill(station.enginePid, 'SIGKILL');
    const alarm = await until(
      'engine back with the restart alarm',
      async () => {
        const fresh = await connectStationClient(station.url, station.token);
        try {
          const alarms = await fresh.client.call('alarms.active', {});
          const info = await fresh.client.call('station.info', {});
          return info.engineRestarts === 1
            ? alarms.find((a) => a.code === 'station.engine-restarted')
            : undefined;
        } finally {
          fresh.socket.close();
        }
      },
      5_000,
    );
    const backWithinMs = Date.now() - killedAt;
    expect(backWithinMs).toBeLessThan(3_000);
    expect(alarm).toMatchObject({ kind: 'technical', bed: null, state: 'active' });
    expect(alarm?.text).toMatch(/restarted.*SIGKILL/);
    expect(station.logs()).toMatch(/engine: died, restarting/);
  });
});

describe('headless station gateway access', () => {
  let station: HeadlessStation;

  beforeAll(async () => {
    station = await startHeadlessStation({
      config: { unit: { name: 'Empty ward' }, beds: [{ id: 'b1', label: 'Bed 1' }] },
    });
  });

  afterAll(async () => {
    await station?.stop();
  });

  it('refuses the screen without the token', async () => {
    const res = await fetch(station.url);
    expect(res.status).toBe(401);
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const res = await fetch(station.openUrl, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(station.url, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('refuses a wrong token', async () => {
    const res = await fetch(`${station.url}?token=wrong`, { redirect: 'manual' });
    expect(res.status).toBe(401);
  });

  it('never serves files outside the renderer folder', async () => {
    // Raw request paths (fetch would normalise "..") aimed at a file that does exist next to
    // the renderer folder: out/main/engine.js.
    const { request } = await import('node:http');
    const get = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const url = new URL(station.url);
        request(
          {
            host: url.hostname,
            port: url.port,
            path,
            headers: { authorization: `Bearer ${station.token}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end();
      });
    expect(await get('/index.html')).toBe(200);
    for (const path of [
      '/../main/engine.js',
      '/%2e%2e/main/engine.js',
      '/..%2fmain%2fengine.js',
      '/..%5cmain%5cengine.js',
      '/%00index.html',
    ]) {
      expect(await get(path), path).toBe(404);
    }
  });

  it('refuses a WebSocket without the token, and one from another origin', async () => {
    await expect(connectStationClient(station.url, 'wrong')).rejects.toThrow(/401/);
    const { WebSocket } = await import('ws');
    const url = new URL('contract', station.url);
    url.protocol = 'ws:';
    url.searchParams.set('token', station.token);
    const foreign = new WebSocket(url, { origin: 'http://evil.example' });
    const outcome = await new Promise<string>((resolve) => {
      foreign.once('open', () => resolve('open'));
      foreign.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      foreign.once('error', (e) => resolve(e.message));
    });
    expect(outcome).toMatch(/403/);
  });
});
