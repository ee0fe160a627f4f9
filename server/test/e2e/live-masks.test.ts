/**
 * End-to-end: privacy masks over live video in Debian's Chromium, against a real server (real
 * services, fresh SQLite database, built web app). A camera has a mask; the operator's wall tile
 * draws it; the supervisor lifts it from the tile with a reason and it is no longer drawn for
 * them, while the operator still sees it; the lift is in the audit trail. (The camera stream is
 * unreachable: masks are drawn over the video element whatever its state.)
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
import { OWNER_AGENCY_ID, TEST_HASHING } from '../../src/accounts/index.ts';
import { systemClock } from '../../src/app/clock.ts';
import { parseConfig } from '../../src/app/config.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createHttpApp } from '../../src/compose/http-app.ts';
import type { Services } from '../../src/compose/services.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { createServices, httpSettingsOf } from '../../src/main.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const webDist = process.env['VEDETTA_WEB_DIST'] ?? path.join(repoRoot, 'web', 'dist');
const PASSWORD = 'correct horse battery staple';
const overlay = '[data-live-camera="cam-001"] svg[data-privacy-masks]';

let dataDir = '';
let db: VedettaDb | undefined;
let services: Services;
let server: RunningServer | undefined;
let browser: Browser | undefined;

async function signIn(username: string): Promise<Page> {
  if (!browser || !server) throw new Error('not started');
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByTestId('header-user').waitFor({ timeout: 15_000 });
  await page.goto(`${server.url}#/wall/cam-001`);
  return page;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    const built = spawnSync('npm', ['run', 'build', '-w', 'web'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`npm run build -w web failed:\n${built.stderr}`);
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-'));
  db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dataDir, 'vedetta.sqlite') });
  await migrateToLatest(db);
  const config = parseConfig({ storage: { path: dataDir } });
  services = createServices({
    db,
    clock: systemClock,
    logger: silentLogger(),
    config,
    hashing: TEST_HASHING,
  });
  await services.cameras.create({
    id: 'cam-001',
    name: 'Piazza Verdi',
    streams: { main: 'rtsp://127.0.0.1:9/unreachable' },
    location: { latitude: 44.1, longitude: 9.82 },
  });
  const users: [string, string][] = [
    ['operatore', 'operator'],
    ['supervisore', 'supervisor'],
    ['admin', 'administrator'],
  ];
  for (const [username, role] of users) {
    await services.accounts.users.create({
      username,
      password: PASSWORD,
      role,
      agencyId: OWNER_AGENCY_ID,
    });
  }
  const app = createHttpApp(services, { ...httpSettingsOf(config), webDist });
  server = await startServer({ app, host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The administrator draws a mask (through the API, as the mask editor does).
  const page = await signIn('admin');
  const res = await page.request.put(`${server.url}api/cameras/cam-001/masks`, {
    data: {
      masks: [
        {
          label: 'Finestre civico 12',
          points: [
            [0.1, 0.1],
            [0.4, 0.1],
            [0.4, 0.5],
            [0.1, 0.5],
          ],
        },
      ],
    },
  });
  expect(res.status()).toBe(200);
  await page.context().close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.destroy();
  if (dataDir !== '') fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('privacy masks over live video', () => {
  it('draws the mask for the operator, and not for the supervisor who lifts it', async () => {
    const operator = await signIn('operatore');
    await expect
      .poll(() => operator.locator(overlay).getAttribute('data-privacy-masks'), { timeout: 15_000 })
      .toBe('1');
    expect(await operator.getByRole('button', { name: 'Rimuovi maschere' }).count()).toBe(0);

    const supervisor = await signIn('supervisore');
    await expect
      .poll(() => supervisor.locator(overlay).getAttribute('data-privacy-masks'), {
        timeout: 15_000,
      })
      .toBe('1');
    await supervisor.getByRole('button', { name: 'Rimuovi maschere' }).click();
    await supervisor.getByLabel('Motivo (riferimento del caso)').fill('RGNR 1234/2026');
    await supervisor.getByRole('button', { name: 'Rimuovi', exact: true }).click();
    await expect
      .poll(() => supervisor.locator(overlay).getAttribute('data-privacy-masks'), {
        timeout: 15_000,
      })
      .toBe('0');
    await supervisor.getByText(/Maschere rimosse fino alle/).waitFor();
    fs.mkdirSync(path.join(repoRoot, 'test-output', 'e2e'), { recursive: true });
    await operator.screenshot({
      path: path.join(repoRoot, 'test-output', 'e2e', 'live-masks-operator.png'),
    });
    await supervisor.screenshot({
      path: path.join(repoRoot, 'test-output', 'e2e', 'live-masks-lifted.png'),
    });

    await operator.reload();
    await expect
      .poll(() => operator.locator(overlay).getAttribute('data-privacy-masks'), { timeout: 15_000 })
      .toBe('1');

    await supervisor.getByRole('button', { name: 'Ripristina maschere' }).click();
    await expect
      .poll(() => supervisor.locator(overlay).getAttribute('data-privacy-masks'), {
        timeout: 15_000,
      })
      .toBe('1');

    await services.audit.flush();
    const lifts = await db
      ?.selectFrom('audit_entries')
      .select(['username', 'reason'])
      .where('action', '=', 'mask.lift')
      .execute();
    expect(lifts).toEqual([{ username: 'supervisore', reason: 'RGNR 1234/2026' }]);
  });
});
