import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { hasWebApp, webAppHandler } from './static-web.ts';

const root = mkdtempSync(join(tmpdir(), 'vedetta-web-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Vedetta</title>');
writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'outside');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const app = new Hono().get('*', webAppHandler(dist));

describe('web app serving', () => {
  it('serves files, and index.html for client-side routes', async () => {
    expect(hasWebApp(dist)).toBe(true);
    expect(hasWebApp(root)).toBe(false);
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('<title>Vedetta</title>');
    const route = await app.request('/cameras/cam-001');
    expect(await route.text()).toContain('<title>Vedetta</title>');
    const js = await app.request('/assets/app-1234.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    expect(await js.text()).toBe('console.log(1)');
  });

  it('answers 404 for missing files and never leaves the folder', async () => {
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.request(path);
      expect(await res.text(), path).not.toContain('outside');
    }
    expect((await app.request('/%E0%A4%A')).status).toBe(400);
  });
});
