/**
 * Alarms in a real browser against the headless station: a simulated Nonin oximeter that the
 * test steers crosses the adult SpO₂ limits (low 90 → medium, extreme low 80 → high, 10 s
 * condition delay). The flash is measured, not assumed: the tile's colours are sampled every
 * animation frame and their frequency and duty cycle checked against IEC 60601-1-8 Table 2. The
 * sound is rendered offline in the page by the station's own synthesiser and its pulses measured
 * against Tables 3 and 4. Screenshots are kept as artifacts.
 */
import { expect, test, type Page } from '@playwright/test';
import { noninFormat7Driver } from '../../electron/station/devices/drivers/nonin/index.js';
import type { NoninSimulator } from '../../electron/station/devices/drivers/nonin/NoninSimulator.js';
import { SimulatedDeviceServer } from '../../electron/station/devices/simulators/SimulatedDeviceServer.js';
import { startHeadlessStation, type HeadlessStation } from '../support/headlessStation.js';

const SPO2_CODE = 150456;
const SPO2_ALARM = `limit.${SPO2_CODE}`;
const RED = 'rgb(255, 43, 43)';
const YELLOW = 'rgb(255, 210, 31)';

type Priority = 'high' | 'medium' | 'low';

/** What renderer/src/alarms/audio/exposeAlarmAudio.ts publishes on window. */
interface AlarmAudioHook {
  renderOffline(
    priority: Priority,
    seconds: number,
    escalated?: boolean,
  ): Promise<{ sampleRate: number; samples: Float32Array; leadIn: number }>;
  readonly playing: { priority: Priority; escalated: boolean } | null;
}

/** The few browser globals the page functions below use; this file compiles without the DOM lib. */
interface PageElement {
  closest(selector: string): PageElement | null;
}
interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    documentElement: { getAttribute(name: string): string | null };
    activeElement: unknown;
  };
  getComputedStyle(element: PageElement): { backgroundColor: string; borderTopColor: string };
  requestAnimationFrame(callback: () => void): number;
  __wardStationAlarmAudio: AlarmAudioHook;
}

interface ColourSample {
  t: number;
  bar: string;
  frame: string;
}

/** The tile's alarm bar fill and frame colour at every animation frame for `durationMs`. */
function sampleTileColours(page: Page, bed: string, durationMs: number): Promise<ColourSample[]> {
  return page.evaluate(
    ({ bed, durationMs }) =>
      new Promise<ColourSample[]>((resolve, reject) => {
        const w = globalThis as unknown as PageGlobals;
        const bar = w.document.querySelector(`[data-testid="bed-alarm-${bed}"]`);
        const tile = bar?.closest('.bed-tile');
        if (!bar || !tile) {
          reject(new Error(`bed ${bed} shows no alarm`));
          return;
        }
        const samples: ColourSample[] = [];
        const start = performance.now();
        const sample = (): void => {
          const t = performance.now();
          samples.push({
            t,
            bar: w.getComputedStyle(bar).backgroundColor,
            frame: w.getComputedStyle(tile).borderTopColor,
          });
          if (t - start < durationMs) w.requestAnimationFrame(sample);
          else resolve(samples);
        };
        w.requestAnimationFrame(sample);
      }),
    { bed, durationMs },
  );
}

interface FlashMeasurement {
  frequencyHz: number;
  dutyCycle: number;
  cycles: number;
  samples: number;
  meanSampleMs: number;
}

/**
 * Frequency from the rising edges (each taken halfway between the samples around it) and duty
 * cycle as the on share of the whole cycles between the first and last rising edge.
 */
function measureFlash(samples: readonly ColourSample[], onColour: string): FlashMeasurement {
  const on = samples.map((s) => s.bar === onColour);
  const rises: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    if (on[i] && !on[i - 1]) rises.push((samples[i - 1]!.t + samples[i]!.t) / 2);
  }
  if (rises.length < 2) throw new Error(`only ${rises.length} rising edges: no flash measured`);
  const first = rises[0]!;
  const last = rises.at(-1)!;
  const within = (from: number, to: number): number =>
    Math.max(0, Math.min(to, last) - Math.max(from, first));
  // Between two samples the state changed at the midpoint, if at all.
  let onTime = 0;
  for (let i = 0; i + 1 < samples.length; i++) {
    const from = samples[i]!.t;
    const to = samples[i + 1]!.t;
    const mid = (from + to) / 2;
    if (on[i]) onTime += within(from, mid);
    if (on[i + 1]) onTime += within(mid, to);
  }
  const span = last - first;
  return {
    frequencyHz: (rises.length - 1) / (span / 1000),
    dutyCycle: onTime / span,
    cycles: rises.length - 1,
    samples: samples.length,
    meanSampleMs: (samples.at(-1)!.t - samples[0]!.t) / (samples.length - 1),
  };
}

interface Pulse {
  start: number;
  end: number;
}

/**
 * Pulses as the envelope (the largest |sample| within ±2 ms, every 1 ms) above half the peak:
 * the half-amplitude points the standard measures pulse duration and spacing between.
 */
function detectPulses(samples: readonly number[], sampleRate: number): Pulse[] {
  const hop = Math.round(sampleRate / 1000);
  const half = 2 * hop;
  const envelope: number[] = [];
  for (let centre = 0; centre < samples.length; centre += hop) {
    let peak = 0;
    const to = Math.min(samples.length, centre + half);
    for (let i = Math.max(0, centre - half); i < to; i++)
      peak = Math.max(peak, Math.abs(samples[i]!));
    envelope.push(peak);
  }
  const threshold = Math.max(...envelope) / 2;
  const pulses: Pulse[] = [];
  let start: number | null = null;
  envelope.forEach((level, i) => {
    if (level >= threshold && start === null) start = i / 1000;
    if (level < threshold && start !== null) {
      pulses.push({ start, end: i / 1000 });
      start = null;
    }
  });
  return pulses;
}

function spacingsOf(pulses: readonly Pulse[]): number[] {
  return pulses.slice(1).map((p, i) => p.start - pulses[i]!.end);
}

/** Power at one frequency over a Hann-windowed stretch (Goertzel). */
function powerAt(samples: readonly number[], sampleRate: number, frequencyHz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  const n = samples.length;
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    const current = samples[i]! * hann + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  return (
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
  );
}

/** The strongest frequency in 150–1000 Hz, and the level of its harmonics 1–5 in dB re the loudest. */
function harmonicLevels(samples: readonly number[], sampleRate: number) {
  let fundamentalHz = 150;
  let best = 0;
  for (let f = 150; f <= 1000; f += 0.5) {
    const power = powerAt(samples, sampleRate, f);
    if (power > best) {
      best = power;
      fundamentalHz = f;
    }
  }
  const powers = [1, 2, 3, 4, 5].map((k) => powerAt(samples, sampleRate, k * fundamentalHz));
  const loudest = Math.max(...powers);
  return {
    fundamentalHz,
    levels: powers.map((p, i) => ({
      frequencyHz: (i + 1) * fundamentalHz,
      dB: 10 * Math.log10(p / loudest),
    })),
  };
}

/** The page's offline rendering; samples travel as one JSON string, far faster than an array. */
async function renderSound(page: Page, priority: Priority, seconds: number, escalated = false) {
  const rendered = await page.evaluate(
    async ({ priority, seconds, escalated }) => {
      const hook = (globalThis as unknown as PageGlobals).__wardStationAlarmAudio;
      const { sampleRate, samples, leadIn } = await hook.renderOffline(
        priority,
        seconds,
        escalated,
      );
      return { sampleRate, leadIn, samples: JSON.stringify(Array.from(samples)) };
    },
    { priority, seconds, escalated },
  );
  return { ...rendered, samples: JSON.parse(rendered.samples) as number[] };
}

/**
 * A screenshot taken just after the screen's flash clock turned `phase`, so an artifact shows
 * the phase its name says (a flash phase lasts 250 ms at least; a screenshot takes less).
 */
async function screenshotInPhase(
  page: Page,
  priority: 'high' | 'medium',
  phase: 'on' | 'off',
  path: string,
) {
  await page.waitForFunction(
    ({ attribute, phase }) =>
      (globalThis as unknown as PageGlobals).document.documentElement.getAttribute(attribute) !==
      phase,
    { attribute: `data-flash-${priority}`, phase },
    { polling: 'raf' },
  );
  await page.waitForFunction(
    ({ attribute, phase }) =>
      (globalThis as unknown as PageGlobals).document.documentElement.getAttribute(attribute) ===
      phase,
    { attribute: `data-flash-${priority}`, phase },
    { polling: 'raf' },
  );
  await page.screenshot({ path });
}

function playing(page: Page) {
  return page.evaluate(
    () => (globalThis as unknown as PageGlobals).__wardStationAlarmAudio.playing,
  );
}

let device: SimulatedDeviceServer;
let simulator: NoninSimulator | null = null;
let station: HeadlessStation;

test.beforeAll(async () => {
  device = new SimulatedDeviceServer(() => {
    simulator = noninFormat7Driver.createSimulator({
      seed: 11,
      spo2: 97,
      pulseRate: 72,
    }) as NoninSimulator;
    return simulator;
  });
  const port = await device.listen();
  station = await startHeadlessStation({
    config: {
      unit: { name: 'Alarm e2e ward' },
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
      alarms: { profile: 'adult', escalateAfterSeconds: 10 },
    },
  });
});

test.afterAll(async () => {
  await station?.stop();
  await device?.close();
});

test('a limit crossing flashes the tile and banner at the IEC rates; acknowledge and audio pause work', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  await page.goto(station.openUrl);
  await expect(page.getByTestId(`numeric-bed-1-${SPO2_CODE}`)).toHaveText('97', {
    timeout: 15_000,
  });

  // A browser starts no sound without a click, and says so until it has one.
  await expect(page.getByTestId('alarm-sound-status')).toBeVisible();
  await page.getByTestId('enable-alarm-sound').click();
  await expect(page.getByTestId('alarm-sound-status')).toBeHidden();

  const tile = page.getByTestId('bed-tile-bed-1');
  const bar = page.getByTestId('bed-alarm-bed-1');
  const bannerAlarm = page.locator(
    `[data-testid="alarm-banner"] [data-alarm-code="${SPO2_ALARM}"]`,
  );

  // Medium: SpO₂ below 90 for the 10 s condition delay.
  simulator!.setSpO2(86);
  await expect(tile).toHaveAttribute('data-alarm-priority', 'medium', { timeout: 15_000 });
  await expect(bar).toHaveAttribute('data-alarm-flash', 'medium');
  const medium = measureFlash(await sampleTileColours(page, 'bed-1', 5_000), YELLOW);
  console.log('medium flash', medium);
  await screenshotInPhase(page, 'medium', 'on', testInfo.outputPath('medium-alarm-on.png'));
  expect(medium.frequencyHz).toBeGreaterThanOrEqual(0.4);
  expect(medium.frequencyHz).toBeLessThanOrEqual(0.8);
  expect(medium.dutyCycle).toBeGreaterThanOrEqual(0.2);
  expect(medium.dutyCycle).toBeLessThanOrEqual(0.6);

  // High: below the extreme limit the active condition turns high at once.
  simulator!.setSpO2(76);
  await expect(tile).toHaveAttribute('data-alarm-priority', 'high', { timeout: 5_000 });
  await expect(tile).toHaveAttribute('data-alarm-flash', 'high');
  await expect(bannerAlarm).toHaveAttribute('data-alarm-priority', 'high');
  await expect(bannerAlarm).toContainText('Bed 1');
  await expect(bannerAlarm).toContainText(/SpO₂ extreme low/);
  await expect(bannerAlarm).toContainText('Active');
  await expect(bannerAlarm.locator('time')).toHaveText(/\d{2}:\d{2}:\d{2}/);
  await expect(
    tile.locator('.numeric[data-alarm-highlight="true"]').getByTestId(`numeric-bed-1-${SPO2_CODE}`),
  ).toHaveText('76');
  await expect.poll(() => playing(page)).toMatchObject({ priority: 'high' });

  const samples = await sampleTileColours(page, 'bed-1', 3_000);
  const high = measureFlash(samples, RED);
  console.log('high flash', high);
  // One phase for the screen: the tile frame and its alarm bar turn on and off together.
  expect(samples.every((s) => (s.bar === RED) === (s.frame === RED))).toBe(true);
  expect(high.frequencyHz).toBeGreaterThanOrEqual(1.4);
  expect(high.frequencyHz).toBeLessThanOrEqual(2.8);
  expect(high.dutyCycle).toBeGreaterThanOrEqual(0.2);
  expect(high.dutyCycle).toBeLessThanOrEqual(0.6);
  await screenshotInPhase(page, 'high', 'on', testInfo.outputPath('high-alarm-on.png'));
  await screenshotInPhase(page, 'high', 'off', testInfo.outputPath('high-alarm-off.png'));

  // Unacknowledged past the unit's 10 s escalation time: flagged on the banner and the tile.
  await expect(bannerAlarm).toHaveAttribute('data-escalated', 'true', { timeout: 10_000 });
  await expect(bannerAlarm).toContainText('ESCALATED');
  await expect(bar).toContainText('ESCALATED');
  await expect.poll(() => playing(page)).toEqual({ priority: 'high', escalated: true });
  await page.screenshot({ path: testInfo.outputPath('escalated-alarm.png') });

  // Acknowledge from the keyboard: the flash stops, the colour stays, the sound stops.
  const acknowledge = bannerAlarm.getByRole('button', { name: /^Acknowledge Bed 1/ });
  const isFocused = () =>
    acknowledge.evaluate(
      (element) => element === (globalThis as unknown as PageGlobals).document.activeElement,
    );
  for (let presses = 0; presses < 8 && !(await isFocused()); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(acknowledge).toBeFocused();
  await page
    .getByTestId('alarm-banner')
    .screenshot({ path: testInfo.outputPath('acknowledge-focused.png') });
  await page.keyboard.press('Enter');
  await expect(bannerAlarm).toHaveAttribute('data-alarm-state', 'acknowledged');
  await expect(bar).not.toHaveAttribute('data-alarm-flash');
  await expect(bannerAlarm.getByRole('button', { name: /Acknowledge/ })).toHaveCount(0);
  const steady = await sampleTileColours(page, 'bed-1', 1_000);
  expect(steady.every((s) => s.bar === RED && s.frame === RED)).toBe(true);
  await expect.poll(() => playing(page)).toBeNull();
  await page.screenshot({ path: testInfo.outputPath('acknowledged-alarm.png') });

  // Audio pause for the whole station: AUDIO PAUSED with a countdown that runs down.
  await page.getByTestId('audio-pause').click();
  const countdown = page.getByTestId('audio-paused-countdown');
  await expect(page.getByTestId('audio-paused')).toContainText('AUDIO PAUSED');
  await expect(countdown).toHaveText(/^[12]:\d{2}$/);
  const seconds = (text: string | null): number => {
    const [m, s] = (text ?? '').split(':').map(Number);
    return (m ?? NaN) * 60 + (s ?? NaN);
  };
  const before = seconds(await countdown.textContent());
  expect(before).toBeGreaterThan(115);
  await page.waitForTimeout(2_100);
  const after = seconds(await countdown.textContent());
  expect(after).toBeLessThan(before);
  expect(after).toBeGreaterThanOrEqual(before - 3);
  await page.screenshot({ path: testInfo.outputPath('audio-paused.png') });
  await page.getByTestId('audio-resume').click();
  await expect(page.getByTestId('audio-paused')).toBeHidden();

  // Audio pause for one bed, from its tile.
  await page.getByTestId('bed-audio-pause-bed-1').click();
  await expect(page.getByTestId('bed-audio-paused-bed-1')).toContainText(/AUDIO PAUSED [12]:\d{2}/);
  await expect(bannerAlarm).toContainText('AUDIO PAUSED');
  await tile.screenshot({ path: testInfo.outputPath('bed-audio-paused.png') });
  await page.getByRole('button', { name: 'Resume audio for Bed 1' }).click();
  await expect(page.getByTestId('bed-audio-paused-bed-1')).toBeHidden();
  await expect(page.getByTestId('alarm-action-error')).toBeHidden();
});

test('the alarm sounds render with the IEC 60601-1-8 pulse counts, timing and harmonics', async ({
  page,
}) => {
  await page.goto(station.openUrl);
  await expect(page.getByTestId('alarm-banner')).toBeVisible({ timeout: 15_000 });

  const high = await renderSound(page, 'high', 9.5);
  const highPulses = detectPulses(high.samples, high.sampleRate);
  console.log('high pulses', highPulses);
  expect(highPulses[0]!.start).toBeCloseTo(high.leadIn, 2);
  // Ten in the first burst, then silence of 2.5–15 s before the next burst.
  const highBurst = highPulses.slice(0, 10);
  expect(highPulses.length).toBeGreaterThan(10);
  const highInterBurst = highPulses[10]!.start - highBurst[9]!.end;
  expect(highInterBurst).toBeGreaterThanOrEqual(2.5);
  expect(highInterBurst).toBeLessThanOrEqual(15);
  for (const p of highBurst) {
    expect(p.end - p.start).toBeGreaterThanOrEqual(0.075);
    expect(p.end - p.start).toBeLessThanOrEqual(0.2);
  }
  const gaps = spacingsOf(highBurst);
  const td = highBurst[0]!.end - highBurst[0]!.start;
  const x = gaps[0]!;
  expect(x).toBeGreaterThanOrEqual(0.05);
  expect(x).toBeLessThanOrEqual(0.125);
  // 3 + 2, a pause of 0.35–1.30 s, 3 + 2; groups parted by 2x + td.
  for (const i of [0, 1, 3, 5, 6, 8]) expect(Math.abs(gaps[i]! - x)).toBeLessThan(0.005);
  for (const i of [2, 7]) expect(Math.abs(gaps[i]! - (2 * x + td))).toBeLessThan(0.005);
  expect(gaps[4]).toBeGreaterThanOrEqual(0.35);
  expect(gaps[4]).toBeLessThanOrEqual(1.3);

  // Each pulse: a fundamental in 150–1000 Hz with at least four harmonics in 300–4000 Hz
  // within 15 dB of the loudest.
  const first = highBurst[0]!;
  const steadyPart = high.samples.slice(
    Math.round((first.start + 0.02) * high.sampleRate),
    Math.round((first.end - 0.02) * high.sampleRate),
  );
  const timbre = harmonicLevels(steadyPart, high.sampleRate);
  console.log('high pulse harmonics', timbre);
  expect(timbre.fundamentalHz).toBeGreaterThanOrEqual(150);
  expect(timbre.fundamentalHz).toBeLessThanOrEqual(1000);
  const audible = timbre.levels.filter(
    (l) => l.frequencyHz >= 300 && l.frequencyHz <= 4000 && l.dB >= -15,
  );
  expect(audible.length).toBeGreaterThanOrEqual(4);

  // Escalated: the same ten pulses, repeated sooner and louder.
  const escalated = await renderSound(page, 'high', 7.5, true);
  const escalatedPulses = detectPulses(escalated.samples, escalated.sampleRate);
  const escalatedInterBurst = escalatedPulses[10]!.start - escalatedPulses[9]!.end;
  expect(escalatedInterBurst).toBeGreaterThanOrEqual(2.5);
  expect(escalatedInterBurst).toBeLessThan(highInterBurst);
  const peak = (samples: number[]) => samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  expect(peak(escalated.samples)).toBeGreaterThan(peak(high.samples) * 1.5);

  const medium = await renderSound(page, 'medium', 9);
  const mediumPulses = detectPulses(medium.samples, medium.sampleRate);
  console.log('medium pulses', mediumPulses);
  expect(mediumPulses.length).toBeGreaterThan(3);
  const mediumBurst = mediumPulses.slice(0, 3);
  for (const p of mediumBurst) {
    expect(p.end - p.start).toBeGreaterThanOrEqual(0.125);
    expect(p.end - p.start).toBeLessThanOrEqual(0.25);
  }
  for (const gap of spacingsOf(mediumBurst)) {
    expect(gap).toBeGreaterThanOrEqual(0.125);
    expect(gap).toBeLessThanOrEqual(0.25);
  }
  const mediumInterBurst = mediumPulses[3]!.start - mediumBurst[2]!.end;
  expect(mediumInterBurst).toBeGreaterThanOrEqual(2.5);
  expect(mediumInterBurst).toBeLessThanOrEqual(30);

  const low = await renderSound(page, 'low', 3);
  const lowPulses = detectPulses(low.samples, low.sampleRate);
  expect(lowPulses.length).toBeGreaterThanOrEqual(1);
  expect(lowPulses.length).toBeLessThanOrEqual(2);
});
