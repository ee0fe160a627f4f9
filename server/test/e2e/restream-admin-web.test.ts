/**
 * The RTSP re-stream's service accounts in the administration, in Debian's Chromium against the
 * demo city (re-stream on): the page shows where a VMS connects and how; the administrator adds
 * a Carabinieri account (password twice; a mismatch is said first); ffprobe, as the partner's
 * VMS, reads cam-001 with it; the administrator disables it after the confirmation and ffprobe
 * is refused. Screenshots at 1366×768 and 1920×1080.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobePath } from '../../src/app/ffmpeg.ts';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import { ensureWebBuilt, launchChromium, screenshot, startTestCity } from './live-e2e-support.ts';

const PASSWORD = 'Sette sorelle sul tetto di via Prione';

let city: Demo;
let browser: Browser | undefined;
let page: Page;

/** ffprobe reading a stream as a VMS would: true when it read it. */
async function reads(url: string): Promise<boolean> {
  try {
    await promisify(execFile)(ffprobePath(), ['-v', 'error', '-rtsp_transport', 'tcp', url], {
      timeout: 60_000,
    });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(1);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(city.url);
  await page.getByLabel('Nome utente').fill(city.username);
  await page.getByLabel('Password').fill(city.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('button', { name: 'Esci' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('RTSP re-stream in the administration', () => {
  it('adds a service account that a VMS reads with, and disables it', async () => {
    const rtsp = city.restream?.url ?? '';
    expect(rtsp).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/$/);
    await page.goto(`${city.url}#/admin/restream`);
    await page.getByRole('heading', { name: 'Ritrasmissione RTSP' }).waitFor();
    expect(await page.getByTestId('restream-rtsp').textContent()).toBe(rtsp);
    await page.getByText('Autenticazione Digest', { exact: false }).waitFor();

    const form = page.locator('form.admin-form');
    await form.getByLabel('Nome').fill('cc-genetec');
    await form.getByLabel('Ente').selectOption('carabinieri');
    await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await form.getByLabel('Ripeti la password').fill(`${PASSWORD}!`);
    await form.getByText('Le due password non coincidono.').waitFor();
    expect(await form.getByRole('button', { name: 'Crea l’account' }).isDisabled()).toBe(true);
    await form.getByLabel('Ripeti la password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Crea l’account' }).click();
    const row = page.getByRole('row', { name: /cc-genetec/ });
    await row.getByText('attivo', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('Carabinieri');
    expect(await page.content()).not.toContain(PASSWORD);
    await page.locator('.admin-page h1').scrollIntoViewIfNeeded();
    await screenshot(page, 'restream-admin-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'restream-admin-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Crea l’account' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'restream-admin-form-1366x768');

    const url = `${rtsp.replace('rtsp://', `rtsp://cc-genetec:${encodeURIComponent(PASSWORD)}@`)}cam-001/main`;
    expect(await reads(url)).toBe(true);

    await row.getByRole('button', { name: 'Disattiva' }).click();
    const confirm = row.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain('definitivamente');
    await confirm.getByRole('button', { name: 'Disattiva' }).click();
    await row.getByText(/^disattivato il \d{1,2}\/\d{1,2}\/\d{4} \d\d:\d\d/).waitFor();
    expect(await reads(url)).toBe(false);
  });
});
