/**
 * Security headers on every response: API answers (success, error, not found), the web app's
 * files and its client-side routes. A Content-Security-Policy without inline script, nosniff, no
 * Referer, no framing; Strict-Transport-Security only when the site is served over HTTPS; the
 * map's tile server added to img-src.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/compose/http-app.ts';
import { contentSecurityPolicy, tileImageSource } from '../../src/http/security-headers.ts';
import { httpSettingsOf } from '../../src/main.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp } from '../support/test-app.ts';

/** The CSP's directives, by name. */
function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

function expectSecurityHeaders(res: Response, what: string): void {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  expect(csp.get('script-src'), what).toEqual(["'self'"]);
  expect(csp.get('style-src'), what).toEqual(["'self'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('base-uri'), what).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(csp.get('media-src'), what).toEqual(["'self'", 'blob:']);
  expect(csp.get('connect-src'), what).toEqual(["'self'"]);
  expect(csp.get('img-src')?.slice(0, 3), what).toEqual(["'self'", 'data:', 'blob:']);
  for (const values of csp.values()) {
    expect(values, what).not.toContain("'unsafe-inline'");
    expect(values, what).not.toContain("'unsafe-eval'");
  }
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
}

let webDir = '';
afterEach(() => {
  if (webDir !== '') rmSync(webDir, { recursive: true, force: true });
  webDir = '';
});

/** A minimal built web app: index.html and one hashed asset. */
function fakeWebDist(): string {
  webDir = mkdtempSync(join(tmpdir(), 'vedetta-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(
    join(webDir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-abc.js"></script>',
  );
  writeFileSync(join(webDir, 'assets', 'index-abc.js'), 'console.log(1)');
  return webDir;
}

describe('security headers', () => {
  forEachDatabase((_db, open) => {
    it('are on API answers, errors, unknown paths and the web app, without HSTS over HTTP', async () => {
      const t = await createTestApp(open);
      const app = createHttpApp(t.services, {
        ...httpSettingsOf(t.config),
        webDist: fakeWebDist(),
      });
      const admin = await t.userCookie('administrator');
      const responses: [string, Response][] = [
        ['health', await app.request('/api/health')],
        ['session', await app.request('/api/session', { headers: { cookie: admin } })],
        ['401', await app.request('/api/cameras')],
        ['404 api', await app.request('/api/no-such-thing', { headers: { cookie: admin } })],
        ['index.html', await app.request('/')],
        ['client route', await app.request('/wall')],
        ['asset', await app.request('/assets/index-abc.js')],
        ['missing asset', await app.request('/assets/missing.js')],
        [
          'refused origin',
          await app.request('/api/session', {
            method: 'DELETE',
            headers: { cookie: admin, origin: 'https://evil.example' },
          }),
        ],
      ];
      for (const [what, res] of responses) {
        expectSecurityHeaders(res, what);
        expect(res.headers.get('strict-transport-security'), what).toBeNull();
      }
      expect(responses[4]?.[1].status).toBe(200);
      expect(responses[6]?.[1].status).toBe(200);
      expect(responses[8]?.[1].status).toBe(403);
    });

    it('include Strict-Transport-Security behind a TLS-terminating proxy', async () => {
      const t = await createTestApp(open, { config: { server: { behindTlsProxy: true } } });
      for (const path of ['/api/health', '/api/cameras', '/nowhere']) {
        const res = await t.app.request(path);
        expectSecurityHeaders(res, path);
        expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
      }
    });

    it("let the pages load the map's tile server", async () => {
      const t = await createTestApp(open, {
        config: {
          privacy: { map: { tileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png' } },
        },
      });
      const res = await t.app.request('/api/health');
      expectSecurityHeaders(res, 'health');
      const img = directives(res.headers.get('content-security-policy')).get('img-src');
      expect(img).toEqual(["'self'", 'data:', 'blob:', 'https://*.tile.example.org']);
    });
  });

  it('turn tile URL templates into CSP sources', () => {
    expect(tileImageSource(null)).toBeNull();
    expect(tileImageSource('https://tile.example.org/{z}/{x}/{y}.png')).toBe(
      'https://tile.example.org',
    );
    expect(tileImageSource('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe(
      'https://*.tile.example.org',
    );
    expect(tileImageSource('http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png')).toBe(
      'http://10.0.0.5:8080',
    );
    expect(tileImageSource('https://tiles-{s}.example.org/{z}/{x}/{y}.png')).toBe('https:');
    expect(contentSecurityPolicy(['https://tile.example.org'])).toContain(
      "img-src 'self' data: blob: https://tile.example.org;",
    );
  });
});
