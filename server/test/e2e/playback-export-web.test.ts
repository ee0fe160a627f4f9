/**
 * End-to-end in Debian's Chromium, against a real server (in-process, SQLite in a temporary
 * folder, the built web app) holding a recording of the simulator's clip: an operator opens
 * playback of a camera with a reason, goes to a wall-clock instant and sees that frame's time on
 * screen, plays and sees the frames advance, exports the range with a case reference, watches the
 * export's progress, downloads the package and verifies it (offline verifier and the verification
 * page). Screenshots go to test-output/e2e/.
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
import { verifyPackage } from '../../src/export/verify/verify-package.ts';
import { createHttpApp } from '../../src/compose/http-app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import type { Services } from '../../src/compose/services.ts';
import { createServices, httpSettingsOf } from '../../src/main.ts';
import { recordSynthetic } from '../../src/playback/synthetic-recording.ts';
import { RECORDINGS_DIR } from '../../src/recording/create.ts';
import { loadTestClip } from './playback-export-fixtures.ts';
import { italian } from './rome-time.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shotsDir = path.join(repoRoot, 'test-output', 'e2e');
const PASSWORD = 'correct horse battery staple';

let dir = '';
let db: VedettaDb;
let services: Services;
let server: RunningServer;
let browser: Browser | undefined;
let page: Page;
let recordedFrom = 0;

const shot = (name: string) =>
  page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
const clockMs = async (): Promise<number> =>
  Number(await page.getByTestId('playback-clock').getAttribute('data-wall-ms'));

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
  await services.accounts.users.create({
    username: 'rossi',
    password: PASSWORD,
    role: 'operator',
    agencyId: 'polizia-municipale',
  });
  await services.cameras.create({
    id: 'cam-001',
    name: 'Via del Prione',
    streams: { main: 'rtsp://10.0.0.1/live' },
    location: { latitude: 44.1, longitude: 9.82 },
    enabled: false,
  });
  // Two minutes of the simulator's clip, ending a minute ago, with a 10 s gap in the middle.
  recordedFrom = Math.floor(Date.now() / 1000) * 1000 - 180_000;
  await recordSynthetic({
    db,
    storageRoot: path.join(dir, RECORDINGS_DIR),
    key: services.audit.key,
    cameraId: 'cam-001',
    clip: await loadTestClip(),
    fromMs: recordedFrom,
    toMs: recordedFrom + 120_000,
    gaps: [{ fromMs: recordedFrom + 70_000, toMs: recordedFrom + 80_000, cause: 'offline' }],
    segmenter: { segmentTargetMs: 30_000 },
  });
  const app = createHttpApp(services, {
    ...httpSettingsOf(config),
    webDist: path.join(repoRoot, 'web', 'dist'),
  });
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
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    acceptDownloads: true,
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server.close();
  await services.exports.stop();
  await services.audit.close();
  await db.destroy();
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

describe('playback and export in the browser', () => {
  it('plays a recording from a wall-clock instant, exports it and verifies the package', async () => {
    await page.goto(server.url);
    await page.getByLabel('Nome utente').fill('rossi');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('button', { name: 'Esci' }).waitFor();
    await page.goto(`${server.url}#/recordings/cam-001`);
    await page.getByTestId('timeline-cam-001').locator('.pb-span').first().waitFor();
    await page.getByTestId('timeline-cam-001').locator('.pb-gap').first().waitFor();

    // Open an audited playback, then go to an instant between two frames.
    await page.locator('input[name="reason"]').fill('verifica segnalazione furto');
    await page.getByTestId('open-playback').click();
    await page.getByTestId('video-cam-001').waitFor();
    // It opens on the most recent recording, playing: pause it first.
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'), { timeout: 20_000 })
      .toBe('true');
    await page.getByTestId('play-pause').click();
    const target = recordedFrom + 50_020; // frame 1250 starts at +50.000 s and lasts 40 ms
    await page.getByTestId('goto-input').fill(italian(target, true));
    await page.getByTestId('goto-submit').click();
    await expect.poll(clockMs, { timeout: 20_000 }).toBeGreaterThan(target - 1000);
    await expect
      .poll(async () => Math.abs((await clockMs()) - (target - 20)), { timeout: 20_000 })
      .toBeLessThan(5);
    await shot('playback-01-seek');

    // Play: the frame on screen advances.
    await page.getByTestId('play-pause').click();
    await expect.poll(clockMs, { timeout: 20_000 }).toBeGreaterThan(target + 1500);
    await page.getByTestId('play-pause').click();
    // Paused at a known frame, a step forward and a step back move exactly one frame (40 ms).
    const frame = recordedFrom + 52_000;
    await page.getByTestId('goto-input').fill(italian(frame + 20, true));
    await page.getByTestId('goto-submit').click();
    await expect.poll(clockMs, { timeout: 20_000 }).toBe(frame);
    await page.getByTestId('frame-forward').click();
    await expect.poll(clockMs, { timeout: 10_000 }).toBe(frame + 40);
    await page.getByTestId('frame-back').click();
    await expect.poll(clockMs, { timeout: 10_000 }).toBe(frame);
    await shot('playback-02-playing');

    // Export the recorded range with a case reference and watch it finish.
    // The export panel reads its fields on the site's wall clock (Europe/Rome) too.
    // Typed in Italian form, on the site's wall clock (the fields are not the browser's own).
    await page.locator('input[name="from"]').fill(italian(recordedFrom + 10_000));
    await page.locator('input[name="to"]').fill(italian(recordedFrom + 100_000));
    await page.locator('input[name="exportReason"]').fill('furto in via del Prione');
    await page.locator('input[name="exportCaseReference"]').fill('RGNR 4321/2026');
    await page.locator('input[name="recipient"]').fill('Procura della Repubblica di La Spezia');
    await page.locator('input[name="withStill"]').check();
    await page.getByTestId('export-submit').click();
    const item = page.locator('.ex-list > li').first();
    await item.getByTestId('export-progress').waitFor();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    await shot('playback-03-export-done');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByTestId('export-download').click(),
    ]);
    const file = path.join(dir, 'downloaded.zip');
    await download.saveAs(file);
    const report = await verifyPackage(file, { publicKeyPem: services.audit.key.publicKeyPem });
    expect(report.problems).toEqual([]);
    expect(report.manifest?.caseReference).toBe('RGNR 4321/2026');
    expect(report.manifest?.cameras[0]?.gaps.map((g) => g.cause)).toEqual(['offline']);
    expect(report.manifest?.cameras[0]?.stills).toHaveLength(1);

    // The verification page says the same.
    await page.goto(`${server.url}#/verify`);
    await page.getByTestId('verify-file').setInputFiles(file);
    await page.getByTestId('verify-submit').click();
    await expect
      .poll(() => page.getByTestId('verify-result').getAttribute('data-ok'), { timeout: 30_000 })
      .toBe('true');
    // In the page's language (Italian by default), with the figures of each check.
    await expect
      .poll(() => page.getByTestId('verify-result').textContent())
      .toMatch(/tutti i \d+ fotogrammi sono identici, byte per byte/);
    await shot('playback-04-verified');
  });
});
