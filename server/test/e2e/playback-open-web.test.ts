/**
 * End-to-end in Debian's Chromium (set to New York and American English, to show that nothing
 * depends on the browser's zone or language), against a real server holding two minutes of the
 * simulator's clip with a 10 s "offline" gap: the recordings page opens on the most recent
 * recorded moment, playing, with the playhead in view; a gap says so on the tile; a date and time
 * typed in Italian (site time zone, Europe/Rome) moves there; the calendar marks the day with
 * recordings; the keyboard plays, pauses, steps and zooms. An auditor visiting every section they
 * are shown causes no denied entry in the audit trail and is not shown sections they cannot use.
 * Screenshots at 1366×768 and 1920×1080 go to test-output/e2e/.
 */
import type { Schema, VedettaDb } from '../../src/compose/schema.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { recordSynthetic } from '../../src/playback/synthetic-recording.ts';
import { RECORDINGS_DIR } from '../../src/recording/create.ts';
import { loadTestClip } from './playback-export-fixtures.ts';
import { ensureWebBuilt, launchChromium, repoRoot, shotsDir } from './live-e2e-support.ts';
import { italian, romeParts } from './rome-time.ts';

const PASSWORD = 'correct horse battery staple';

let dir = '';
let db: VedettaDb;
let services: Services;
let server: RunningServer;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let recordedFrom = 0;

const clockMs = async (): Promise<number> =>
  Number((await page.getByTestId('playback-clock').getAttribute('data-wall-ms')) || NaN);
const shot = (p: Page, name: string) => p.screenshot({ path: path.join(shotsDir, `${name}.png`) });

async function signIn(p: Page, username: string): Promise<void> {
  await p.goto(server.url);
  await p.getByLabel('Nome utente').fill(username);
  await p.getByLabel('Password').fill(PASSWORD);
  await p.getByRole('button', { name: 'Accedi' }).click();
  await p.getByRole('button', { name: 'Esci' }).waitFor();
}

/** True when the element's box lies wholly inside the viewport (no scrolling needed). */
async function inViewport(p: Page, testId: string): Promise<boolean> {
  const box = await p.getByTestId(testId).first().boundingBox();
  const size = p.viewportSize();
  if (!box || !size) return false;
  return box.y >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

beforeAll(async () => {
  ensureWebBuilt();
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
  for (const [username, role] of [
    ['rossi', 'operator'],
    ['dpo', 'auditor'],
  ] as const)
    await services.accounts.users.create({
      username,
      password: PASSWORD,
      role,
      agencyId: 'polizia-municipale',
    });
  for (let i = 1; i <= 8; i++)
    await services.cameras.create({
      id: `cam-00${i}`,
      name: i === 1 ? 'Via del Prione' : `Telecamera ${i}`,
      streams: { main: `rtsp://10.0.0.${i}/live` },
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
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    timezoneId: 'America/New_York',
    locale: 'en-US',
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

describe('the recordings page opens on the footage', () => {
  it('plays the most recent recorded moment, with every control in view', async () => {
    await signIn(page, 'rossi');
    await page.goto(`${server.url}#/recordings/cam-001`);
    await page.getByTestId('timeline-cam-001').locator('.pb-span').first().waitFor();
    await page.locator('input[name="reason"]').fill('verifica segnalazione furto');
    await page.getByTestId('open-playback').click();

    // Playing, near the end of the recording (it opens 15 s before the last recorded instant).
    const end = recordedFrom + 120_000;
    await expect.poll(clockMs, { timeout: 20_000 }).toBeGreaterThan(end - 16_000);
    const first = await clockMs();
    await expect.poll(clockMs, { timeout: 20_000 }).toBeGreaterThan(first);
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'))
      .toBe('true');
    expect(await page.getByTestId('playback-clock').textContent()).not.toBe('—');
    // The clock reads the site's wall clock (Europe/Rome), not the browser's (New York).
    const p = romeParts(first);
    expect(await page.getByTestId('playback-clock').textContent()).toContain(
      `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:`,
    );

    // The playhead is inside the visible window, and the slider says where it is.
    const bar = page.getByTestId('timeline-cam-001').locator('[role="slider"]');
    const now = Number(await bar.getAttribute('aria-valuenow'));
    expect(now).toBeGreaterThanOrEqual(Number(await bar.getAttribute('aria-valuemin')));
    expect(now).toBeLessThanOrEqual(Number(await bar.getAttribute('aria-valuemax')));
    expect(await bar.getAttribute('aria-valuetext')).toMatch(
      /^\d{1,2}\/\d{1,2}\/\d{4} \d\d:\d\d:\d\d$/,
    );
    await page.getByTestId('timeline-cam-001').locator('.pb-playhead').waitFor();

    // Every control and the timeline without scrolling, at 1366×768 and at 1920×1080.
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await shot(page, `playback-open-${size.width}x${size.height}`);
      for (const id of [
        'playback-clock',
        'play-pause',
        'speed',
        'goto-input',
        'zoom-in',
        'timeline-cam-001',
      ])
        expect(await inViewport(page, id), `${id} at ${size.width}×${size.height}`).toBe(true);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('says so over a gap, with its cause and times', async () => {
    // Typed in Italian, in the site's time zone: the middle of the 10 s offline gap.
    await page.getByTestId('goto-input').fill(italian(recordedFrom + 75_000));
    await page.getByTestId('goto-submit').click();
    const notice = page.getByTestId('notice-cam-001');
    await notice.waitFor();
    const from = romeParts(recordedFrom + 70_000);
    const to = romeParts(recordedFrom + 80_000);
    expect(await notice.textContent()).toBe(
      `Nessuna registrazione: telecamera offline ${from['hour']}:${from['minute']}–${to['hour']}:${to['minute']}`,
    );
    // The recent events list the gap.
    expect(await page.getByTestId('event').first().textContent()).toContain('telecamera offline');
    await shot(page, 'playback-open-gap');
  });

  it("lists the cameras' alarms among the recent events, and jumps to one", async () => {
    // The strip follows the alarm stream: a report made while the page is open appears in it
    // without moving the timeline.
    await page.locator('[data-testid="events-strip"][data-alarms-live="true"]').waitFor();
    const atMs = recordedFrom + 40_000;
    const made = await page.request.post(new URL('/api/alarms', server.url).toString(), {
      data: { cameraId: 'cam-001', atMs, note: 'persona sospetta davanti al portone' },
    });
    expect(made.status(), await made.text()).toBe(201);
    const alarm = page.locator('[data-testid="event"][data-kind="alarm"]');
    await alarm.first().waitFor();
    expect(await alarm.first().textContent()).toContain('Segnalazione');
    await page.getByTestId('goto-input').fill(italian(recordedFrom + 90_000));
    await page.getByTestId('goto-submit').click();
    await alarm.first().click();
    await expect.poll(async () => Math.abs((await clockMs()) - atMs)).toBeLessThan(1000);
  });

  it('goes to a moment typed in Italian format and steps with the keyboard', async () => {
    // Paused first: while playing, the clock passes the instant in 40 ms and a poll may miss it.
    if ((await page.getByTestId('play-pause').getAttribute('data-playing')) === 'true')
      await page.getByTestId('play-pause').click();
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'))
      .toBe('false');
    await page.getByTestId('goto-input').fill(italian(recordedFrom + 30_000));
    await page.getByTestId('goto-submit').click();
    // Whole seconds typed: the frame at that instant (frames are 40 ms apart).
    await expect
      .poll(async () => Math.abs((await clockMs()) - (recordedFrom + 30_000)), { timeout: 20_000 })
      .toBeLessThan(41);
    expect(await page.getByTestId('notice-cam-001').count()).toBe(0);

    // Space pauses (or plays); paused, → steps one frame and ← steps back.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    if ((await page.getByTestId('play-pause').getAttribute('data-playing')) === 'true') {
      await page.keyboard.press(' ');
    }
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'))
      .toBe('false');
    await page.keyboard.press(' ');
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'))
      .toBe('true');
    await page.keyboard.press('k');
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'))
      .toBe('false');
    const before = await clockMs();
    await page.keyboard.press('ArrowRight');
    await expect.poll(clockMs, { timeout: 10_000 }).toBe(before + 40);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(clockMs, { timeout: 10_000 }).toBe(before);

    // + and − zoom around the playhead, which stays in view.
    const zoom = page.getByTestId('zoom');
    const level = Number(await zoom.inputValue());
    await page.keyboard.press('+');
    await expect.poll(async () => Number(await zoom.inputValue())).toBe(level + 1);
    const bar = page.getByTestId('timeline-cam-001').locator('[role="slider"]');
    const now = Number(await bar.getAttribute('aria-valuenow'));
    expect(now).toBeGreaterThanOrEqual(Number(await bar.getAttribute('aria-valuemin')));
    expect(now).toBeLessThanOrEqual(Number(await bar.getAttribute('aria-valuemax')));
    await page.keyboard.press('-');
    await expect.poll(async () => Number(await zoom.inputValue())).toBe(level);
  });

  it('marks the days with recordings on the calendar', async () => {
    await page.getByTestId('calendar-toggle').click();
    const today = romeParts(recordedFrom);
    const key = `${today['year']}-${today['month']}-${today['day']}`;
    await expect
      .poll(() => page.locator(`[data-day="${key}"]`).getAttribute('data-recorded'))
      .toBe('true');
    // Another day of the month has nothing.
    const other = today['day'] === '01' ? '02' : '01';
    expect(
      await page
        .locator(`[data-day="${today['year']}-${today['month']}-${other}"]`)
        .getAttribute('data-recorded'),
    ).toBe('false');
    await shot(page, 'playback-open-calendar');
    await page.getByTestId('calendar-toggle').click();
  });

  it('shows a thumbnail of the recorded key frame on hovering the timeline', async () => {
    const bar = page.getByTestId('timeline-cam-001').locator('[role="slider"]');
    const box = await bar.boundingBox();
    if (box === null) throw new Error('the timeline bar is not on the screen');
    const at = Number(await bar.getAttribute('aria-valuenow'));
    const min = Number(await bar.getAttribute('aria-valuemin'));
    const max = Number(await bar.getAttribute('aria-valuemax'));
    // A point a little before the playhead, where the camera recorded.
    const x = box.x + ((at - min) / (max - min)) * box.width - 8;
    await page.mouse.move(x, box.y + box.height / 2);
    const thumb = page.getByTestId('timeline-thumbnail');
    await thumb.locator('img').waitFor();
    await expect
      .poll(() =>
        thumb
          .locator('img')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(160);
    await shot(page, 'playback-open-thumbnail');
    await page.mouse.move(0, 0);
    await thumb.waitFor({ state: 'detached' });
  });
});

describe('an auditor causes no noise', () => {
  it('sees only the sections they can use, and visiting them writes no denied entry', async () => {
    const auditorContext = await (browser as Browser).newContext({
      viewport: { width: 1366, height: 768 },
    });
    const auditorPage = await auditorContext.newPage();
    const since = Date.now();
    await signIn(auditorPage, 'dpo');
    const nav = auditorPage.getByRole('navigation');
    const labels = (await nav.getByRole('link').allTextContents()).map((s) => s.trim());
    expect(labels).not.toContain('Wall');
    expect(labels).not.toContain('Registrazioni');
    expect(labels).toContain('Audit');
    for (const label of labels) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      await auditorPage.waitForLoadState('networkidle');
    }
    // Back to the camera list, where statuses were asked for each camera.
    await nav.getByRole('link', { name: labels[0] ?? '', exact: true }).click();
    await auditorPage.waitForLoadState('networkidle');
    await services.audit.flush();
    const denied = await services.audit.query({ outcome: 'denied' });
    expect(
      denied.entries
        .filter((e) => e.timeMs >= since)
        .map((e) => `${e.username ?? ''} ${e.action} ${e.cameraId ?? e.resource ?? ''}`),
    ).toEqual([]);
    await auditorContext.close();
  });
});
