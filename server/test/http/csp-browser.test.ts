/**
 * The Content-Security-Policy does not break the web app: in Debian's Chromium, against the demo
 * city, sign in, watch a camera over MSE (blob: media, the same-origin WebSocket) and over
 * WebRTC, open the map, recordings, administration and the public page, and find no CSP
 * violation reported (neither a `securitypolicyviolation` event nor a console message).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import {
  dropCamera,
  ensureWebBuilt,
  launchChromium,
  signIn,
  startTestCity,
  videoProgress,
  within,
} from '../e2e/live-e2e-support.ts';

let city: Demo;
let browser: Browser | undefined;
let page: Page;
const consoleViolations: string[] = [];

/** The violations the page's `securitypolicyviolation` listener recorded. */
function recordedViolations(p: Page): Promise<string[]> {
  return p.evaluate(
    () => (globalThis as unknown as { cspViolations?: string[] }).cspViolations ?? [],
  );
}

beforeAll(async () => {
  ensureWebBuilt();
  city = await startTestCity(2);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Injected by the browser itself, so the policy does not apply to it.
  await context.addInitScript(() => {
    const g = globalThis as unknown as {
      cspViolations: string[];
      addEventListener(type: string, fn: (e: Record<string, unknown>) => void): void;
    };
    g.cspViolations = [];
    g.addEventListener('securitypolicyviolation', (e) => {
      g.cspViolations.push(`${String(e['violatedDirective'])} ${String(e['blockedURI'])}`);
    });
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleViolations.push(m.text());
  });
  await signIn(page, city.url, city.username, city.password);
});

afterAll(async () => {
  await browser?.close();
  await city?.close();
});

describe('the Content-Security-Policy in the browser', () => {
  it('is sent with the page', async () => {
    const res = await fetch(city.url);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('lets a camera play over MSE and WebRTC', async () => {
    await page.getByRole('link', { name: 'Wall' }).click();
    await page.locator('[data-layout="1"]').click();
    await page.getByLabel('Trasporto').selectOption('mse');
    await dropCamera(page, 'cam-001', 0);
    for (const transport of ['mse', 'webrtc'] as const) {
      await page.getByLabel('Trasporto').selectOption(transport);
      await within(20_000, `the camera playing over ${transport}`, async () => {
        const [tile] = await videoProgress(page);
        return tile?.state === 'playing' && tile.transport === transport && tile.frames > 5;
      });
    }
    expect(await recordedViolations(page)).toEqual([]);
    expect(consoleViolations).toEqual([]);
  });

  it('lets the other pages render without a violation', async () => {
    await page.getByRole('link', { name: 'Mappa' }).click();
    await page.locator('[data-map-camera]').first().waitFor({ timeout: 15_000 });
    for (const section of ['recordings', 'cameras', 'alarms', 'audit', 'admin', 'privacy']) {
      await page.goto(`${city.url}#/${section}`);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(await recordedViolations(page)).toEqual([]);
    await page.goto(new URL('/public', city.url).toString());
    await page.waitForLoadState('networkidle');
    expect(await recordedViolations(page)).toEqual([]);
    expect(consoleViolations).toEqual([]);
  });
});
