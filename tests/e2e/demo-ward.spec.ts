/** With no configuration the station opens on the built-in demo ward, marked DEMO. */
import { expect, test } from '@playwright/test';
import { startHeadlessStation, type HeadlessStation } from '../support/headlessStation.js';

let station: HeadlessStation;

test.beforeAll(async () => {
  station = await startHeadlessStation();
});

test.afterAll(async () => {
  await station?.stop();
});

test('the demo ward shows eight demo beds with live numerics', async ({ page }, testInfo) => {
  await page.goto(station.openUrl);
  for (let bed = 1; bed <= 8; bed++) {
    await expect(page.getByTestId(`bed-tile-bed-${bed}`)).toBeVisible({ timeout: 15_000 });
  }
  // Bed 1 replays the real IntelliVue capture, whose SpO2 is invalid: never shown as a number.
  await expect(page.getByTestId('numeric-bed-1-150456')).toHaveText(/^(---|-\?-)$/, {
    timeout: 15_000,
  });
  for (let bed = 2; bed <= 8; bed++) {
    await expect(page.getByTestId(`numeric-bed-${bed}-150456`)).toHaveText(/^\d{2,3}$/, {
      timeout: 15_000,
    });
  }
  // Monitors, pumps and oximeters of six protocols stream into the same tiles.
  await expect(page.getByTestId('wave-slot-bed-1-131330')).toBeVisible();
  await expect(page.getByTestId('wave-slot-bed-2-131330')).toBeVisible();
  await expect(page.getByTestId('bed-tile-bed-1')).toContainText('DEMO');
  await page.waitForTimeout(2_000);
  await page.screenshot({ path: testInfo.outputPath('demo-ward.png') });
});
