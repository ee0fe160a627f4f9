/**
 * Wall views saved on the server, in Debian's Chromium against the demo city: a view built in one
 * browser context appears in a second one (another PC) for the same user; the 1+5 layout shows a
 * big tile and five small ones, all playing; a hotkey switches the layout keeping the cameras;
 * a view shared with the agency appears for another operator (opened with Alt+2); a tile tour
 * moves to its next camera when the page's clock passes the interval (Playwright's clock, not
 * wall time). Screenshots of 1+5 and 4×4 at 1366×768 and 1920×1080.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import {
  dropCamera,
  ensureWebBuilt,
  launchChromium,
  screenshot,
  signIn,
  startTestCity,
  videoProgress,
  within,
} from './live-e2e-support.ts';

const PASSWORD = 'correct horse battery staple';
let city: Demo;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

async function open(
  user: string,
  password: string,
  viewport = { width: 1366, height: 768 },
  before?: (page: Page) => Promise<void>,
): Promise<Page> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  await before?.(page);
  await signIn(page, city.url, user, password);
  await page.getByRole('link', { name: 'Wall' }).click();
  await page.locator('[data-view-name]').first().waitFor({ timeout: 15_000 });
  return page;
}

const cameraOf = (page: Page, i: number) =>
  page.locator(`[data-tile-index="${i}"]`).getAttribute('data-tile-camera');

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(7);
  browser = await launchChromium();
  await city.vedetta.services.accounts.users.create({
    username: 'op.verdi',
    displayName: 'Ag. Verdi',
    password: PASSWORD,
    role: 'operator',
    agencyId: 'polizia-municipale',
  });
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await city?.close();
});

describe('wall views in the browser', () => {
  let first: Page;

  it('plays a 1+5 view: one big tile and five small ones', async () => {
    first = await open(city.username, city.password);
    await first.locator('[data-layout="1+5"]').click();
    expect(await first.locator('.wall-tile').count()).toBe(6);
    for (let i = 0; i < 6; i++) await dropCamera(first, `cam-00${i + 1}`, i);
    await within(45_000, 'six tiles playing', async () => {
      const p = await videoProgress(first);
      return p.length === 6 && p.every((x) => x.state === 'playing');
    });
    const big = await first.locator('[data-tile-index="0"]').boundingBox();
    const small = await first.locator('[data-tile-index="1"]').boundingBox();
    expect(await first.locator('[data-tile-big="true"]').count()).toBe(1);
    expect((big?.width ?? 0) > 1.8 * (small?.width ?? 0)).toBe(true);
    expect((big?.height ?? 0) > 1.8 * (small?.height ?? 0)).toBe(true);
    await screenshot(first, 'wall-1+5-1366x768');
    await first.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(first, 'wall-1+5-1920x1080');
  });

  it('switches the layout with a hotkey, keeping the cameras that fit', async () => {
    await first.locator('.wall-grid').click({ position: { x: 5, y: 5 } });
    await first.keyboard.press('6');
    await expect
      .poll(() => first.locator('[data-layout="16"]').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await first.locator('.wall-tile').count()).toBe(16);
    await dropCamera(first, 'cam-007', 15);
    for (let i = 0; i < 6; i++) expect(await cameraOf(first, i)).toBe(`cam-00${i + 1}`);
    await screenshot(first, 'wall-4x4-1920x1080');
    await first.setViewportSize({ width: 1366, height: 768 });
    await screenshot(first, 'wall-4x4-1366x768');
    // Back to 1+5: the six cameras are where they were; the 16th is remembered, not lost.
    await first.keyboard.press('5');
    await expect.poll(() => first.locator('.wall-tile').count()).toBe(6);
    for (let i = 0; i < 6; i++) expect(await cameraOf(first, i)).toBe(`cam-00${i + 1}`);
    await first.keyboard.press('6');
    await expect.poll(() => cameraOf(first, 15)).toBe('cam-007');
    await first.keyboard.press('5');
    await expect.poll(() => first.locator('.wall-tile').count()).toBe(6);
  });

  it('shows the same view on another PC of the same user', async () => {
    const other = await open(city.username, city.password);
    await expect
      .poll(() => other.locator('[data-layout="1+5"]').getAttribute('aria-pressed'), {
        timeout: 10_000,
      })
      .toBe('true');
    for (let i = 0; i < 6; i++) expect(await cameraOf(other, i)).toBe(`cam-00${i + 1}`);
    await other.context().close();
  });

  it('shares a view with the agency, and another operator opens it with Alt+2', async () => {
    await first.getByRole('button', { name: 'Salva come…' }).click();
    await first.getByLabel('Nome').fill('Sala operativa');
    await first.getByLabel('Cartella').fill('Centro');
    await first.getByLabel('Visibile a').selectOption('agency');
    await first.locator('.wall-view-form').getByRole('button', { name: 'Salva come…' }).click();
    await first.locator('[data-view-name="Sala operativa"][aria-current="true"]').waitFor();

    const op = await open('op.verdi', PASSWORD);
    await op.locator('[data-view-name="Sala operativa"]').waitFor();
    // "Il mio wall" (top level) first, then the Centro folder: Alt+2 opens "Sala operativa".
    await op.locator('.wall-grid').click({ position: { x: 5, y: 5 } });
    await op.keyboard.press('Alt+2');
    await op.locator('[data-view-name="Sala operativa"][aria-current="true"]').waitFor();
    await expect.poll(() => cameraOf(op, 0)).toBe('cam-001');
    for (let i = 1; i < 6; i++) expect(await cameraOf(op, i)).toBe(`cam-00${i + 1}`);
    // Read-only to an operator: a change offers "save as", never "save".
    await op.keyboard.press('1');
    await op.getByText('Vista condivisa in sola lettura').waitFor();
    await screenshot(op, 'wall-shared-view-operator');
    await op.context().close();
  });

  it('advances a tile tour when the clock passes its interval', async () => {
    const page = await open(city.username, city.password, undefined, async (p) => {
      await p.clock.install();
    });
    await page.locator('[data-view-name="Il mio wall"]').click();
    await page.locator('[data-layout="1"]').click();
    await page.locator('[data-tile-index="0"]').click();
    await page.getByRole('button', { name: 'Giro riquadro' }).click();
    const form = page.locator('.wall-tour-form');
    await form.getByLabel('cam-001', { exact: false }).check();
    await form.getByLabel('cam-002', { exact: false }).check();
    await form.getByLabel('Ogni (secondi, almeno 5)').fill('5');
    await form.getByRole('button', { name: 'Avvia il giro' }).click();
    await expect.poll(() => cameraOf(page, 0)).toBe('cam-001');
    expect(await page.locator('[data-tile-touring="true"]').count()).toBe(1);
    await page.clock.runFor(6000);
    await expect.poll(() => cameraOf(page, 0)).toBe('cam-002');
    await page.clock.runFor(5000);
    await expect.poll(() => cameraOf(page, 0)).toBe('cam-001');
  });
});
