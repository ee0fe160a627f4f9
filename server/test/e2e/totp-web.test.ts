/**
 * The TOTP second factor in Debian's Chromium against the demo city: an operator opens
 * "Sicurezza" from the header, turns the factor on with a code the test computes from the secret
 * shown as text, sees the ten recovery codes once, signs out, and signs in again with the
 * password and then a code. Screenshots at 1366×768 and 1920×1080 of the enrolment, the codes and
 * the sign-in's code step.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import { totpCode } from '../../src/accounts/totp.ts';
import { ensureWebBuilt, launchChromium, screenshot, startTestCity } from './live-e2e-support.ts';

const PASSWORD = 'gabbiano nebbia porto ancora';

let city: Demo;
let browser: Browser | undefined;
let page: Page;

async function shots(name: string): Promise<void> {
  await screenshot(page, `${name}-1366x768`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, `${name}-1920x1080`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function passwordStep(username = 'rossi'): Promise<void> {
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(1);
  await city.vedetta.services.accounts.users.create({
    username: 'rossi',
    displayName: 'Mario Rossi',
    password: PASSWORD,
    role: 'operator',
    agencyId: 'polizia-municipale',
  });
  await city.vedetta.services.accounts.users.create({
    username: 'capo',
    displayName: 'Anna Capo',
    password: PASSWORD,
    role: 'supervisor',
    agencyId: 'polizia-municipale',
  });
  // As an installation's configuration would say (the demo requires nobody).
  city.vedetta.config.auth.secondFactor.requiredRoles.push('supervisor');
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('the TOTP second factor in the browser', () => {
  it('is turned on from the header, then asked for at sign-in', async () => {
    await page.goto(city.url);
    await passwordStep();
    await page.getByRole('button', { name: 'Sicurezza', exact: true }).click();
    await page.getByRole('button', { name: 'Attiva la verifica in due passaggi' }).click();
    const shown = page.getByTestId('totp-secret');
    await shown.waitFor();
    const secret = ((await shown.textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByRole('img', { name: 'Codice QR per l’app di autenticazione' }).waitFor();
    await shots('totp-enrol');

    await page.getByLabel('Inserisci il codice di 6 cifre').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Conferma e attiva' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await page.getByText('vengono mostrati solo ora').waitFor();
    await shots('totp-recovery-codes');
    await page.getByRole('button', { name: 'Ho conservato i codici' }).click();
    await page.getByRole('button', { name: 'Esci' }).click();

    // The password alone no longer signs in: the code is asked for.
    await passwordStep();
    await page.getByText('Inserisci il codice di 6 cifre dell’app di autenticazione.').waitFor();
    await shots('totp-sign-in');
    await page.getByLabel('Codice', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByText('Codice non valido o già usato.').waitFor();
    // The confirmation's code is spent; the next step's is accepted (one step of skew).
    await page.getByLabel('Codice', { exact: true }).fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByRole('button', { name: 'Esci' }).waitFor();
    expect(await page.getByTestId('header-user').textContent()).toContain('rossi');
    await shots('totp-header');
  });

  it('shows an account whose role requires a factor the security page first, and only it', async () => {
    await page.context().clearCookies();
    await page.goto(city.url);
    await passwordStep('capo');
    await page.getByText('Per il tuo ruolo è obbligatoria la verifica in due passaggi').waitFor();
    expect(await page.getByRole('button', { name: 'Torna all’applicazione' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Wall' }).count()).toBe(0);
    await shots('totp-required');
    await page.getByRole('button', { name: 'Attiva la verifica in due passaggi' }).click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Inserisci il codice di 6 cifre').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Conferma e attiva' }).click();
    await page.getByRole('button', { name: 'Ho conservato i codici' }).click();
    await page.getByRole('link', { name: 'Wall' }).waitFor();
  });
});
