/**
 * Bookmarks on the recordings page, end to end in Debian's Chromium (set to New York and American
 * English: nothing depends on the browser's zone or language) against a real server holding two
 * minutes of the simulator's clip on cam-001 and cam-002: an operator marks the playhead and a
 * range (selected with the buttons, and with shift+drag on the bar), sees them on the timeline and
 * in the recent events, jumps to them, edits and deletes one, prefills the export panel and a
 * legal-hold request from one; the bookmarks page's link and a typed `#/recordings/cam-001@<ISO>`
 * open the recordings at that instant (the reason still asked first). A Carabinieri operator whose
 * agreement lets them play back cam-002 only sees only the bookmarks on cam-002.
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

interface BookmarkJson {
  id: string;
  cameraIds: string[];
  fromMs: number;
  toMs: number;
  title: string;
  note: string;
  caseReference: string | null;
}

const clockMs = async (p: Page = page): Promise<number> =>
  Number((await p.getByTestId('playback-clock').getAttribute('data-wall-ms')) || NaN);
const shot = (p: Page, name: string) => p.screenshot({ path: path.join(shotsDir, `${name}.png`) });

async function signIn(p: Page, username: string, password = PASSWORD): Promise<void> {
  await p.goto(server.url);
  await p.getByLabel('Nome utente').fill(username);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Accedi' }).click();
  await p.getByRole('button', { name: 'Esci' }).waitFor();
}

/** A JSON call as `cookie`'s user. */
async function api(cookie: string, method: string, url: string, body?: unknown) {
  return fetch(new URL(url, server.url), {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function cookieOf(username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(new URL('/api/session', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The bookmarks the operator sees, by title. */
async function bookmarksOf(cookie: string): Promise<Map<string, BookmarkJson>> {
  const res = await api(cookie, 'GET', '/api/bookmarks');
  expect(res.status).toBe(200);
  const list = ((await res.json()) as { bookmarks: BookmarkJson[] }).bookmarks;
  return new Map(list.map((b) => [b.title, b]));
}

/** Pauses, and waits for the clock to stop (a frame may still be presented after the pause). */
async function pause(p: Page = page): Promise<void> {
  if ((await p.getByTestId('play-pause').getAttribute('data-playing')) === 'true')
    await p.getByTestId('play-pause').click();
  await expect.poll(() => p.getByTestId('play-pause').getAttribute('data-playing')).toBe('false');
  let last = NaN;
  await expect
    .poll(
      async () => {
        const before = last;
        last = await clockMs(p);
        return last === before;
      },
      { interval: 250 },
    )
    .toBe(true);
}

/**
 * Pauses, types an instant into "find the moment" and waits for its frame (40 ms apart) on
 * screen. Paused first: while playing, the clock passes the instant in 40 ms and a poll may miss it.
 */
async function goTo(ms: number): Promise<void> {
  await pause();
  await page.getByTestId('goto-input').fill(italian(ms));
  await page.getByTestId('goto-submit').click();
  await expect
    .poll(async () => Math.abs((await clockMs()) - ms), { timeout: 20_000 })
    .toBeLessThan(41);
}

/** True when the element's box lies wholly inside the viewport (no scrolling needed). */
async function inViewport(p: Page, testId: string): Promise<boolean> {
  const box = await p.getByTestId(testId).first().boundingBox();
  const size = p.viewportSize();
  if (!box || !size) return false;
  return box.y >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

const timelineMarks = (id: string) =>
  page.getByTestId(`timeline-${id}`).getByTestId('bookmark-mark');

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
    ['verdi', 'operator'],
    ['capo', 'supervisor'],
    ['admin', 'administrator'],
  ] as const)
    await services.accounts.users.create({
      username,
      password: PASSWORD,
      role,
      agencyId: 'polizia-municipale',
    });
  for (let i = 1; i <= 3; i++)
    await services.cameras.create({
      id: `cam-00${i}`,
      name: ['Via del Prione', 'Piazza Verdi', 'Porto Mirabello'][i - 1] ?? `Telecamera ${i}`,
      streams: { main: `rtsp://10.0.0.${i}/live` },
      location: { latitude: 44.1, longitude: 9.82 },
      enabled: false,
    });
  // Two minutes of the simulator's clip on cam-001 and cam-002, ending a minute ago.
  recordedFrom = Math.floor(Date.now() / 1000) * 1000 - 180_000;
  const clip = await loadTestClip();
  for (const cameraId of ['cam-001', 'cam-002'])
    await recordSynthetic({
      db,
      storageRoot: path.join(dir, RECORDINGS_DIR),
      key: services.audit.key,
      cameraId,
      clip,
      fromMs: recordedFrom,
      toMs: recordedFrom + 120_000,
      segmenter: { segmentTargetMs: 30_000 },
    });
  const app = createHttpApp(services, {
    ...httpSettingsOf(config),
    webDist: path.join(repoRoot, 'web', 'dist'),
  });
  server = await startServer({ app, host: '127.0.0.1', port: 0 });

  // The Carabinieri, whose agreement lets them play back cam-002 only.
  const admin = await cookieOf('admin');
  expect(
    (await api(admin, 'POST', '/api/agencies', { id: 'carabinieri', name: 'Carabinieri' })).status,
  ).toBe(201);
  const agreement = await api(admin, 'POST', '/api/agreements', {
    granteeAgencyId: 'carabinieri',
    title: 'Videosorveglianza condivisa',
    legalInstrument: "Protocollo d'intesa prot. 1234/2026",
    legalInstrumentDate: '2026-01-15',
    validFromMs: Date.now() - 86_400_000,
    permissions: ['live.view', 'playback.view'],
    cameraIds: ['cam-002'],
  });
  expect(agreement.status, await agreement.clone().text()).toBe(201);
  await services.accounts.users.create({
    username: 'cc.bianchi',
    password: PASSWORD,
    role: 'operator',
    agencyId: 'carabinieri',
  });

  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
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

describe('bookmarks on the recordings page', () => {
  let rossi = '';

  it('marks the playhead: a marker on the bar and an entry in the recent events', async () => {
    rossi = await cookieOf('rossi');
    await signIn(page, 'rossi');
    await page.goto(`${server.url}#/recordings/cam-001`);
    await page.getByTestId('timeline-cam-001').locator('.pb-span').first().waitFor();
    await page.locator('input[name="reason"]').fill('verifica segnalazione furto');
    await page.locator('input[name="caseReference"]').fill('RGNR 77/2026');
    await page.getByTestId('open-playback').click();
    // Opened playing near the end of the recording.
    await expect.poll(() => clockMs(), { timeout: 20_000 }).toBeGreaterThan(recordedFrom + 100_000);
    const first = await clockMs();
    await expect.poll(() => clockMs(), { timeout: 20_000 }).toBeGreaterThan(first);
    await goTo(recordedFrom + 90_000);
    const at = await clockMs();

    await page.getByTestId('bookmark-add').click();
    const card = page.getByTestId('bookmark-card');
    expect(await card.getByTestId('bookmark-form-when').textContent()).toContain('Istante');
    expect(await card.getByRole('note').textContent()).toBe(
      'I segnalibri non proteggono le registrazioni dalla cancellazione: per conservarle, chiedere un blocco legale.',
    );
    // The title is required: the form does not go without it.
    await card.getByTestId('bookmark-save').click();
    expect(await card.locator('input[name="bookmarkTitle"]:invalid').count()).toBe(1);
    await card.locator('input[name="bookmarkTitle"]').fill('Furgone bianco');
    await card.locator('textarea[name="bookmarkNote"]').fill('Targa parziale AB 12');
    // The case reference comes from the playback's.
    expect(await card.locator('input[name="bookmarkCaseReference"]').inputValue()).toBe(
      'RGNR 77/2026',
    );
    await card.getByTestId('bookmark-save').click();
    // The popover now shows the bookmark.
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Furgone bianco');

    const saved = (await bookmarksOf(rossi)).get('Furgone bianco');
    expect(saved).toMatchObject({
      cameraIds: ['cam-001'],
      fromMs: at,
      toMs: at,
      note: 'Targa parziale AB 12',
      caseReference: 'RGNR 77/2026',
    });
    const instant = timelineMarks('cam-001').and(page.locator('[data-kind="instant"]'));
    await expect.poll(() => instant.count()).toBe(1);
    const p = romeParts(at);
    expect(await instant.getAttribute('aria-label')).toBe(
      `Segnalibro «Furgone bianco», ${Number(p['day'])}/${Number(p['month'])}/${p['year']} ${p['hour']}:${p['minute']}:${p['second']}`,
    );
    const event = page.locator('[data-testid="event"][data-kind="bookmark"]');
    await expect.poll(() => event.count()).toBe(1);
    expect(await event.textContent()).toContain('Furgone bianco');
  });

  it('marks a range selected with the buttons, and selects one with shift+drag', async () => {
    await page.getByRole('button', { name: 'Chiudi' }).click();
    await goTo(recordedFrom + 20_000);
    await page.getByTestId('selection-start').click();
    await goTo(recordedFrom + 40_000);
    await page.getByTestId('selection-end').click();
    const from = romeParts(recordedFrom + 20_000);
    const to = romeParts(recordedFrom + 40_000);
    expect(await page.getByTestId('selection-text').textContent()).toBe(
      `Selezione ${from['hour']}:${from['minute']}:${from['second']}–${to['hour']}:${to['minute']}:${to['second']}`,
    );
    await page.getByTestId('bookmark-add').click();
    const card = page.getByTestId('bookmark-card');
    expect(await card.getByTestId('bookmark-form-when').textContent()).toContain('Intervallo');
    await card.locator('input[name="bookmarkTitle"]').fill('Lite in strada');
    await card.locator('input[name="bookmarkCaseReference"]').fill('RGNR 88/2026');
    await card.getByTestId('bookmark-save').click();
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Lite in strada');
    // Saved: the selection is dropped.
    expect(await page.getByTestId('selection-text').textContent()).toBe('');
    expect((await bookmarksOf(rossi)).get('Lite in strada')).toMatchObject({
      fromMs: recordedFrom + 20_000,
      toMs: recordedFrom + 40_000,
    });
    const band = page.locator('[data-testid="bookmark-mark"][data-kind="range"]');
    await expect.poll(() => band.count()).toBe(1);
    expect(await band.getAttribute('aria-label')).toContain('Segnalibro «Lite in strada»');

    // Shift+drag across the middle of the bar selects a range.
    const bar = page.getByTestId('timeline-cam-001').locator('[role="slider"]');
    const box = await bar.boundingBox();
    if (!box) throw new Error('no bar');
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height - 3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height - 3, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    expect(await page.getByTestId('selection-text').textContent()).toMatch(
      /^Selezione \d\d:\d\d:\d\d–\d\d:\d\d:\d\d$/,
    );
    await page.getByTestId('timeline-cam-001').locator('.pb-selection').waitFor();
    await page.getByRole('button', { name: 'Annulla la selezione' }).click();
    expect(await page.getByTestId('timeline-cam-001').locator('.pb-selection').count()).toBe(0);
    await page.getByRole('button', { name: 'Chiudi' }).click();
  });

  it('jumps to a bookmark from the recent events and from the timeline', async () => {
    const list = await bookmarksOf(rossi);
    const instant = list.get('Furgone bianco');
    const range = list.get('Lite in strada');
    if (!instant || !range) throw new Error('bookmarks missing');
    await pause();
    await page
      .locator('[data-testid="event"][data-kind="bookmark"]', { hasText: 'Furgone bianco' })
      .click();
    await expect.poll(() => clockMs(), { timeout: 20_000 }).toBe(instant.fromMs);
    await expect
      .poll(() => page.getByTestId('bookmark-card').getByRole('heading').textContent())
      .toBe('Furgone bianco');
    await page.locator('[data-testid="bookmark-mark"][data-kind="range"]').click();
    await expect.poll(() => clockMs(), { timeout: 20_000 }).toBe(range.fromMs);
    await expect
      .poll(() => page.getByTestId('bookmark-card').getByRole('heading').textContent())
      .toBe('Lite in strada');
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await shot(page, `playback-bookmarks-${size.width}x${size.height}`);
      for (const id of ['bookmark-add', 'selection-start', 'selection-end', 'timeline-cam-001'])
        expect(await inViewport(page, id), `${id} at ${size.width}×${size.height}`).toBe(true);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('prefills the export panel and a legal-hold request from a bookmark', async () => {
    const range = (await bookmarksOf(rossi)).get('Lite in strada');
    if (!range) throw new Error('bookmark missing');
    const card = page.getByTestId('bookmark-card');
    await card.getByTestId('bookmark-export').click();
    await expect
      .poll(() => page.locator('input[name="from"]').inputValue())
      .toBe(italian(range.fromMs));
    expect(await page.locator('input[name="to"]').inputValue()).toBe(italian(range.toMs));
    expect(await page.locator('input[name="exportCaseReference"]').inputValue()).toBe(
      'RGNR 88/2026',
    );
    expect(await page.getByTestId('export-cameras').textContent()).toBe('Telecamere: cam-001');
    // On the first field left to fill: the recipient (the reason is the playback's).
    await expect
      .poll(() => page.evaluate('document.activeElement && document.activeElement.name'))
      .toBe('recipient');
    await shot(page, 'playback-bookmarks-export');

    await card.getByTestId('bookmark-hold').click();
    const text = await card.getByTestId('bookmark-hold-text').inputValue();
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Richiesta di blocco legale',
      'Telecamere: Via del Prione (cam-001)',
      `Dalle: ${italian(range.fromMs)} (Europe/Rome) · ${new Date(range.fromMs).toISOString()} UTC`,
      `Alle: ${italian(range.toMs)} (Europe/Rome) · ${new Date(range.toMs).toISOString()} UTC`,
      'Riferimento pratica: RGNR 88/2026',
    ]);
    expect(text).toContain(
      `#/recordings/cam-001%40${encodeURIComponent(new Date(range.fromMs).toISOString())}`,
    );
    // Copied where the clipboard may be written (here it may), else shown to copy by hand.
    await expect
      .poll(() => card.getByTestId('bookmark-hold-status').textContent())
      .toBe('Dettagli copiati: incollali nella richiesta di blocco legale.');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(text);
    // An operator places no hold: no link to the hold form.
    expect(await card.getByTestId('bookmark-hold-form').count()).toBe(0);
  });

  it('edits and deletes its own bookmark', async () => {
    const card = page.getByTestId('bookmark-card');
    await page.locator('[data-testid="bookmark-mark"][data-kind="instant"]').click();
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Furgone bianco');
    await card.getByTestId('bookmark-edit').click();
    await card.locator('input[name="bookmarkTitle"]').fill('Furgone bianco in contromano');
    await card.getByTestId('bookmark-save').click();
    await expect
      .poll(() => card.getByRole('heading').textContent())
      .toBe('Furgone bianco in contromano');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="bookmark-mark"][data-kind="instant"]')
          .getAttribute('aria-label'),
      )
      .toContain('Furgone bianco in contromano');
    expect([...(await bookmarksOf(rossi)).keys()].sort()).toEqual([
      'Furgone bianco in contromano',
      'Lite in strada',
    ]);

    await card.getByTestId('bookmark-delete').click();
    await card.getByTestId('bookmark-delete-confirm').click();
    await expect.poll(() => page.getByTestId('bookmark-card').count()).toBe(0);
    await expect
      .poll(() => page.locator('[data-testid="bookmark-mark"][data-kind="instant"]').count())
      .toBe(0);
    expect([...(await bookmarksOf(rossi)).keys()]).toEqual(['Lite in strada']);
    await services.audit.flush();
    const actions = (await services.audit.query({ username: 'rossi' })).entries
      .map((e) => e.action)
      .filter((a) => a.startsWith('bookmark.'))
      .sort();
    expect(actions).toEqual([
      'bookmark.create',
      'bookmark.create',
      'bookmark.delete',
      'bookmark.update',
    ]);
  });

  it('opens a link to an instant after asking the reason, paused on its frame', async () => {
    // From the bookmarks page: its link opens the recordings at the bookmark's start.
    await page.goto(`${server.url}#/bookmarks`);
    await page.getByRole('link', { name: 'Apri nelle registrazioni' }).click();
    await page.getByTestId('open-playback').waitFor();
    await page.locator('input[name="reason"]').fill('verifica lite');
    await page.getByTestId('open-playback').click();
    await expect.poll(() => clockMs(), { timeout: 20_000 }).toBe(recordedFrom + 20_000);
    expect(await page.getByTestId('play-pause').getAttribute('data-playing')).toBe('false');

    // A typed address, an instant between frames: the frame shown at that instant.
    const at = recordedFrom + 61_230;
    await page.goto(`${server.url}#/cameras`);
    await page.goto(`${server.url}#/recordings/cam-001@${new Date(at).toISOString()}`);
    await page.getByTestId('open-playback').waitFor();
    // The timeline waits there already, with the instant in view.
    const bar = page.getByTestId('timeline-cam-001').locator('[role="slider"]');
    await expect
      .poll(async () => {
        const min = Number(await bar.getAttribute('aria-valuemin'));
        const max = Number(await bar.getAttribute('aria-valuemax'));
        return min <= at && at <= max;
      })
      .toBe(true);
    await page.locator('input[name="reason"]').fill('verifica lite');
    await page.getByTestId('open-playback').click();
    await expect.poll(() => clockMs(), { timeout: 20_000 }).toBe(recordedFrom + 61_200);
    expect(await page.getByTestId('play-pause').getAttribute('data-playing')).toBe('false');
    await shot(page, 'playback-bookmarks-link');
  });
});

describe("another's bookmark", () => {
  it('is changed by a supervisor of the agency, not by another operator', async () => {
    const range = (await bookmarksOf(await cookieOf('rossi'))).get('Lite in strada');
    if (!range) throw new Error('bookmark missing');
    const link = `${server.url}#/recordings/cam-001@${new Date(range.fromMs).toISOString()}`;
    const actionsOf = async (username: string): Promise<string[]> => {
      const other = await (browser as Browser).newContext({
        viewport: { width: 1366, height: 768 },
      });
      const p = await other.newPage();
      await signIn(p, username);
      await p.goto(link);
      await p.locator('[data-testid="bookmark-mark"][data-kind="range"]').click();
      const card = p.getByTestId('bookmark-card');
      await expect.poll(() => card.getByRole('heading').textContent()).toBe('Lite in strada');
      const ids: string[] = [];
      for (const el of await card.locator('.pb-bm-actions [data-testid]').all())
        ids.push((await el.getAttribute('data-testid')) ?? '');
      if (ids.includes('bookmark-hold-form')) {
        const href = (await card.getByTestId('bookmark-hold-form').getAttribute('href')) ?? '';
        const param = decodeURIComponent(href.replace('#/admin/', ''));
        expect(param.startsWith('holds?')).toBe(true);
        expect(Object.fromEntries(new URLSearchParams(param.slice('holds?'.length)))).toEqual({
          cameras: 'cam-001',
          from: String(range.fromMs),
          to: String(range.toMs),
          reason: 'Lite in strada',
          reference: 'RGNR 88/2026',
        });
      }
      await other.close();
      return ids;
    };
    expect(await actionsOf('verdi')).toEqual(['bookmark-export', 'bookmark-hold']);
    // A supervisor also places holds: a link to the hold form, prefilled.
    expect(await actionsOf('capo')).toEqual([
      'bookmark-export',
      'bookmark-hold',
      'bookmark-hold-form',
      'bookmark-edit',
      'bookmark-delete',
    ]);
  });
});

describe('a partner agency', () => {
  it('sees only the bookmarks on the cameras it may play back', async () => {
    const rossi = await cookieOf('rossi');
    const make = async (title: string, cameraIds: string[]) => {
      const res = await api(rossi, 'POST', '/api/bookmarks', {
        cameraIds,
        fromMs: recordedFrom + 100_000,
        title,
      });
      expect(res.status, await res.clone().text()).toBe(201);
    };
    await make('Solo Piazza Verdi', ['cam-002']);
    await make('Solo Via del Prione', ['cam-001']);
    await make('Entrambe', ['cam-001', 'cam-002']);

    const partnerContext = await (browser as Browser).newContext({
      viewport: { width: 1366, height: 768 },
    });
    const partner = await partnerContext.newPage();
    const since = Date.now();
    await signIn(partner, 'cc.bianchi');
    // A link naming both cameras opens only the one the agreement grants, and says so.
    await partner.goto(
      `${server.url}#/recordings/cam-001,cam-002@${new Date(recordedFrom + 100_000).toISOString()}`,
    );
    await partner.getByTestId('timeline-cam-002').locator('.pb-span').first().waitFor();
    expect(await partner.getByTestId('link-left-out').textContent()).toContain('cam-001');
    expect(await partner.getByTestId('timeline-cam-001').count()).toBe(0);
    const marks = partner.getByTestId('bookmark-mark');
    await expect.poll(() => marks.count()).toBe(1);
    expect(await marks.getAttribute('aria-label')).toContain('Solo Piazza Verdi');
    const events = partner.locator('[data-testid="event"][data-kind="bookmark"]');
    expect(await events.allTextContents()).toEqual([expect.stringContaining('Solo Piazza Verdi')]);
    // Playing back, no "Segnalibro" button: the agreement does not grant bookmark.manage.
    await partner.locator('input[name="reason"]').fill('accertamenti su segnalazione');
    await partner.locator('input[name="caseReference"]').fill('Proc. 55/2026');
    await partner.getByTestId('open-playback').click();
    await expect.poll(() => clockMs(partner), { timeout: 20_000 }).toBe(recordedFrom + 100_000);
    expect(await partner.getByTestId('bookmark-add').count()).toBe(0);
    expect(await partner.getByTestId('selection-start').count()).toBe(0);
    await shot(partner, 'playback-bookmarks-partner');

    // The bookmarks page lists the same one.
    await partner.goto(`${server.url}#/bookmarks`);
    await partner.locator('[data-bookmark]').first().waitFor();
    expect(await partner.locator('[data-bookmark] h2').allTextContents()).toEqual([
      'Solo Piazza Verdi',
    ]);
    // Nothing it did was refused: the page asked only for what it may see.
    await services.audit.flush();
    const denied = (await services.audit.query({ outcome: 'denied' })).entries.filter(
      (e) => e.timeMs >= since,
    );
    expect(denied.map((e) => `${e.username ?? ''} ${e.action} ${e.cameraId ?? ''}`)).toEqual([]);
    await partnerContext.close();
  });
});
