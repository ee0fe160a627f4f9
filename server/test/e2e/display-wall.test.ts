/**
 * The operations room's wall display, end to end in Debian's Chromium against the demo city, with
 * two browser contexts: an operator's PC and the wall display (a browser signed in with a display
 * account). The administrator creates the display on the "Schermi" page; the display shows its
 * idle screen; the operator pushes a camera (the display plays it: frames presented, time
 * advancing), a view (its tiles playing, a tile's tour moving on), an instant replay (the recording advancing); the display
 * survives its network going away (its connections cut by a proxy, then let through again: the
 * content pushed meanwhile plays); "Riprendi" takes it back to the idle screen. The display account cannot
 * browse (the camera list answers 403). A partner agency's operator is offered only the camera
 * its agreement grants and pushes it to the partner's display. Screenshots at 1366×768 and
 * 1920×1080.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import {
  ensureWebBuilt,
  launchChromium,
  screenshot,
  signIn,
  startTestCity,
  within,
} from './live-e2e-support.ts';
import { startDropProxy, type DropProxy } from './drop-proxy.ts';

const PASSWORD = 'correct horse battery staple';
const REASON = 'Verifica segnalazione 112 piazza Verdi';
let city: Demo;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
let operator: Page;
let wall: Page;
/** The display's way to the server, which the test can cut. */
let network: DropProxy;
/** What the display's browser logged as errors (until the network is cut). */
const wallErrors: string[] = [];

async function context(viewport: { width: number; height: number }): Promise<Page> {
  if (browser === undefined) throw new Error('no browser');
  const c = await browser.newContext({ viewport });
  contexts.push(c);
  return c.newPage();
}

/** Signs a display account in: it lands on its display, not on the sections. */
async function signInDisplay(page: Page, user: string, url = city.url): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Nome utente').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.locator('.display-page').waitFor({ timeout: 15_000 });
}

/** What the display shows (`none`, `camera`, `view`, `replay`, `gone`). */
const shown = (page: Page) => page.locator('.display-page').getAttribute('data-content');

/** The current time of each live video on a page's display tiles, with their state. */
function tileVideos(page: Page): Promise<{ camera: string; state: string; time: number }[]> {
  return page.$$eval('.display-tile[data-camera]', (tiles) =>
    (
      tiles as unknown as {
        dataset: Record<string, string | undefined>;
        querySelector(s: 'video'): { currentTime: number } | null;
      }[]
    ).map((t) => ({
      camera: t.dataset['camera'] ?? '',
      state: t.dataset['state'] ?? '',
      time: t.querySelector('video')?.currentTime ?? 0,
    })),
  );
}

/** Waits until every tile plays and its video time advances. */
async function allPlaying(page: Page, count: number, what: string): Promise<void> {
  await within(45_000, `${what}: ${count} tiles playing`, async () => {
    const v = await tileVideos(page);
    return v.length === count && v.every((x) => x.state === 'playing' && x.time > 0);
  });
  const before = await tileVideos(page);
  await within(20_000, `${what}: time advancing`, async () => {
    const now = await tileVideos(page);
    return now.every((x, i) => x.time > (before[i]?.time ?? 0) + 0.5);
  });
}

/** Seconds recorded of `camera` in the last 10 minutes. */
async function recordedSeconds(page: Page, camera: string): Promise<number> {
  const to = new Date(Date.now() + 60_000).toISOString();
  const from = new Date(Date.now() - 600_000).toISOString();
  const res = await page.request.get(
    `${city.url}api/timeline?cameras=${camera}&from=${from}&to=${to}`,
  );
  const body = (await res.json()) as { cameras: { spans: [number, number][] }[] };
  return (body.cameras[0]?.spans ?? []).reduce((s, [a, b]) => s + (b - a) / 1000, 0);
}

/** The card of a display on the operators' page. */
const card = (page: Page, name: string) => page.locator(`.display-card[data-display="${name}"]`);

/** Chooses what to push on the operators' page. */
async function choose(
  page: Page,
  kind: 'camera' | 'view' | 'replay',
  value: string,
  reason?: string,
): Promise<void> {
  await page.locator(`.displays-push-kinds input[value="${kind}"]`).check();
  await page.locator('.displays-push-form select').first().selectOption(value);
  if (reason !== undefined) {
    await page.getByLabel('Motivo (obbligatorio, registrato)').fill(reason);
  }
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(4);
  browser = await launchChromium();
  network = await startDropProxy(city.url);
  // The demo city has the Carabinieri as a partner agency, with no agreement yet.
  const { users } = city.vedetta.services.accounts;
  for (const [username, role, agencyId] of [
    ['schermo.sala1', 'auditor', 'polizia-municipale'],
    ['schermo.cc', 'auditor', 'carabinieri'],
    ['cc.admin', 'administrator', 'carabinieri'],
    ['cc.operatore', 'operator', 'carabinieri'],
  ] as const) {
    await users.create({ username, password: PASSWORD, role, agencyId });
  }
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await network?.close();
  await city?.close();
});

describe('the wall display in the browser', () => {
  it('is created on the Schermi page and shows its idle screen', async () => {
    operator = await context({ width: 1366, height: 768 });
    await signIn(operator, city.url, city.username, city.password);
    await operator.getByRole('link', { name: 'Schermi' }).click();
    await operator.getByLabel('Nome', { exact: true }).fill('Videowall sinistro');
    await operator.getByLabel('Sala', { exact: true }).fill('Sala operativa PL');
    await operator.getByLabel('Account schermo (nome utente)').fill('schermo.sala1');
    await operator.getByRole('button', { name: 'Crea schermo' }).click();
    await card(operator, 'Videowall sinistro').waitFor({ timeout: 10_000 });

    wall = await context({ width: 1920, height: 1080 });
    await signInDisplay(wall, 'schermo.sala1', network.url);
    wall.on('console', (m) => {
      if (m.type() === 'error') wallErrors.push(m.text());
    });
    await expect.poll(() => shown(wall)).toBe('none');
    await wall.getByText('Nessun contenuto inviato a questo schermo').waitFor();
    // The operators see it connected (their list is asked again every few seconds).
    await expect
      .poll(() => card(operator, 'Videowall sinistro').getAttribute('data-online'), {
        timeout: 15_000,
      })
      .toBe('true');
    expect(await wall.getByRole('link', { name: 'Wall' }).count()).toBe(0);
    await screenshot(wall, 'display-idle-1920x1080');
    // The display account cannot browse by itself.
    const list = await wall.request.get(`${network.url}api/cameras`);
    expect(list.status()).toBe(403);
  });

  it('plays a camera the operator pushes', async () => {
    await choose(operator, 'camera', 'cam-001');
    await card(operator, 'Videowall sinistro').getByRole('button', { name: 'Invia qui' }).click();
    await expect.poll(() => shown(wall), { timeout: 10_000 }).toBe('camera');
    await allPlaying(wall, 1, 'camera');
    await expect
      .poll(() => card(operator, 'Videowall sinistro').getAttribute('data-content'))
      .toBe('camera');
    await screenshot(wall, 'display-camera-1920x1080');
    await screenshot(operator, 'displays-page-1366x768');
    await operator.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(operator, 'displays-page-1920x1080');
    await operator.setViewportSize({ width: 1366, height: 768 });
  });

  it('plays a view the operator pushes, tile by tile', async () => {
    const saved = await operator.request.post(`${city.url}api/views`, {
      data: {
        name: 'Centro storico',
        layout: '4',
        tiles: [
          ...['cam-001', 'cam-002', 'cam-003'].map((cameraId) => ({ cameraId, stream: 'sub' })),
          // The last tile tours: it moves on to cam-001 after 15 s, on the display too.
          {
            cameraId: 'cam-004',
            stream: 'sub',
            tour: { cameraIds: ['cam-004', 'cam-001'], seconds: 15 },
          },
        ],
      },
    });
    expect(saved.status()).toBe(201);
    const view = (await saved.json()) as { id: string };
    // The wall links to the displays with its view (or selected camera) ready to push.
    await operator.getByRole('link', { name: 'Wall' }).click();
    await expect
      .poll(() => operator.getByRole('link', { name: 'Invia agli schermi' }).getAttribute('href'))
      .toMatch(/^#\/displays\/(view|camera):/);
    await screenshot(operator, 'wall-to-displays-1366x768');
    await operator.goto(`${city.url}#/displays/view:${view.id}`);
    await expect
      .poll(() => operator.locator('.displays-push-form select').first().inputValue())
      .toBe(view.id);
    await card(operator, 'Videowall sinistro').getByRole('button', { name: 'Invia qui' }).click();
    await expect.poll(() => shown(wall), { timeout: 10_000 }).toBe('view');
    await allPlaying(wall, 4, 'view');
    await within(30_000, "the tile's tour moving on", async () => {
      const v = await tileVideos(wall);
      return v[3]?.camera === 'cam-001' && v[3].state === 'playing';
    });
    await screenshot(wall, 'display-view-1920x1080');
    await wall.setViewportSize({ width: 1366, height: 768 });
    await screenshot(wall, 'display-view-1366x768');
    await wall.setViewportSize({ width: 1920, height: 1080 });
  });

  it('plays an instant replay the operator pushes', async () => {
    await within(
      90_000,
      '20 s recorded',
      async () => (await recordedSeconds(operator, 'cam-002')) >= 20,
    );
    await choose(operator, 'replay', 'cam-002', REASON);
    await card(operator, 'Videowall sinistro').getByRole('button', { name: 'Invia qui' }).click();
    await expect.poll(() => shown(wall), { timeout: 10_000 }).toBe('replay');
    const time = () =>
      wall.$eval(
        '[data-testid="display-replay-video"]',
        (v) => (v as unknown as { currentTime: number }).currentTime,
      );
    await within(30_000, 'the replay to start', async () => (await time()) > 0.5);
    const first = await time();
    await within(20_000, 'the replay to advance', async () => (await time()) > first + 1);
    await screenshot(wall, 'display-replay-1920x1080');
    // Showing a camera, a view and a replay, the display called nothing it may not.
    expect(wallErrors).toEqual([]);
  });

  it('keeps going through a network drop and takes back to the idle screen', async () => {
    network.drop();
    // The display sees its link go (its event stream cut), and keeps what it shows.
    const link = () => wall.locator('.display-page').getAttribute('data-link');
    await within(30_000, 'the link lost', async () => (await link()) === 'reconnecting');
    expect(await shown(wall)).toBe('replay');
    await choose(operator, 'camera', 'cam-003');
    await card(operator, 'Videowall sinistro').getByRole('button', { name: 'Invia qui' }).click();
    await expect
      .poll(() => card(operator, 'Videowall sinistro').getAttribute('data-content'))
      .toBe('camera');
    await screenshot(wall, 'display-offline-1920x1080');
    network.restore();
    await within(
      60_000,
      'the camera pushed meanwhile',
      async () => (await shown(wall)) === 'camera',
    );
    await allPlaying(wall, 1, 'after the drop');
    expect((await tileVideos(wall))[0]?.camera).toBe('cam-003');
    await expect
      .poll(() => wall.locator('.display-page').getAttribute('data-link'))
      .toBe('connected');

    await card(operator, 'Videowall sinistro').getByRole('button', { name: 'Riprendi' }).click();
    await expect.poll(() => shown(wall), { timeout: 10_000 }).toBe('none');
    expect(await wall.locator('.display-tile').count()).toBe(0);
  });

  it("offers a partner agency's operator only the granted camera", async () => {
    const admin = operator.request;
    const now = Date.now();
    const agreement = await admin.post(`${city.url}api/agreements`, {
      data: {
        granteeAgencyId: 'carabinieri',
        title: 'Videosorveglianza integrata',
        legalInstrument: "Protocollo d'intesa prot. 1234/2025",
        legalInstrumentDate: '2025-03-01',
        validFromMs: now - 86_400_000,
        validUntilMs: now + 86_400_000,
        permissions: ['live.view', 'playback.view'],
        cameraIds: ['cam-002'],
        groupIds: [],
      },
    });
    expect(agreement.status(), await agreement.text()).toBe(201);
    const ccAdmin = await context({ width: 1366, height: 768 });
    await signIn(ccAdmin, city.url, 'cc.admin', PASSWORD);
    const made = await ccAdmin.request.post(`${city.url}api/displays`, {
      data: { name: 'Videowall CC', room: 'Centrale operativa', accountUsername: 'schermo.cc' },
    });
    expect(made.status(), await made.text()).toBe(201);

    const ccWall = await context({ width: 1366, height: 768 });
    await signInDisplay(ccWall, 'schermo.cc');
    const cc = await context({ width: 1366, height: 768 });
    await signIn(cc, city.url, 'cc.operatore', PASSWORD);
    await cc.getByRole('link', { name: 'Schermi' }).click();
    await card(cc, 'Videowall CC').waitFor();
    expect(await card(cc, 'Videowall sinistro').count()).toBe(0);
    await expect
      .poll(() =>
        cc.$$eval('.displays-push-form select option', (os) =>
          (os as unknown as { value: string }[]).map((o) => o.value).filter((v) => v !== ''),
        ),
      )
      .toEqual(['cam-002']);
    await choose(cc, 'camera', 'cam-002');
    await card(cc, 'Videowall CC').getByRole('button', { name: 'Invia qui' }).click();
    await expect.poll(() => shown(ccWall), { timeout: 10_000 }).toBe('camera');
    await allPlaying(ccWall, 1, 'partner camera');
  });
});
