/**
 * The alarm console end to end, in Debian's Chromium against the demo city and its camera
 * simulator: a camera taken offline appears on the console as a high-priority alarm; an operator
 * acknowledges it, assigns it to themself and comments; once the camera is back the alarm shows
 * resolved and is closed; a report (segnalazione) made from the form appears at once on a second
 * operator's console in another browser context (Server-Sent Events). Screenshots at 1366×768
 * and 1920×1080.
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
} from './live-e2e-support.ts';

const PASSWORD = 'correct horse battery staple';

let city: Demo;
let browser: Browser | undefined;
let rossi: Page;
let bianchi: Page;

async function operator(username: string, width: number, height: number): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await signIn(page, city.url, username, PASSWORD);
  await page.goto(`${city.url}#/alarms`);
  await page.getByText('Aggiornamento in tempo reale').waitFor({ timeout: 15_000 });
  return page;
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(3);
  const { users, agencies } = city.vedetta.services.accounts;
  const owner = (await agencies.list()).find((a) => a.kind === 'owner')?.id ?? '';
  const people: [string, string][] = [
    ['rossi', 'Ag. Rossi'],
    ['bianchi', 'Ag. Bianchi'],
  ];
  for (const [username, displayName] of people) {
    await users.create({
      username,
      displayName,
      password: PASSWORD,
      role: 'operator',
      agencyId: owner,
    });
  }
  browser = await launchChromium();
  rossi = await operator('rossi', 1366, 768);
  bianchi = await operator('bianchi', 1920, 1080);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('the alarm console', () => {
  it('shows a camera offline, acknowledged, commented, resolved and closed', async () => {
    const sim = city.simulator;
    if (sim === undefined) throw new Error('the demo has no simulator');
    sim.faults.offline('cam-001');
    const row = rossi.locator('[data-alarm-kind="camera_offline"]', { hasText: 'cam-001' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-alarm-state')).toBe('new');
    await expect.poll(() => row.textContent()).toContain('Alta');
    await row.getByRole('button').click();
    const detail = rossi.locator('.alarm-detail');
    await detail.getByRole('button', { name: 'Prendi in carico' }).click();
    await rossi
      .locator('[data-alarm-kind="camera_offline"][data-alarm-state="acknowledged"]', {
        hasText: 'cam-001',
      })
      .waitFor({ timeout: 10_000 });
    await detail.getByRole('button', { name: 'Assegna a me' }).click();
    await detail.locator('.alarm-facts .alarm-assignee', { hasText: 'rossi' }).waitFor();
    await detail.getByLabel('Commento').fill('Pattuglia avvisata, verifica in corso');
    await detail.getByRole('button', { name: 'Aggiungi commento' }).click();
    await detail.getByText('Pattuglia avvisata, verifica in corso').waitFor();
    const live = detail.getByRole('link', { name: 'Vedi live' });
    expect(await live.getAttribute('href')).toBe('#/wall/cam-001');
    const replay = detail.getByRole('link', { name: "Rivedi dal momento dell'allarme" });
    expect(await replay.getAttribute('href')).toMatch(/^#\/recordings\/cam-001%40\d{4}-\d\d-\d\dT/);
    await screenshot(rossi, 'alarm-console-1366');

    // Closing is refused while the camera is still offline, with the reason in Italian.
    await detail.getByRole('button', { name: "Chiudi l'allarme" }).click();
    await detail.getByRole('alert').waitFor();

    sim.faults.restore('cam-001');
    await rossi
      .locator('[data-alarm-kind="camera_offline"][data-alarm-cleared="true"]', {
        hasText: 'cam-001',
      })
      .getByText('Risolto')
      .waitFor({ timeout: 45_000 });
    await detail.getByLabel('Nota di chiusura (facoltativa)').fill('Telecamera di nuovo in linea');
    await detail.getByRole('button', { name: "Chiudi l'allarme" }).click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    // Still in the history, closed, with both comments.
    await rossi.getByRole('button', { name: 'Tutti (storico)' }).click();
    const closed = rossi.locator('[data-alarm-kind="camera_offline"][data-alarm-state="closed"]', {
      hasText: 'cam-001',
    });
    await closed.waitFor({ timeout: 10_000 });
    expect(await closed.textContent()).toContain('Commenti: 2');
  });

  it("shows a report made from the form on another operator's console at once", async () => {
    await rossi.getByRole('button', { name: 'Nuova segnalazione' }).click();
    const form = rossi.locator('form.alarm-report');
    await form.getByLabel('Telecamera').selectOption('cam-002');
    await form.getByLabel('Priorità').selectOption('high');
    await form.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await form.locator('.error-text').waitFor();
    await form.getByLabel('Nota').fill('Lite tra due persone davanti al bar');
    await form.getByRole('button', { name: 'Invia la segnalazione' }).click();
    const seen = bianchi.locator('[data-alarm-kind="operator_report"]', {
      hasText: 'Lite tra due persone davanti al bar',
    });
    await seen.waitFor({ timeout: 10_000 });
    expect(await seen.textContent()).toContain('cam-002');
    await seen.getByRole('button').click();
    await bianchi.locator('.alarm-detail').getByText('rossi').first().waitFor();
    await screenshot(bianchi, 'alarm-console-1920');
    await screenshot(rossi, 'alarm-console-report-1366');
  });
});
