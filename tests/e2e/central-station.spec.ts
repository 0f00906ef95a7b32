/**
 * The station screen in a real browser: a simulated Nonin oximeter (project-made generated
 * pleth, fixed SpO2 and pulse rate) feeds the headless station; the tile must show exactly the
 * numbers the simulator sends and a pleth that moves. Screenshots are kept as artifacts.
 */
import { expect, test } from '@playwright/test';
import { noninFormat7Driver } from '../../electron/station/devices/drivers/nonin/index.js';
import { SimulatedDeviceServer } from '../../electron/station/devices/simulators/SimulatedDeviceServer.js';
import { startHeadlessStation, type HeadlessStation } from '../support/headlessStation.js';

const SPO2 = 96;
const PULSE_RATE = 75;

let device: SimulatedDeviceServer;
let station: HeadlessStation;

test.beforeAll(async () => {
  device = new SimulatedDeviceServer(() =>
    noninFormat7Driver.createSimulator({ seed: 5, spo2: SPO2, pulseRate: PULSE_RATE }),
  );
  const port = await device.listen();
  station = await startHeadlessStation({
    config: {
      unit: { name: 'E2E ward' },
      beds: [
        { id: 'bed-1', label: 'Bed 1' },
        { id: 'bed-2', label: 'Bed 2' },
      ],
      links: [
        {
          id: 'ox-1',
          bed: 'bed-1',
          protocol: 'nonin-format7',
          transport: { kind: 'tcp', host: '127.0.0.1', port },
        },
      ],
    },
  });
});

test.afterAll(async () => {
  await station?.stop();
  await device?.close();
});

test('a bed tile shows the simulator’s SpO2 and pulse rate and a moving pleth', async ({
  page,
}, testInfo) => {
  await page.goto(station.openUrl);
  // The token was traded for a cookie and is gone from the address bar.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await expect(page.getByTestId('numeric-bed-1-150456')).toHaveText(String(SPO2), {
    timeout: 15_000,
  });
  await expect(page.getByTestId('numeric-bed-1-149530')).toHaveText(String(PULSE_RATE));
  await expect(page.getByTestId('bed-tile-bed-2')).toBeVisible();

  const wave = page.getByTestId('wave-slot-bed-1-150452');
  await expect(wave).toBeVisible();
  // Let the sweep draw for a while so both shots hold trace.
  await page.waitForTimeout(1_500);
  const first = await page.screenshot({ path: testInfo.outputPath('station-1.png') });
  const waveFirst = await wave.screenshot({ path: testInfo.outputPath('pleth-1.png') });
  await page.waitForTimeout(500);
  const second = await page.screenshot({ path: testInfo.outputPath('station-2.png') });
  const waveSecond = await wave.screenshot({ path: testInfo.outputPath('pleth-2.png') });
  await testInfo.attach('station-1', { body: first, contentType: 'image/png' });
  await testInfo.attach('station-2', { body: second, contentType: 'image/png' });
  expect(waveSecond.equals(waveFirst)).toBe(false);
  // The numbers still match after the sweep moved on.
  await expect(page.getByTestId('numeric-bed-1-150456')).toHaveText(String(SPO2));
  await expect(page.getByTestId('numeric-bed-1-149530')).toHaveText(String(PULSE_RATE));
});

test('an engine killed with SIGKILL comes back and the banner says so', async ({
  page,
}, testInfo) => {
  await page.goto(station.openUrl);
  await expect(page.getByTestId('numeric-bed-1-150456')).toHaveText(String(SPO2), {
    timeout: 15_000,
  });
  process.kill(station.enginePid, 'SIGKILL');
  await expect(page.getByTestId('alarm-banner')).toContainText(/engine restarted/i, {
    timeout: 10_000,
  });
  await expect(page.getByTestId('connection-banner')).toBeHidden({ timeout: 10_000 });
  await expect(page.getByTestId('numeric-bed-1-150456')).toHaveText(String(SPO2), {
    timeout: 15_000,
  });
  await page.screenshot({ path: testInfo.outputPath('engine-restarted.png') });
});
