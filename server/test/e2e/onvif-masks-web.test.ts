/**
 * End-to-end: the camera's own privacy masks in the mask editor, in Debian's Chromium, against
 * the demo city (whose `cam-001` keeps one camera-side mask, the window of a house). The
 * administrator opens the privacy page of `cam-001`, reads the camera's masks: the mask is drawn
 * dashed over the picture and, with no Vedetta masks, the verdict says the camera hides more;
 * after saving a Vedetta mask over the window and a second one elsewhere, reading again says in
 * Italian that the camera hides less, with one area not covered; a third mask drawn and saved in
 * the editor is compared again by itself (two areas not covered). Screenshots at 1366×768 and
 * 1920×1080 go to test-output/e2e/.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import {
  ensureWebBuilt,
  launchChromium,
  shotsDir,
  startTestCity,
  within,
} from './live-e2e-support.ts';

let demo: Demo;
let browser: Browser | undefined;
let page: Page;

const SIZES = [
  [1366, 768],
  [1920, 1080],
] as const;

/** The editor's picture: the live still once loaded, or the grid when there is none. */
function pictureShown(): Promise<boolean> {
  // A string: the server's TypeScript has no DOM types.
  return page.evaluate<boolean>(
    `(() => { const img = document.querySelector('.mask-canvas img');
      return document.querySelector('.mask-grid') !== null || (img !== null && img.naturalWidth > 0); })()`,
  );
}

async function shots(name: string): Promise<void> {
  await within(20_000, 'the editor shows its picture', pictureShown);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: path.join(shotsDir, `onvif-masks-${name}-${width}x${height}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
}

beforeAll(async () => {
  ensureWebBuilt();
  demo = await startTestCity(2);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(demo.url);
  await page.getByLabel('Nome utente').fill(demo.username);
  await page.getByLabel('Password').fill(demo.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('button', { name: 'Esci' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await demo.close();
});

describe("the camera's masks in the mask editor", () => {
  it('reads a demo camera’s masks, draws them dashed and says how they compare', async () => {
    await page.goto(`${demo.url}#/privacy/cam-001`);
    const block = page.getByRole('region', { name: 'Maschere della telecamera' });
    await block.getByRole('button', { name: 'Leggi le maschere della telecamera' }).click();
    const verdict = block.locator('[data-verdict]');
    await verdict.waitFor({ timeout: 15_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('camera_hides_more');
    expect(await verdict.textContent()).toBe(
      'La telecamera nasconde più delle maschere di Vedetta: 1 sua maschera copre altre zone.',
    );
    const outline = page.locator('[data-testid="mask-editor-surface"] [data-camera-mask]');
    expect(await outline.count()).toBe(1);
    // Dashed, unlike Vedetta's own masks (a string: the server's TypeScript has no DOM types).
    const dashes = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('[data-camera-mask]')).strokeDasharray`,
    );
    expect(String(dashes)).toMatch(/^\d+(px)?,? \d+/);
    await shots('more');

    // Vedetta's masks: the camera's window (picture x 0.2…0.35, y 0.25…0.4) and a door.
    const saved = await page.evaluate(async () => {
      const res = await fetch('/api/cameras/cam-001/masks', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          masks: [
            {
              label: 'Finestra',
              points: [
                [0.2, 0.25],
                [0.35, 0.25],
                [0.35, 0.4],
                [0.2, 0.4],
              ],
            },
            {
              label: 'Porta',
              points: [
                [0.6, 0.5],
                [0.7, 0.5],
                [0.7, 0.9],
                [0.6, 0.9],
              ],
            },
          ],
        }),
      });
      return res.status;
    });
    expect(saved).toBe(200);
    await page.reload();
    await block.getByRole('button', { name: 'Leggi le maschere della telecamera' }).click();
    await page.locator('[data-verdict="camera_hides_less"]').waitFor({ timeout: 15_000 });
    expect(await verdict.textContent()).toBe(
      'La telecamera nasconde meno delle maschere di Vedetta: 1 area non coperta.',
    );
    expect(await block.getByText('«Porta»: parte nascosta dalla telecamera: 0%').count()).toBe(1);
    await shots('less');

    // A third mask drawn in the editor and saved: the comparison is made again by itself.
    const surface = page.getByTestId('mask-editor-surface');
    const box = await surface.boundingBox();
    if (box === null) throw new Error('no editor surface');
    for (const [x, y] of [
      [0.85, 0.1],
      [0.95, 0.1],
      [0.95, 0.2],
    ] as const) {
      await page.mouse.click(box.x + x * box.width, box.y + y * box.height);
    }
    await page.getByRole('button', { name: 'Chiudi maschera' }).click();
    await page.getByRole('button', { name: 'Salva maschere' }).click();
    await page
      .getByText('La telecamera nasconde meno delle maschere di Vedetta: 2 aree non coperte.')
      .waitFor({ timeout: 15_000 });
  });
});
