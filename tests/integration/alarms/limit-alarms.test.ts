/**
 * Physiological limit alarms driven through a real link: a simulated Nonin oximeter on loopback
 * TCP → the built headless station → the alarm list and the alarm sound state through the
 * contract. Adult defaults: SpO₂ low 90 (medium) and extreme low 80 (high), 10 s delay,
 * 1 % hysteresis; high-priority alarms latch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../../electron/contract/ContractClient.js';
import type { Alarm } from '../../../electron/contract/domain.js';
import type { StationContract } from '../../../electron/contract/StationContract.js';
import { noninFormat7Driver } from '../../../electron/station/devices/drivers/nonin/index.js';
import type { NoninSimulator } from '../../../electron/station/devices/drivers/nonin/NoninSimulator.js';
import { SimulatedDeviceServer } from '../../../electron/station/devices/simulators/SimulatedDeviceServer.js';
import { startHeadlessStation, type HeadlessStation } from '../../support/headlessStation.js';
import { connectStationClient } from '../../support/stationClient.js';

const SPO2_ALARM = 'limit.150456';

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('limit alarms through a real oximeter link', () => {
  let device: SimulatedDeviceServer;
  let simulator: NoninSimulator | null = null;
  let station: HeadlessStation;
  let client: ContractClient<StationContract>;

  const spo2Alarm = async (): Promise<Alarm | undefined> =>
    (await client.call('alarms.active', {})).find((a) => a.code === SPO2_ALARM);

  beforeAll(async () => {
    device = new SimulatedDeviceServer(() => {
      simulator = noninFormat7Driver.createSimulator({
        seed: 3,
        spo2: 97,
        pulseRate: 70,
      }) as NoninSimulator;
      return simulator;
    });
    const port = await device.listen();
    station = await startHeadlessStation({
      config: {
        unit: { name: 'Alarm ward' },
        beds: [{ id: 'bed-1', label: 'Bed 1' }],
        links: [
          {
            id: 'ox',
            bed: 'bed-1',
            protocol: 'nonin-format7',
            transport: { kind: 'tcp', host: '127.0.0.1', port },
          },
        ],
        alarms: { profile: 'adult', escalateAfterSeconds: 10 },
      },
    });
    ({ client } = await connectStationClient(station.url, station.token));
    await until(
      'first SpO2',
      async () => ((await client.call('observations.latest', {})).length > 0 ? true : undefined),
      10_000,
    );
  });

  afterAll(async () => {
    await station?.stop();
    await device?.close();
  });

  it('raises a medium SpO₂ low alarm only after the 10 s condition delay, and it sounds', async () => {
    simulator!.setSpO2(86);
    const loweredAt = Date.now();
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await spo2Alarm()).toBeUndefined();
    const alarm = await until('SpO2 low alarm', spo2Alarm, 15_000);
    const after = Date.now() - loweredAt;
    expect(after).toBeGreaterThanOrEqual(10_000);
    expect(after).toBeLessThan(13_000);
    expect(alarm).toMatchObject({
      kind: 'physiological',
      priority: 'medium',
      state: 'active',
      bed: 'bed-1',
      parameter: 150456,
    });
    expect(alarm.text).toMatch(/SpO₂ low \(< 90\)/);
    expect((await client.call('alarms.signals', {})).sounding).toBe('medium');
  });

  it('silences on acknowledge, and AUDIO PAUSED shows when it ends', async () => {
    const alarm = (await spo2Alarm())!;
    await client.call('alarms.acknowledge', { id: alarm.id });
    expect((await spo2Alarm())?.state).toBe('acknowledged');
    expect((await client.call('alarms.signals', {})).sounding).toBeNull();
    const paused = await client.call('alarms.pauseAudio', { bed: null });
    expect(paused.audioPausedUntil! - Date.now()).toBeGreaterThan(110_000);
    expect(paused.audioPauseSeconds).toBe(120);
    const resumed = await client.call('alarms.resumeAudio', { bed: null });
    expect(resumed.audioPausedUntil).toBeNull();
  });

  it('escalates to high priority below the extreme limit and needs acknowledging again', async () => {
    simulator!.setSpO2(76);
    const alarm = await until(
      'SpO2 extreme low',
      async () => {
        const a = await spo2Alarm();
        return a?.priority === 'high' ? a : undefined;
      },
      5_000,
    );
    expect(alarm.state).toBe('active');
    expect((await client.call('alarms.signals', {})).sounding).toBe('high');
  });

  it('escalates an unacknowledged high alarm after the unit’s escalation time', async () => {
    const escalated = await until(
      'escalation',
      async () => {
        const a = await spo2Alarm();
        return a?.escalated ? a : undefined;
      },
      15_000,
    );
    expect(escalated.priority).toBe('high');
    expect((await client.call('alarms.signals', {})).escalated).toBe(true);
  });

  it('latches a high alarm after the value recovers, until acknowledged', async () => {
    simulator!.setSpO2(97);
    const latched = await until(
      'latched',
      async () => {
        const a = await spo2Alarm();
        return a?.state === 'latched' ? a : undefined;
      },
      5_000,
    );
    expect(latched.conditionEndedAt).not.toBeNull();
    await client.call('alarms.acknowledge', { id: latched.id });
    expect(await spo2Alarm()).toBeUndefined();
  });

  it('refuses to acknowledge an alarm that does not exist, and bad limits', async () => {
    await expect(client.call('alarms.acknowledge', { id: 'nope' })).rejects.toMatchObject({
      code: 'REJECTED',
    });
    await expect(
      client.call('limits.set', {
        bed: 'bed-1',
        code: 150456,
        limits: { low: 95, high: 90, extremeLow: null, extremeHigh: null },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const limits = await client.call('limits.set', {
      bed: 'bed-1',
      code: 150456,
      limits: { low: 92, high: null, extremeLow: 85, extremeHigh: null },
    });
    expect(limits.find((l) => l.code === 150456)?.limits.low).toBe(92);
  });
});
