/**
 * End-to-end: the public page in Debian's Chromium, without signing in. A real server (the real
 * services on a fresh SQLite database, the built web app, a socket on 127.0.0.1) holds four
 * cameras, one disabled. The page must show a marker for each enabled camera and the privacy
 * notice in Italian and English, make no API call but the two public ones, and those answers must
 * hold the register's public fields only. The notice shows the fingerprint of the key that signs
 * evidence packages, in both languages. Screenshots go to test-output/e2e/.
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
import { isPublicRoute } from '../../src/http/public-routes.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { createServices, httpSettingsOf } from '../../src/main.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shotsDir = path.join(repoRoot, 'test-output', 'e2e');
const webDist = process.env['VEDETTA_WEB_DIST'] ?? path.join(repoRoot, 'web', 'dist');

const CAMERAS = [
  { id: 'cam-001', name: 'Piazza Verdi', lat: 44.1069, lon: 9.8245, purpose: 'urban_security' },
  { id: 'cam-002', name: 'Via del Prione', lat: 44.1052, lon: 9.8272, purpose: 'urban_security' },
  { id: 'cam-003', name: 'Viale Italia - incrocio', lat: 44.1018, lon: 9.8301, purpose: 'traffic' },
  { id: 'cam-004', name: 'Isola ecologica Migliarina', lat: 44.118, lon: 9.846, purpose: 'waste' },
];
const PUBLIC_CAMERA_KEYS = [
  'address',
  'district',
  'id',
  'latitude',
  'legalBasis',
  'longitude',
  'name',
  'purpose',
  'retentionDays',
  'signage',
];

/** Builds web/dist if it is missing (root `npm test` builds it before vitest). */
function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(webDist, 'index.html'))) return;
  const built = spawnSync('npm', ['run', 'build', '-w', 'web'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`npm run build -w web failed:\n${built.stderr}`);
}

let dataDir = '';
let db: VedettaDb | undefined;
let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;
let signingKeyFingerprint = '';
const apiCalls: string[] = [];
const publicAnswers: unknown[] = [];

beforeAll(async () => {
  ensureWebBuilt();
  fs.mkdirSync(shotsDir, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-'));
  db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dataDir, 'vedetta.sqlite') });
  await migrateToLatest(db);
  const config = parseConfig({
    storage: { path: dataDir },
    privacy: {
      controller: { name: 'Comune della Spezia', email: 'privacy@comune.example.it' },
      dpo: { name: 'RPD del Comune', email: 'rpd@comune.example.it' },
      noticeUpdatedOn: '2026-01-15',
    },
  });
  const services = createServices({
    db,
    clock: systemClock,
    logger: silentLogger(),
    config,
    hashing: TEST_HASHING,
  });
  signingKeyFingerprint = services.audit.key.fingerprint;
  for (const [i, c] of CAMERAS.entries()) {
    await services.cameras.create({
      id: c.id,
      name: c.name,
      streams: { main: `rtsp://10.20.0.${i + 1}:554/secret-path` },
      credentialsRef: 'env:CAMERA_PASSWORD',
      location: { latitude: c.lat, longitude: c.lon, address: c.name, district: 'Centro' },
      purpose: c.purpose,
      signage: i === 1 ? { status: 'planned' } : { status: 'placed', placedOn: '2025-04-10' },
      retentionDays: c.purpose === 'urban_security' ? 7 : 2,
      retentionJustification:
        c.purpose === 'urban_security' ? 'Zona della movida: giustificazione interna' : null,
      tags: ['nota-interna'],
      enabled: c.id !== 'cam-004',
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
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/public/')) {
      r.json().then(
        (body: unknown) => publicAnswers.push(body),
        () => undefined,
      );
    }
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.destroy();
  if (dataDir !== '') fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('public page', () => {
  it('shows every enabled camera on the map and the notice, without signing in', async () => {
    await page.goto(new URL('/public', server?.url ?? '').toString());
    await page.getByTestId('privacy-notice').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('it');
    for (const c of CAMERAS.filter((x) => x.id !== 'cam-004')) {
      await page.locator(`[data-public-camera="${c.id}"]`).waitFor({ timeout: 10_000 });
    }
    expect(await page.locator('[data-public-camera]').count()).toBe(3);
    // Each dot is named on the map (issue 16: the dots had no labels).
    expect((await page.locator('.public-camera-label').allTextContents()).sort()).toEqual([
      'Piazza Verdi',
      'Via del Prione',
      'Viale Italia - incrocio',
    ]);
    expect(await page.getByTestId('public-count').textContent()).toBe('(3 telecamere)');
    const notice = page.getByTestId('privacy-notice');
    await notice
      .getByRole('heading', { name: 'Informativa sul trattamento dei dati personali' })
      .waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Comune della Spezia');
    expect(text).toContain('rpd@comune.example.it');
    expect(text).toContain('Sicurezza urbana: fino a 7 giorni');
    expect(text).toContain('Garante per la protezione dei dati personali');
    // The export signing key's fingerprint, for recipients of evidence packages to pin.
    expect(text).toContain('Impronta della chiave di firma delle esportazioni');
    expect(await page.getByTestId('signing-key-fingerprint').textContent()).toBe(
      signingKeyFingerprint,
    );
    await page.screenshot({ path: path.join(shotsDir, 'public-01-it.png'), fullPage: true });
  });

  it('switches the notice to English', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'Privacy notice' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('public-count').textContent()).toBe('(3 cameras)');
    const text = (await page.getByTestId('privacy-notice').textContent()) ?? '';
    expect(text).toContain('Your rights');
    expect(text).toContain('Fingerprint of the export signing key');
    expect(text).toContain(signingKeyFingerprint);
    await page.screenshot({ path: path.join(shotsDir, 'public-02-en.png'), fullPage: true });
  });

  it('called only public API routes, which revealed public fields only', () => {
    expect(apiCalls.length).toBeGreaterThanOrEqual(2);
    for (const call of apiCalls) {
      const [method, p] = call.split(' ');
      expect(isPublicRoute(method ?? '', p ?? ''), call).toBe(true);
    }
    const all = JSON.stringify(publicAnswers);
    for (const secret of [
      'rtsp',
      'secret-path',
      '10.20.0',
      'CAMERA_PASSWORD',
      'nota-interna',
      'movida',
      'cam-004',
    ]) {
      expect(all, `public answers reveal ${secret}`).not.toContain(secret);
    }
    const cameraLists = publicAnswers.filter(
      (a): a is { cameras: Record<string, unknown>[] } =>
        typeof a === 'object' && a !== null && 'cameras' in a,
    );
    expect(cameraLists.length).toBeGreaterThan(0);
    for (const list of cameraLists) {
      for (const cam of list.cameras) expect(Object.keys(cam).sort()).toEqual(PUBLIC_CAMERA_KEYS);
    }
  });
});
