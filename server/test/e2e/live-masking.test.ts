/**
 * End-to-end: privacy masks burned into the live video that leaves the owning agency, in
 * Chromium against the demo city. cam-001 has a mask over its left part. The pixels of the
 * decoded video (drawn to a canvas: the browser's own mask overlay is not part of them) are
 * - dark under the mask for a Carabinieri operator (the masked stream),
 * - the camera's for the owning agency's administrator (raw stream; the browser draws the mask),
 * - the camera's for a Carabinieri supervisor who lifted the masks (audited as `mask.lift`).
 */
import type { Browser } from 'playwright-core';
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

const PARTNER_PASSWORD = 'carabinieri password 2026';
/** The mask: the left part of the picture. */
const MASK: [number, number][] = [
  [0.05, 0.15],
  [0.45, 0.15],
  [0.45, 0.85],
  [0.05, 0.85],
];

let city: Demo;
let browser: Browser | undefined;

async function login(username: string, password: string): Promise<string> {
  const res = await fetch(new URL('/api/session', city.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function api(cookie: string, method: string, path: string, body?: unknown) {
  return fetch(new URL(path, city.url), {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Mean luma of the decoded video under the mask and beside it (read in the page). */
interface VideoLuma {
  width: number;
  inside: number;
  outside: number;
}

// Runs in the page (browser JavaScript, so written as text here).
const READ_LUMA = `(() => {
  const v = document.querySelector('[data-tile-index="0"] video');
  const c = document.createElement('canvas');
  c.width = v.videoWidth;
  c.height = v.videoHeight;
  const g = c.getContext('2d');
  g.drawImage(v, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  const mean = (x0, x1, y0, y1) => {
    let sum = 0, n = 0;
    for (let y = Math.floor(y0 * c.height); y < y1 * c.height; y += 2) {
      for (let x = Math.floor(x0 * c.width); x < x1 * c.width; x += 2) {
        const o = (y * c.width + x) * 4;
        sum += 0.299 * d[o] + 0.587 * d[o + 1] + 0.114 * d[o + 2];
        n++;
      }
    }
    return n === 0 ? -1 : sum / n;
  };
  return { width: c.width, inside: mean(0.1, 0.4, 0.25, 0.75), outside: mean(0.6, 0.9, 0.25, 0.75) };
})()`;

/** Signs `user` in, puts cam-001 on a one-tile wall, and reads the video's pixels. */
async function watch(user: string, password: string, shot: string): Promise<VideoLuma> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await signIn(page, city.url, user, password);
    await page.getByRole('link', { name: 'Wall' }).click();
    await page.locator('[data-layout="1"]').click();
    await dropCamera(page, 'cam-001', 0);
    await within(30_000, `${user}: cam-001 to play`, async () => {
      const p = (await videoProgress(page))[0];
      return p?.state === 'playing' && p.frames > 10;
    });
    await screenshot(page, shot);
    return await page.evaluate<VideoLuma>(READ_LUMA);
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(2);
  const admin = await login(city.username, city.password);
  const users = city.vedetta.services.accounts.users;
  await users.create({
    username: 'cc.rossi',
    displayName: 'App. Rossi',
    password: PARTNER_PASSWORD,
    role: 'operator',
    agencyId: 'carabinieri',
  });
  await users.create({
    username: 'cc.bianchi',
    displayName: 'Mar. Bianchi',
    password: PARTNER_PASSWORD,
    role: 'supervisor',
    agencyId: 'carabinieri',
  });
  const agreement = await api(admin, 'POST', '/api/agreements', {
    granteeAgencyId: 'carabinieri',
    title: 'Videosorveglianza condivisa',
    legalInstrument: "Protocollo d'intesa prot. 1234/2026",
    legalInstrumentDate: '2026-01-15',
    validFromMs: Date.now() - 60_000,
    permissions: ['live.view', 'mask.lift'],
    cameraIds: ['cam-001'],
  });
  expect(agreement.status).toBe(201);
  const masks = await api(admin, 'PUT', '/api/cameras/cam-001/masks', {
    masks: [{ label: 'Finestre', points: MASK }],
  });
  expect(masks.status).toBe(200);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('masks burned in for video that leaves the owning agency', () => {
  it('a partner operator gets the masked stream; the owning agency the camera stream', async () => {
    const partner = await watch('cc.rossi', PARTNER_PASSWORD, 'live-masking-partner');
    const owner = await watch(city.username, city.password, 'live-masking-owner');
    expect(partner.width).toBeGreaterThan(0);
    // Under the mask: the mask colour in the partner's pixels, the picture in the owner's.
    expect(partner.inside).toBeLessThan(25);
    expect(owner.inside).toBeGreaterThan(50);
    // Beside it, both see the picture.
    expect(partner.outside).toBeGreaterThan(50);
    expect(owner.outside).toBeGreaterThan(50);
    // Once the viewers are gone (WebRTC: when the closed browser's connection times out), the
    // masked stream's ffmpeg has stopped.
    const live = city.vedetta.services.live;
    await within(60_000, 'the viewers to end', () => Promise.resolve(live.viewers.count === 0));
    expect(city.vedetta.services.masking.hubs.count).toBe(0);
  }, 120_000);

  it('a partner supervisor with a lift in force gets the camera stream, audited', async () => {
    const cookie = await login('cc.bianchi', PARTNER_PASSWORD);
    const lift = await api(cookie, 'POST', '/api/cameras/cam-001/mask-lift', {
      reason: 'Rapina in corso, identificazione dei sospetti',
    });
    expect(lift.status).toBe(201);
    const lifted = await watch('cc.bianchi', PARTNER_PASSWORD, 'live-masking-lifted');
    expect(lifted.inside).toBeGreaterThan(50);
    const uses = await city.vedetta.services.audit.query({
      action: 'mask.lift',
      username: 'cc.bianchi',
    });
    expect(
      uses.entries.some(
        (e) => (e.details ?? '').includes('"live":true') && e.cameraId === 'cam-001',
      ),
    ).toBe(true);
  }, 120_000);
});
