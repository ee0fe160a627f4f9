/**
 * End-to-end, in Debian's Chromium against the demo city (in-process, with its camera
 * simulator): instant replay on a wall tile and digital zoom. After the camera has recorded a
 * while, "Replay" with a typed reason plays the last 30 s of it in the tile (a real audited
 * playback session: the audit trail has the `playback.view` entry with that reason), the reason
 * is offered next time among the recent ones, and "Torna al live" plays live again. The wheel
 * zooms the tile to 4×, the zoom is kept when the tile is enlarged, and reset; a privacy-masked
 * area stays covered at 4× (the picture's pixels there are the mask's black).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import {
  dropCamera,
  ensureWebBuilt,
  launchChromium,
  screenshot,
  shotsDir,
  signIn,
  startTestCity,
  within,
} from './live-e2e-support.ts';
import { imageGray } from './playback-export-fixtures.ts';

const REASON = 'Verifica segnalazione 112 via Roma';
const tile = '[data-tile-index="0"]';

let city: Demo;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(2);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await signIn(page, city.url, city.username, city.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

/** Seconds recorded of `camera` in the last 10 minutes. */
async function recordedSeconds(camera: string): Promise<number> {
  const to = new Date(Date.now() + 60_000).toISOString();
  const from = new Date(Date.now() - 600_000).toISOString();
  const res = await page.request.get(
    `${city.url}api/timeline?cameras=${camera}&from=${from}&to=${to}`,
  );
  const body = (await res.json()) as { cameras: { spans: [number, number][] }[] };
  return (body.cameras[0]?.spans ?? []).reduce((s, [a, b]) => s + (b - a) / 1000, 0);
}

/** The replay video's current time. */
function replayTime(): Promise<number> {
  return page.$eval(
    `${tile} [data-testid="replay-video"]`,
    (v) => (v as unknown as { currentTime: number }).currentTime,
  );
}

/** The tile's live video's state. */
function liveState(): Promise<string | null> {
  return page.locator(`${tile} .live-video`).getAttribute('data-state');
}

/** The mean RGB level of the middle of the tile's picture (0 black … 255 white). */
async function middleLevel(name: string, box: { x0: number; x1: number }): Promise<number> {
  const zoomView = page.locator(`${tile} .zoom-view`);
  const bb = await zoomView.boundingBox();
  if (bb === null) throw new Error('no zoom view');
  const w = Math.floor(bb.width);
  const h = Math.floor(bb.height);
  const file = path.join(shotsDir, `${name}.png`);
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: file, clip: { x: bb.x, y: bb.y, width: w, height: h } });
  const rgb = await imageGray(file, w, h);
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(h * 0.35); y < h * 0.65; y++) {
    for (let x = Math.floor(w * box.x0); x < w * box.x1; x++) {
      for (let c = 0; c < 3; c++) sum += rgb[(y * w + x) * 3 + c] ?? 0;
      n += 3;
    }
  }
  return sum / n;
}

describe('instant replay and digital zoom on the wall', () => {
  it('replays the last 30 s in the tile with a reason, audited, and goes back to live', async () => {
    await page.getByRole('link', { name: 'Wall' }).click();
    await page.locator('[data-layout="1"]').click();
    await page.getByLabel('Trasporto').selectOption('mse');
    await dropCamera(page, 'cam-001', 0);
    await within(30_000, 'the tile playing live', async () => (await liveState()) === 'playing');
    // Let it record about 20 s.
    await within(90_000, '20 s recorded', async () => (await recordedSeconds('cam-001')) >= 20);

    await page.locator(tile).getByRole('button', { name: 'Replay' }).click();
    await page.locator(tile).getByLabel('Motivo (obbligatorio)').fill(REASON);
    await page.locator(tile).getByRole('button', { name: 'Avvia replay' }).click();
    await page.locator(`${tile}[data-tile-mode="replay"]`).waitFor({ timeout: 15_000 });
    await within(20_000, 'the replay to start', async () => (await replayTime()) > 0.5);
    const first = await replayTime();
    await within(20_000, 'the replay to advance', async () => (await replayTime()) > first + 1);
    expect(await page.locator(`${tile} [data-testid="tile-replay"]`).textContent()).toBe('REPLAY');
    // Recorded video on screen (the test pattern, not a black tile).
    expect(await middleLevel('wall-replay-picture', { x0: 0.2, x1: 0.8 })).toBeGreaterThan(40);
    await screenshot(page, 'wall-replay-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'wall-replay-1920');
    await page.setViewportSize({ width: 1366, height: 768 });

    await city.vedetta.services.audit.flush();
    const views = await city.vedetta.services.audit.query({
      action: 'playback.view',
      username: city.username,
    });
    expect(
      views.entries.some(
        (e) => e.reason === REASON && e.cameraId === 'cam-001' && e.outcome === 'granted',
      ),
    ).toBe(true);

    await page.locator(tile).getByRole('button', { name: 'Torna al live' }).first().click();
    await page.locator(`${tile}[data-tile-mode="live"]`).waitFor();
    await within(30_000, 'live again', async () => (await liveState()) === 'playing');

    // The reason is offered next time, first; one click replays.
    await page.locator(tile).getByRole('button', { name: 'Replay' }).click();
    const recent = page.locator(`${tile} .replay-recent-reason`);
    expect(await recent.allTextContents()).toEqual([REASON]);
    await recent.first().click();
    await page.locator(`${tile}[data-tile-mode="replay"]`).waitFor({ timeout: 15_000 });
    await within(20_000, 'the second replay to play', async () => (await replayTime()) > 0.5);
    await page.locator(tile).getByRole('button', { name: 'Torna al live' }).first().click();
    await within(30_000, 'live once more', async () => (await liveState()) === 'playing');
  });

  it('zooms with the wheel to 4×, keeps it on enlarge, resets; a mask stays covered', async () => {
    // A mask over the middle of the picture (as the mask editor saves it).
    const put = await page.request.put(`${city.url}api/cameras/cam-001/masks`, {
      data: {
        masks: [
          {
            label: 'Finestre civico 12',
            points: [
              [0.3, 0.3],
              [0.7, 0.3],
              [0.7, 0.7],
              [0.3, 0.7],
            ],
          },
        ],
      },
    });
    expect(put.status()).toBe(200);
    await page.reload();
    await within(30_000, 'live after reload', async () => (await liveState()) === 'playing');
    await within(
      15_000,
      'the mask drawn',
      async () =>
        (await page
          .locator(`${tile} svg[data-privacy-masks]`)
          .getAttribute('data-privacy-masks')) === '1',
    );
    // Unzoomed, the picture left of the mask is the test pattern (not black).
    expect(await middleLevel('wall-zoom-1x', { x0: 0.05, x1: 0.2 })).toBeGreaterThan(40);

    const bb = await page.locator(`${tile} .zoom-view`).boundingBox();
    if (bb === null) throw new Error('no zoom view');
    await page.mouse.move(bb.x + bb.width / 2, bb.y + bb.height / 2);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -100);
      await expect.poll(() => page.locator(tile).getAttribute('data-tile-zoom')).not.toBe('1.00');
    }
    await expect.poll(() => page.locator(tile).getAttribute('data-tile-zoom')).toBe('4.00');
    expect(await page.locator(`${tile} [data-testid="zoom-level"]`).textContent()).toBe('4×');
    const transform = await page.locator(`${tile} .zoom-layer`).getAttribute('style');
    expect(transform).toMatch(/scale\(4(\.0+)?\)/);
    // At 4× around the middle, the whole middle of the tile is the mask: black.
    expect(await middleLevel('wall-zoom-4x-masked', { x0: 0.1, x1: 0.9 })).toBeLessThan(8);
    await screenshot(page, 'wall-zoom-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'wall-zoom-1920');
    await page.setViewportSize({ width: 1366, height: 768 });

    // Enlarge (double-click): main stream, same zoom.
    await page.locator('[data-layout="4"]').click();
    await page.locator(`${tile} .zoom-view`).dblclick();
    await page.locator(`${tile}.wall-tile-enlarged`).waitFor();
    await within(
      30_000,
      'the enlarged tile playing',
      async () => (await liveState()) === 'playing',
    );
    expect(await page.locator(tile).getAttribute('data-tile-zoom')).toBe('4.00');
    expect(await page.locator(`${tile} .zoom-layer`).getAttribute('style')).toMatch(
      /scale\(4(\.0+)?\)/,
    );
    expect(await middleLevel('wall-zoom-4x-enlarged', { x0: 0.1, x1: 0.9 })).toBeLessThan(8);

    await page.locator(tile).getByRole('button', { name: 'Annulla zoom' }).click();
    expect(await page.locator(tile).getAttribute('data-tile-zoom')).toBe('1.00');
    expect((await page.locator(`${tile} .zoom-layer`).getAttribute('style')) ?? '').not.toContain(
      'scale',
    );
  });
});
