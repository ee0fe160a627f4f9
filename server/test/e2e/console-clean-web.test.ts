/**
 * End-to-end, in Debian's Chromium against the demo city: the administrator visits every section
 * (and every administration tab) and the browser sees no 404 and logs no error; the favicon
 * loads; a live tile shows the camera's time and the recording dot, and the H.265 transcode as a
 * small badge in its bar; every WebRTC teardown is answered 204; an auditor's audit page writes
 * actions and refusal reasons in Italian, with Italian date-times. Screenshots of the wall and
 * the audit page at 1366×768 and 1920×1080 go to test-output/e2e/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import {
  dropCamera,
  ensureWebBuilt,
  launchChromium,
  screenshot,
  signIn,
  startTestCity,
  videoProgress,
  within,
} from './live-e2e-support.ts';

/** What the administrator sees, in navigation order (web/src/app/sections.ts), and admin tabs. */
const ADMIN_PAGES = [
  'cameras',
  'cameras/cam-001',
  'wall',
  'displays',
  'map',
  'recordings',
  'bookmarks',
  'verify',
  'alarms',
  'privacy',
  'compliance',
  'admin/agencies',
  'admin/users',
  'admin/roles',
  'admin/agreements',
  'admin/groups',
];
const PASSWORD = 'correct horse battery staple';

let city: Demo;
/** The city's origin, without a trailing slash. */
let origin = '';
let browser: Browser | undefined;
let admin: Page;
const notFound: string[] = [];
const consoleErrors: string[] = [];
const hangUps: number[] = [];

/** Collects the page's 404 answers, WebRTC hang-up answers and errors. */
function watch(page: Page): void {
  page.on('response', (r) => {
    if (r.status() === 404) notFound.push(`${r.request().method()} ${r.url()}`);
    if (r.request().method() === 'DELETE' && r.url().includes('/api/live/webrtc/')) {
      hangUps.push(r.status());
    }
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
}

/**
 * Collects console errors from now on. (On the sign-in page the start-up session check answers
 * 401 before any session exists, and Chromium logs it as a failed resource: that is the API
 * saying "not signed in", so the listening starts once signed in.)
 */
function watchConsole(page: Page): void {
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
}

async function newPage(
  width = 1366,
  height = 768,
  where: { locale?: string; timezoneId?: string } = {},
): Promise<Page> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width, height }, ...where });
  const page = await context.newPage();
  watch(page);
  return page;
}

/** Opens a page of the app and waits until it has stopped saying "loading". */
async function visit(page: Page, route: string): Promise<void> {
  await page.goto(`${origin}/#/${route}`);
  await page.locator('main').waitFor();
  await within(
    15_000,
    `#/${route} loaded`,
    async () => (await page.getByText('Caricamento…').count()) === 0,
  );
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(5);
  origin = city.url.replace(/\/$/, '');
  browser = await launchChromium();
  admin = await newPage();
  await signIn(admin, origin, city.username, city.password);
  watchConsole(admin);
});

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('Italian, site time and a quiet console', () => {
  it('serves the favicon, linked from the page and at /favicon.ico', async () => {
    expect(await admin.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    const svg = await admin.request.get(`${origin}/favicon.svg`);
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toBe('image/svg+xml');
    const ico = await admin.request.get(`${origin}/favicon.ico`);
    expect(ico.status()).toBe(200);
  });

  it("shows each live tile's time and recording dot, and the transcode as a badge", async () => {
    await visit(admin, 'wall');
    await admin.locator('[data-layout="4"]').click();
    // cam-005 is the demo's H.265 camera: played through the H.264 transcode.
    for (const [i, id] of ['cam-001', 'cam-002', 'cam-003', 'cam-005'].entries()) {
      await dropCamera(admin, id, i);
    }
    await within(40_000, 'four tiles playing', async () => {
      const p = await videoProgress(admin);
      return p.length === 4 && p.every((v) => v.state === 'playing');
    });
    const clocks = admin.getByTestId('tile-clock');
    await within(10_000, "the cameras' own clocks", async () => {
      const sources = await Promise.all(
        (await clocks.all()).map((c) => c.getAttribute('data-clock-source')),
      );
      return sources.length === 4 && sources.every((s) => s === 'camera');
    });
    for (const text of await clocks.allTextContents()) expect(text).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    // The demo records every camera: each tile gets its red dot once its status says so.
    await within(
      45_000,
      'the recording dots',
      async () => (await admin.getByTestId('tile-recording').count()) === 4,
    );
    const note = admin.locator('[data-tile-index="3"] [data-testid="tile-note"]');
    expect(await note.getAttribute('data-note')).toBe('transcoded');
    expect(await note.textContent()).toBe('H.265→H.264');
    // The badge sits in the tile's bar, above the picture, not over it.
    const bar = await admin.locator('[data-tile-index="3"] .wall-tile-bar').boundingBox();
    const badge = await note.boundingBox();
    const video = await admin.locator('[data-tile-index="3"] .live-video').boundingBox();
    if (bar === null || badge === null || video === null) throw new Error('tile not laid out');
    expect(badge.y).toBeGreaterThanOrEqual(bar.y);
    expect(badge.y + badge.height).toBeLessThanOrEqual(video.y + 0.5);
    await screenshot(admin, 'italian-wall-1366x768');
    await admin.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(admin, 'italian-wall-1920x1080');
    await admin.setViewportSize({ width: 1366, height: 768 });
  });

  it('visits every section without a 404 or a console error; teardowns answer 204', async () => {
    for (const route of ADMIN_PAGES) await visit(admin, route);
    // Built-in roles are described in Italian.
    await visit(admin, 'admin/roles');
    await admin.getByText('Operatore di sala: diretta, riproduzione, esportazione, PTZ').waitFor();
    // Back to the wall (still playing over WebRTC where it can) and away: the tiles hang up.
    await visit(admin, 'wall');
    await within(40_000, 'the wall playing again', async () =>
      (await videoProgress(admin)).some((v) => v.state === 'playing' && v.transport === 'webrtc'),
    );
    await visit(admin, 'cameras');
    await within(10_000, 'the hang-ups answered', async () => Promise.resolve(hangUps.length > 0));
    expect(
      hangUps.every((s) => s === 204),
      hangUps.join(', '),
    ).toBe(true);
    expect(notFound).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("writes the audit trail's actions, refusal reasons and times in Italian", async () => {
    const users = city.vedetta.services.accounts.users;
    for (const [username, role] of [
      ['dpo.verdi', 'auditor'],
      ['op.bianchi', 'operator'],
    ] as const) {
      await users.create({ username, password: PASSWORD, role, agencyId: 'polizia-municipale' });
    }
    // An operator asking for the audit trail is refused: a denied entry with a reason code.
    const login = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'op.bianchi', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${origin}/api/audit`, { headers: { cookie } })).status).toBe(403);

    // A browser in English, in New York: the page still speaks Italian time in Rome.
    const dpo = await newPage(1366, 768, { locale: 'en-US', timezoneId: 'America/New_York' });
    await dpo.goto(origin);
    await dpo.getByLabel('Nome utente').fill('dpo.verdi');
    await dpo.getByLabel('Password').fill(PASSWORD);
    await dpo.getByRole('button', { name: 'Accedi' }).click();
    await dpo.getByRole('link', { name: 'Audit' }).waitFor({ timeout: 15_000 });
    watchConsole(dpo);
    await visit(dpo, 'audit');
    const cell = (attr: string, code: string) => dpo.locator(`td[${attr}="${code}"]`).first();
    await cell('data-audit-action', 'live.start').waitFor();
    expect(await cell('data-audit-action', 'live.start').textContent()).toBe(
      'Inizio visione in diretta',
    );
    expect(await cell('data-audit-action', 'session.login').textContent()).toBe('Accesso');
    expect(await cell('data-audit-reason', 'role_lacks_permission').textContent()).toBe(
      'Il ruolo non ha il permesso',
    );
    // The wall's tiles were closed by the administrator: why a live view ended, in words.
    expect(await cell('data-audit-reason', 'client_closed').textContent()).toBe(
      'Chiusa dall’utente',
    );
    // No code with words is shown raw, and the action filter offers words too.
    for (const td of await dpo.locator('td[data-audit-action]').all()) {
      const code = await td.getAttribute('data-audit-action');
      expect(await td.textContent(), String(code)).not.toBe(code);
    }
    expect(
      await dpo.locator('select[id$="-action"] option[value="agency.delete"]').textContent(),
    ).toBe('Ente eliminato');
    // Date and time in Italian order, 24-hour clock, whatever the browser's locale.
    const time = await dpo.locator('.audit-page tbody tr td').nth(1).textContent();
    expect(time).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    // The filter's times are typed in Italian form, read on Rome's clock (not the browser's
    // own date-time field, which writes "12/7/2026, 3:27 PM" on this browser).
    const from = dpo.locator('input[id$="-from"]');
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.getAttribute('placeholder')).toBe('gg/mm/aaaa hh:mm');
    await from.fill('31/02/2026 10:00');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    await from.fill('7/12/2026 09:05');
    expect(await from.getAttribute('aria-invalid')).toBeNull();
    const asked = dpo.waitForRequest((r) => r.url().includes('/api/audit?'));
    await dpo.getByRole('button', { name: 'Filtra' }).click();
    // 09:05 in Rome in December is 08:05 UTC.
    expect(new URL((await asked).url()).searchParams.get('fromMs')).toBe(
      String(Date.UTC(2026, 11, 7, 8, 5)),
    );
    await from.blur();
    expect(await from.inputValue()).toBe('7/12/2026 09:05');
    await screenshot(dpo, 'italian-audit-1366x768');
    await dpo.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(dpo, 'italian-audit-1920x1080');
    expect(notFound).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
