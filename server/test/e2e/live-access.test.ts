/**
 * End-to-end access to live streams, in Chromium against the demo city: a Carabinieri operator
 * whose agreement grants one camera watches it on the wall; the MSE WebSocket and the WebRTC offer
 * for another camera are refused (even with a token issued to someone else), each refusal is in
 * the audit trail; and revoking the agreement ends the running stream within seconds, the tile
 * saying "access denied".
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

const PARTNER_PASSWORD = 'carabinieri password 2026';

let city: Demo;
let browser: Browser | undefined;
let page: Page;
let adminCookie = '';
let agreementId = '';

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(new URL(path, city.url), {
    method,
    headers: { cookie: adminCookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(3);
  const login = await fetch(new URL('/api/session', city.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: city.username, password: city.password }),
  });
  adminCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  await city.vedetta.services.accounts.users.create({
    username: 'cc.rossi',
    displayName: 'App. Rossi',
    password: PARTNER_PASSWORD,
    role: 'operator',
    agencyId: 'carabinieri',
  });
  const created = await api('POST', '/api/agreements', {
    granteeAgencyId: 'carabinieri',
    title: 'Videosorveglianza condivisa',
    legalInstrument: "Protocollo d'intesa prot. 1234/2026",
    legalInstrumentDate: '2026-01-15',
    validFromMs: Date.now() - 60_000,
    permissions: ['live.view'],
    cameraIds: ['cam-002'],
  });
  expect(created.status).toBe(201);
  agreementId = ((await created.json()) as { id: string }).id;
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signIn(page, city.url, 'cc.rossi', PARTNER_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('live access for another agency', () => {
  it('watches the camera its agreement grants, and only that one is offered', async () => {
    await page.getByRole('link', { name: 'Wall' }).click();
    await expect.poll(() => page.locator('[data-picker-camera]').count()).toBe(1);
    await page.locator('[data-layout="1"]').click();
    await dropCamera(page, 'cam-002', 0);
    await within(20_000, 'the granted camera to play', async () => {
      return (await videoProgress(page))[0]?.state === 'playing';
    });
  });

  it('cannot open another camera: token, WebSocket and WebRTC offer refused, and audited', async () => {
    const tokenRes = await api('POST', '/api/live/cam-001/token', { stream: 'sub' });
    const adminToken = (await tokenRes.json()) as { token: string; msePath: string };
    const tokenRes2 = await api('POST', '/api/live/cam-001/token', { stream: 'sub' });
    const adminToken2 = (await tokenRes2.json()) as { token: string; webrtcPath: string };

    // Runs in the page as the partner's session (browser JavaScript, so written as text here).
    const attempt = `(async () => {
      const own = await fetch('/api/live/cam-001/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stream: 'sub' }),
      });
      const ws = await new Promise((resolve) => {
        const url = new URL(${JSON.stringify(adminToken.msePath)}, location.href);
        url.protocol = 'ws:';
        const socket = new WebSocket(url);
        socket.onopen = () => resolve('opened');
        socket.onerror = () => resolve('refused');
      });
      const pc = new RTCPeerConnection();
      pc.addTransceiver('video', { direction: 'recvonly' });
      await pc.setLocalDescription(await pc.createOffer());
      const offer = await fetch(${JSON.stringify(adminToken2.webrtcPath)}, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: ${JSON.stringify(adminToken2.token)}, sdp: pc.localDescription.sdp }),
      });
      pc.close();
      return { token: own.status, ws, webrtc: offer.status };
    })()`;
    const outcome: unknown = await page.evaluate(attempt);
    expect(outcome).toEqual({ token: 403, ws: 'refused', webrtc: 403 });

    const denied = await city.vedetta.services.audit.query({
      action: 'live.start',
      outcome: 'denied',
      username: 'cc.rossi',
    });
    const reasons = denied.entries.map((e) => e.reason).sort();
    expect(reasons).toEqual([
      'live.view not held on this camera',
      'stream token refused: wrong_user',
      'stream token refused: wrong_user',
    ]);
    expect(denied.entries.every((e) => e.cameraId === 'cam-001')).toBe(true);
  });

  it('ends the running stream when the agreement is revoked: the tile says access denied', async () => {
    const revoked = await api('POST', `/api/agreements/${agreementId}/revoke`, {
      reason: 'Protocollo scaduto',
    });
    expect(revoked.status).toBe(200);
    await within(15_000, 'the tile to say access denied', async () => {
      const text = await page
        .locator('[data-tile-index="0"]')
        .getByTestId('tile-state')
        .textContent();
      return text === 'Accesso negato';
    });
    await screenshot(page, 'live-access-revoked');
    const stops = await city.vedetta.services.audit.query({
      action: 'live.stop',
      username: 'cc.rossi',
    });
    expect(stops.entries.map((e) => e.reason)).toContain('permission_revoked');
  });
});
