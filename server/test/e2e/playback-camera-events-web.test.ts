/**
 * Camera events on the recordings page, end to end in Debian's Chromium against the demo city
 * (two simulated cameras recording live, their ONVIF events pulled by the running server): the
 * simulated cam-001 reports motion twice; the operator opens its recordings and sees the motion
 * markers on its timeline bar (named in Italian with the times in the site's zone) and in the
 * recent events; turns on "Solo movimento", which dims what was recorded without motion and
 * draws the parts with motion brightly; jumps from one motion to the previous and the next with
 * the buttons and the M key; a marker's click seeks to its event's start.
 * Screenshots at 1366×768 and 1920×1080 go to test-output/e2e/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import {
  ensureWebBuilt,
  launchChromium,
  screenshot,
  signIn,
  startTestCity,
  within,
} from './live-e2e-support.ts';

const CAM = 'cam-001';

let city: Demo;
let browser: Browser | undefined;
let page: Page;

interface TimelineJson {
  cameras: {
    id: string;
    spans: [number, number][];
    events: { kind: string; from: number; to: number | null }[];
  }[];
}

/** cam-001's timeline over the last 10 minutes, as the server answers it. */
async function timeline(): Promise<TimelineJson['cameras'][number]> {
  const to = Date.now() + 1_000;
  const q = `cameras=${CAM}&from=${new Date(to - 600_000).toISOString()}&to=${new Date(to).toISOString()}`;
  const res = await page.request.get(`${city.url}api/timeline?${q}`);
  expect(res.status()).toBe(200);
  const tl = ((await res.json()) as TimelineJson).cameras[0];
  if (!tl) throw new Error('no timeline');
  return tl;
}

const motions = async () => (await timeline()).events.filter((e) => e.kind === 'motion');
const clockMs = async (): Promise<number> =>
  Number((await page.getByTestId('playback-clock').getAttribute('data-wall-ms')) || NaN);

/** Motion on cam-001 until the server stored it, then off until it ended. */
async function motion(count: number): Promise<{ from: number; to: number }> {
  const onvif = city.onvif;
  if (onvif === undefined) throw new Error('the demo has no ONVIF devices');
  // The subscriber may not have its pull point yet: the camera reports again until stored.
  await within(60_000, `motion ${count} stored`, async () => {
    onvif.emitEvent(CAM, 'motion', true);
    return (await motions()).length === count;
  });
  // Some seconds of motion, then it ends.
  const started = Date.now();
  await within(10_000, 'three seconds of motion', () =>
    Promise.resolve(Date.now() - started > 3_000),
  );
  await within(30_000, `motion ${count} ended`, async () => {
    onvif.emitEvent(CAM, 'motion', false);
    return (await motions())[0]?.to !== null;
  });
  const m = (await motions())[0];
  if (!m || m.to === null) throw new Error('no motion');
  return { from: m.from, to: m.to };
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(2);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(page, city.url, city.username, city.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('camera events on the recordings page', () => {
  let first = { from: 0, to: 0 };
  let second = { from: 0, to: 0 };

  it('shows the motion the camera reported as markers and in the recent events', async () => {
    // Some recording first, then two motions apart, then some recording after them.
    await within(60_000, 'cam-001 recording', async () => (await timeline()).spans.length > 0);
    first = await motion(1);
    const apart = Date.now();
    await within(10_000, 'a gap between motions', () =>
      Promise.resolve(Date.now() - apart > 4_000),
    );
    second = await motion(2);
    await within(60_000, 'recorded past the motion', async () => {
      const spans = (await timeline()).spans;
      return (spans[spans.length - 1]?.[1] ?? 0) > second.to + 6_000;
    });

    await page.goto(`${city.url}#/recordings/${CAM}`);
    const bar = page.getByTestId(`timeline-${CAM}`);
    await bar.locator('.pb-span').first().waitFor({ timeout: 15_000 });
    await page.locator('input[name="reason"]').fill('verifica movimento segnalato');
    await page.getByTestId('open-playback').click();
    await expect.poll(() => clockMs(), { timeout: 30_000 }).toBeGreaterThan(second.to);
    await page.getByTestId('zoom').selectOption('4'); // 10 minutes

    const marks = bar.getByTestId('camera-event-mark');
    await expect.poll(() => marks.count(), { timeout: 40_000 }).toBe(2);
    const name = (await marks.first().getAttribute('aria-label')) ?? '';
    expect(name).toMatch(/^Movimento: \d{1,2}\/\d{1,2}\/\d{4} \d\d:\d\d:\d\d – \d\d:\d\d:\d\d$/);
    expect(await marks.first().getAttribute('data-kind')).toBe('motion');

    // The legend names the kinds on the bars: motion only.
    const legend = page.getByTestId('legend-event-kind');
    expect(await legend.count()).toBe(1);
    expect(await legend.textContent()).toBe('● movimento');

    // Each motion once in the recent events: as its alarm (motion raises one by default), not
    // also as the camera event it came from.
    const strip = page
      .getByTestId('events-strip')
      .locator('[data-kind="camera-event"], [data-kind="alarm"]')
      .filter({ hasText: 'Movimento' });
    await expect.poll(() => strip.count(), { timeout: 20_000 }).toBe(2);
    expect(await strip.first().textContent()).toContain('Movimento');
    await screenshot(page, 'playback-camera-events-1366x768');
  }, 240_000);

  it('narrows the bars to motion and jumps between motions', async () => {
    const bar = page.getByTestId(`timeline-${CAM}`);
    expect(await bar.getByTestId('motion-span').count()).toBe(0);
    await page.getByTestId('motion-only').check();
    expect(await page.locator('.pb-timeline-rows').getAttribute('data-motion-only')).toBe('true');
    await expect.poll(() => bar.getByTestId('motion-span').count()).toBe(2);
    await page.getByTestId('play-pause').click(); // paused: the clock stays at each jump
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'))
      .toBe('false');

    const near = (target: number) =>
      expect
        .poll(async () => Math.abs((await clockMs()) - target), { timeout: 20_000 })
        .toBeLessThan(1_000);
    await page.getByTestId('motion-previous').click();
    await near(second.from);
    await page.getByTestId('motion-previous').click();
    await near(first.from);
    expect(await page.getByTestId('motion-previous').isDisabled()).toBe(true);
    await page.locator('body').press('m'); // M: the next motion
    await near(second.from);
    // A marker's click seeks to its start.
    await bar.getByTestId('camera-event-mark').first().click();
    await near(first.from);

    await page.getByTestId('zoom').selectOption('5'); // 1 minute around the playhead
    await expect.poll(() => bar.getByTestId('camera-event-mark').count()).toBe(2);
    await screenshot(page, 'playback-camera-events-motion-only-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'playback-camera-events-motion-only-1920x1080');
  }, 120_000);
});
