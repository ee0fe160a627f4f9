/**
 * End-to-end: the administration and audit pages in Debian's Chromium, against a real server
 * (in-process, SQLite in a temporary folder, the built web app). An administrator creates an
 * agreement for the Carabinieri through the form and suspends it; an auditor finds both changes
 * in the audit trail, filters it and sees the export links. Screenshots go to test-output/e2e/.
 */
import type { VedettaDb } from '../../src/compose/schema.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { parseConfig } from '../../src/app/config.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { TEST_HASHING } from '../../src/accounts/index.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createHttpApp } from '../../src/compose/http-app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import type { Services } from '../../src/compose/services.ts';
import { createServices, httpSettingsOf } from '../../src/main.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shotsDir = path.join(repoRoot, 'test-output', 'e2e');
const PASSWORD = 'correct horse battery staple';

let dir = '';
let db: VedettaDb;
let services: Services;
let server: RunningServer;
let browser: Browser | undefined;
let page: Page;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

async function login(username: string): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('button', { name: 'Esci' }).waitFor();
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
    const built = spawnSync('npm', ['run', 'build', '-w', 'web'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`web build failed: ${built.stderr}`);
  }
  fs.mkdirSync(shotsDir, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-'));
  const config = parseConfig({ storage: { path: dir }, server: { port: 0 } });
  db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'vedetta.sqlite') });
  await migrateToLatest(db);
  services = createServices({
    db,
    clock: systemClock,
    logger: silentLogger(),
    config,
    hashing: TEST_HASHING,
  });
  const { users, agencies } = services.accounts;
  await agencies.addPartner({ id: 'carabinieri', name: 'Carabinieri' });
  const people: [string, string][] = [
    ['admin', 'administrator'],
    ['dpo', 'auditor'],
  ];
  for (const [username, role] of people) {
    await users.create({ username, password: PASSWORD, role, agencyId: 'polizia-municipale' });
  }
  for (let i = 1; i <= 3; i++) {
    await services.cameras.create({
      id: `cam-00${i}`,
      name: `Piazza ${i}`,
      streams: { main: `rtsp://10.0.0.${i}/live` },
      location: { latitude: 44.1, longitude: 9.82 },
    });
  }
  const app = createHttpApp(services, {
    ...httpSettingsOf(config),
    webDist: path.join(repoRoot, 'web', 'dist'),
  });
  server = await startServer({ app, host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server.close();
  await services.audit.close();
  await db.destroy();
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

describe('administration and audit pages', () => {
  it('lets an administrator create and suspend an agreement', async () => {
    await login('admin');
    await page.goto(`${server.url}#/admin/agreements`);
    await page.getByText('Nessun protocollo').waitFor();
    await page.getByRole('button', { name: 'Nuovo protocollo' }).click();
    await page.getByRole('button', { name: 'Aggiungi' }).click();
    await page.getByText('Ente beneficiario: campo obbligatorio.').waitFor();
    await page.getByLabel('Ente beneficiario').selectOption('carabinieri');
    await page.getByLabel('Titolo').fill('Videosorveglianza integrata');
    await page
      .getByLabel('Atto (protocollo, convenzione)')
      .fill("Protocollo d'intesa prot. 1234/2025");
    await page.getByLabel('Data dell’atto').fill('2025-03-01');
    await page.getByLabel('Riproduzione registrazioni').check();
    await page.getByLabel('cam-002 — Piazza 2').check();
    await shot('audit-admin-01-agreement-form');
    await page.getByRole('button', { name: 'Aggiungi' }).click();
    await page.getByText('Modifica salvata e registrata.').waitFor();
    const card = page.locator('.admin-card').first();
    await expect.poll(() => card.textContent()).toContain('In vigore');
    await card.getByRole('button', { name: 'Sospendi' }).click();
    const reasonForm = card.locator('form');
    await reasonForm.getByLabel('Motivazione').fill('verifica del protocollo');
    await reasonForm.getByRole('button', { name: 'Sospendi' }).click();
    await expect.poll(() => card.textContent()).toContain('Sospeso');
    await shot('audit-admin-02-agreement-suspended');
    await page.getByRole('button', { name: 'Esci' }).click();
  });

  it('shows the auditor the trail, filtered, with the export links', async () => {
    await login('dpo');
    await page.goto(`${server.url}#/audit`);
    await page.getByRole('heading', { name: 'Registro degli accessi' }).waitFor();
    await page.getByRole('cell', { name: 'Protocollo sospeso' }).waitFor();
    await page.getByRole('cell', { name: 'verifica del protocollo' }).waitFor();
    await page.getByLabel('Azione').selectOption('agreement.create');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    const csv = await page.getByRole('link', { name: 'Esporta CSV' }).getAttribute('href');
    expect(csv).toBe('/api/audit/export?action=agreement.create&format=csv');
    await page.getByRole('button', { name: 'Verifica integrità' }).click();
    await page.getByText(/Registro integro/).waitFor();
    await shot('audit-admin-03-auditor');
  });
});
