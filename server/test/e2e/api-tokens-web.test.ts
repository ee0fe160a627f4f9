/**
 * API tokens in the administration, in Debian's Chromium against the demo city: the
 * administrator makes a token for a machine's account with one permission; the secret is shown
 * once; a program using it (plain HTTP, no browser) lists the cameras; the administrator revokes
 * it and the program is refused at once; the list shows who made and revoked it, in Italian, on
 * the site's clock. Screenshots at 1366×768 and 1920×1080.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import { ensureWebBuilt, launchChromium, screenshot, startTestCity } from './live-e2e-support.ts';

let city: Demo;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(1);
  await city.vedetta.services.accounts.users.create({
    username: 'monitoraggio',
    password: 'a long machine password 1234',
    role: 'operator',
    agencyId: 'polizia-municipale',
  });
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

describe('API tokens in the administration', () => {
  it('are made with a scope, shown once, used by a program, and revoked', async () => {
    await page.goto(`${city.url}#/admin/tokens`);
    await page.getByText('Nessun token.').waitFor();
    const form = page.locator('form.admin-form');
    await form.getByLabel('Nome').fill('Monitoraggio sala server');
    await form.getByLabel('Account').selectOption({ label: 'monitoraggio (polizia-municipale)' });
    await form.getByLabel('Visione in diretta').check();
    await form.getByLabel('Validità (giorni)').fill('30');
    await form.getByRole('button', { name: 'Crea il token' }).click();
    const shown = page.getByTestId('token-secret');
    await shown.waitFor();
    const secret = (await shown.locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^vdt_/);
    expect(await shown.textContent()).toContain('non sarà più mostrato');
    const row = page.getByRole('row', { name: /Monitoraggio sala server/ });
    expect(await row.textContent()).toContain('Visione in diretta');
    expect(await row.textContent()).toMatch(/valido fino al \d{1,2}\/\d{1,2}\/\d{4} \d\d:\d\d/);
    await screenshot(page, 'api-tokens-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'api-tokens-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });

    // A program with the token, outside the browser.
    const call = () =>
      fetch(new URL('/api/cameras', city.url), { headers: { authorization: `Bearer ${secret}` } });
    expect((await call()).status).toBe(200);

    // Once dismissed, the secret is gone from the page.
    await shown.getByRole('button', { name: "Fatto, l'ho copiato" }).click();
    expect(await page.getByText(secret).count()).toBe(0);

    await row.getByRole('button', { name: 'Revoca' }).click();
    await row.getByText(/^revocato il .+ da admin$/).waitFor();
    expect((await call()).status).toBe(401);
  });
});
