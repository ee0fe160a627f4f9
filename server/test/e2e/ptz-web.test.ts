/**
 * End-to-end, in Debian's Chromium against the demo city (every fifth camera a simulated ONVIF
 * dome): an operator opens a dome's PTZ controls on a wall tile and drags on the picture; the
 * simulated dome turns, the tile keeps playing and warns that masks are drawn for home; a
 * supervisor (a higher priority, in a
 * second browser) takes control, and the operator's controls say who holds the camera; the
 * audit trail has the operator's session ended as preempted by the supervisor; a USB joystick
 * (a virtual pad behind the Gamepad API) turns the dome too.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import {
  ensureWebBuilt,
  launchChromium,
  openPtzOnWall,
  screenshot,
  startTestCity,
  videoProgress,
  within,
} from './live-e2e-support.ts';

const PASSWORD = 'correct horse battery staple';
const DOME = 'cam-005';
const tile = '[data-tile-index="0"]';

let city: Demo;
let browser: Browser | undefined;
let operator: Page;
let supervisor: Page;

/** The dome's position in the simulator. */
function position() {
  const p = city.onvif?.ptzPosition(DOME);
  if (p === undefined) throw new Error(`${DOME} is not a simulated dome`);
  return p;
}

const openDome = (page: Page, user: string) => openPtzOnWall(page, city.url, user, PASSWORD, DOME);

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(5);
  const users = city.vedetta.services.accounts.users;
  await users.create({
    username: 'rossi',
    password: PASSWORD,
    role: 'operator',
    agencyId: 'polizia-municipale',
  });
  await users.create({
    username: 'bianchi',
    password: PASSWORD,
    role: 'supervisor',
    agencyId: 'polizia-municipale',
  });
  browser = await launchChromium();
  operator = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  supervisor = await (
    await browser.newContext({ viewport: { width: 1366, height: 768 } })
  ).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('PTZ from a wall tile', () => {
  it('turns the dome by dragging on the picture', async () => {
    await openDome(operator, 'rossi');
    expect(await operator.locator(`${tile} [data-testid="ptz-status"]`).textContent()).toBe(
      'PTZ libero',
    );
    const start = position();

    const surface = operator.locator(`${tile} [data-testid="ptz-surface"]`);
    const box = await surface.boundingBox();
    if (!box) throw new Error('no PTZ surface');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await operator.mouse.move(x, y);
    await operator.mouse.down();
    await operator.mouse.move(x + box.width / 3, y, { steps: 5 });
    await within(20_000, 'the dome pans right', () =>
      Promise.resolve(position().pan > start.pan + 0.3),
    );
    await operator.mouse.up();
    await within(10_000, 'the dome stops', () => Promise.resolve(!position().moving));
    await operator
      .locator(`${tile} [data-testid="ptz-status"]`)
      .getByText(/^Controllo tuo fino alle \d\d:\d\d$/)
      .waitFor();
    await operator.locator(`${tile} [data-testid="ptz-away"]`).waitFor();
    // The tile keeps playing the dome (the simulator's own test shows its picture moving: the
    // scene's clip changes the pixels too much by itself for a browser comparison to tell).
    const frames = (await videoProgress(operator))[0]?.frames ?? 0;
    await within(30_000, 'the tile keeps playing', async () => {
      const now = (await videoProgress(operator))[0];
      return now?.state === 'playing' && now.frames > frames;
    });
    await screenshot(operator, 'ptz-tile-1366x768');
    await operator.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(operator, 'ptz-tile-1920x1080');
    await operator.setViewportSize({ width: 1366, height: 768 });
  });

  it('loses control to a supervisor, and says who holds the dome and until when', async () => {
    await openDome(supervisor, 'bianchi');
    await supervisor.locator(`${tile} [data-testid="ptz-take"]`).click();
    await supervisor
      .locator(`${tile} [data-testid="ptz-status"]`)
      .getByText(/^Controllo tuo/)
      .waitFor();
    // The operator's controls learn it from the server's event stream (no request of theirs).
    await operator
      .locator(`${tile} [data-testid="ptz-status"]`)
      .getByText(/^In uso da bianchi, .+ fino alle \d\d:\d\d$/)
      .waitFor({ timeout: 15_000 });
    // Trying anyway: refused, with who holds it.
    await operator.locator(`${tile} [data-testid="ptz-home"]`).click();
    await operator
      .locator(`${tile} [data-testid="ptz-busy"]`)
      .getByText(/^In uso da bianchi/)
      .waitFor();
    await screenshot(operator, 'ptz-busy-1366x768');

    const audit = city.vedetta.services.audit;
    await audit.flush();
    const entries = (await audit.query({}, { limit: 500 })).entries;
    const preempted = entries.find(
      (e) => e.action === 'ptz.release' && (e.details ?? '').includes('"preempted"'),
    );
    expect(preempted?.cameraId).toBe(DOME);
    const details = JSON.parse(preempted?.details ?? '{}') as { by?: string; moves?: number };
    expect(details.by).toBe('bianchi');
    expect(details.moves).toBeGreaterThan(0);
  });

  it('turns with a USB joystick (the browser Gamepad API)', async () => {
    if (!browser) throw new Error('no browser');
    // A joystick as the Gamepad API shows one (standard mapping): its axes set by the test.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(`
      window.__pad = { axes: [0, 0, 0, 0] };
      Object.defineProperty(navigator, 'getGamepads', {
        value: () => [{
          id: 'Virtual joystick', index: 0, connected: true, mapping: 'standard',
          axes: window.__pad.axes.slice(), buttons: [], timestamp: performance.now(),
        }],
      });
    `);
    const pad = await context.newPage();
    await openDome(pad, 'bianchi');
    await pad
      .locator(`${tile} [data-testid="ptz-status"]`)
      .getByText(/^Controllo tuo/)
      .waitFor({ timeout: 15_000 });
    const start = position();
    await pad.evaluate('window.__pad.axes = [-1, 0, 0, 0]'); // stick fully left
    await within(20_000, 'the dome pans left', () =>
      Promise.resolve(position().pan < start.pan - 0.3),
    );
    await pad.evaluate('window.__pad.axes = [0, 0, 0, 0]'); // stick released
    await within(10_000, 'the dome stops', () => Promise.resolve(!position().moving));
    await context.close();
  });
});
