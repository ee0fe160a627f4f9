/**
 * End-to-end: the administration pages for cameras, legal holds and retention in Debian's
 * Chromium, against the demo city (its camera simulator, real recordings). An administrator
 * adds a camera pointing at the simulator, tests its connection (codec and a still), changes
 * it, disables and removes it; places a legal hold from a prefilled address, extends and
 * releases it; sets 7 days of retention, sees the Italian message when the justification is
 * missing, and saves it with one. Screenshots of each tab at 1366×768 and 1920×1080 go to
 * test-output/e2e/.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import { recordedRangeOf } from '../../src/recording/index.ts';
import { waitFor } from '../support/wait-for.ts';
import { ensureWebBuilt, launchChromium, shotsDir, startTestCity } from './live-e2e-support.ts';

let demo: Demo;
let browser: Browser | undefined;
let page: Page;

const SIZES = [
  [1366, 768],
  [1920, 1080],
] as const;

/** Screenshots the page at both sizes, then returns to the first. */
async function shots(name: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(shotsDir, `admin-${name}-${width}x${height}.png`) });
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

describe('administration: cameras, legal holds, retention', () => {
  it('adds a camera after testing its connection, changes, disables and removes it', async () => {
    const sim = demo.simulator;
    if (sim === undefined) throw new Error('the demo has no simulator');
    await page.goto(`${demo.url}#/admin/cameras`);
    await page.getByRole('button', { name: 'Nuova telecamera' }).click();
    await page.getByLabel('Codice').fill('cam-900');
    await page.getByLabel('Nome').fill('Prova simulatore');
    await page.getByLabel('Flusso principale (RTSP)').fill(sim.url('cam-001'));
    await page.getByLabel('Latitudine').fill('44,1');
    await page.getByLabel('Longitudine').fill('9,82');
    await page.getByRole('button', { name: 'Prova connessione' }).click();
    const result = page.locator('.camera-test-result');
    await result.waitFor({ timeout: 20_000 });
    await expect(result.locator('dd').first().textContent()).resolves.toMatch(/^H\.26[45]/);
    await expect(result.locator('dd').nth(1).textContent()).resolves.toMatch(/^\d+×\d+$/);
    const still = result.getByRole('img');
    await still.waitFor();
    expect(
      await still.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    await shots('cameras-test');

    await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    await page.getByText('Modifica salvata e registrata.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'cam-900' });
    await row.getByText('Prova simulatore').waitFor();

    await row.getByRole('button', { name: 'Modifica' }).click();
    await page.getByLabel('Nome').fill('Prova simulatore (piazza)');
    await page.getByRole('button', { name: 'Salva' }).click();
    await row.getByText('Prova simulatore (piazza)').waitFor();

    await row.getByRole('button', { name: 'Disattiva' }).click();
    await row.getByText('Disattivata (non registra)').waitFor();
    const stored = await page.request.get(new URL('/api/cameras/cam-900', demo.url).href);
    expect(await stored.json()).toMatchObject({
      enabled: false,
      name: 'Prova simulatore (piazza)',
    });

    await row.getByRole('button', { name: 'Rimuovi' }).click();
    await row.getByText(/Le registrazioni già fatte restano sul disco/).waitFor();
    await shots('cameras-remove');
    await row.getByRole('button', { name: 'Sì, rimuovi' }).click();
    await waitFor(
      async () => (await page.getByRole('row').filter({ hasText: 'cam-900' }).count()) === 0,
      { timeoutMs: 10_000, what: 'the removed camera to leave the list' },
    );
    expect((await page.request.get(new URL('/api/cameras/cam-900', demo.url).href)).status()).toBe(
      404,
    );
  });

  it('places a legal hold from a prefilled address, extends and releases it', async () => {
    const db = demo.vedetta.services.db;
    const range = await waitFor(
      async () => {
        const r = await recordedRangeOf(db, ['cam-001']);
        return r !== null && r.toMs > r.fromMs + 2000 ? r : null;
      },
      { timeoutMs: 30_000, what: "two seconds of cam-001's recordings" },
    );
    const from = range.fromMs + 500;
    const to = from + 1000;
    await page.goto(
      `${demo.url}#/admin/holds?cameras=cam-001&from=${from}&to=${to}&reason=${encodeURIComponent('Furto in Via del Prione')}`,
    );
    await expect(page.getByLabel('Motivo', { exact: true }).inputValue()).resolves.toBe(
      'Furto in Via del Prione',
    );
    await expect(page.getByLabel('cam-001 — ', { exact: false }).isChecked()).resolves.toBe(true);
    await page.getByLabel('Autorità richiedente').fill('Procura della Repubblica di La Spezia');
    await page.getByLabel('Riferimento (n. di procedimento, protocollo)').fill('RGNR 1234/2026');
    const year = new Date().getUTCFullYear() + 1;
    await page.getByLabel('Scadenza (vuota: fino a revoca)').fill(`30/06/${year} 12:00`);
    await shots('holds-prefilled');
    await page.getByRole('button', { name: 'Applica il vincolo' }).click();
    const row = page.getByRole('row').filter({ hasText: 'RGNR 1234/2026' });
    const outcome = page.locator('.admin-outcome');
    await outcome.waitFor();
    // On a refusal this shows the server's reason, in Italian.
    expect(await outcome.textContent()).toBe('Modifica salvata e registrata.');
    await row.getByText('In vigore').waitFor();
    await row.getByText(`30/6/${year} 12:00:00`).waitFor();
    await shots('holds');

    await row.getByRole('button', { name: 'Proroga' }).click();
    await row.getByLabel('Nuova scadenza (vuota: fino a revoca)').fill(`31/12/${year} 12:00`);
    await row.getByLabel('Motivo della proroga').fill('Richiesta del PM del 7/12');
    await row.getByRole('button', { name: 'Proroga il vincolo' }).click();
    await row.getByText(`31/12/${year} 12:00:00`).waitFor();

    await row.getByRole('button', { name: 'Revoca' }).click();
    await row.getByLabel('Motivo della revoca').fill('Procedimento archiviato');
    await row.getByRole('button', { name: 'Revoca il vincolo' }).click();
    await row.getByText('Revocato').waitFor();
    await row.getByText(/Procedimento archiviato/).waitFor();
    await shots('holds-released');
  });

  it('sets 7 days of retention, refused in Italian without a justification', async () => {
    await page.goto(`${demo.url}#/admin/retention`);
    const row = page.getByRole('row').filter({ hasText: 'cam-002' });
    await row.getByText('3 giorni').waitFor();
    await row.getByRole('button', { name: 'Modifica' }).click();
    await page.getByLabel('Giorni di conservazione').fill('7');
    await page.getByLabel('Motivazione').fill('');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page
      .getByText('obbligatoria quando la conservazione supera 3 giorni (72 ore)', { exact: false })
      .waitFor();
    await shots('retention-refused');
    await page
      .getByLabel('Motivazione')
      .fill('Zona della movida: richieste frequenti della Polizia il lunedì');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('Modifica salvata e registrata.').waitFor();
    await row.getByText('7 giorni').waitFor();
    await shots('retention');
  });
});
