import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { webAppHandler } from '../../src/http/static-web.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function webApp(files: Record<string, string>): Hono {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-web-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const app = new Hono();
  app.get('*', webAppHandler(dir));
  return app;
}

describe('the web app files', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';

  it('answers /favicon.ico with the SVG icon, so browsers log no 404', async () => {
    const app = webApp({ 'index.html': '<html></html>', 'favicon.svg': svg });
    const ico = await app.request('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/svg+xml');
    expect(await ico.text()).toBe(svg);
    const direct = await app.request('/favicon.svg');
    expect(direct.status).toBe(200);
  });

  it('serves a real favicon.ico when the build has one', async () => {
    const app = webApp({ 'index.html': '<html></html>', 'favicon.svg': svg, 'favicon.ico': 'ICO' });
    const ico = await app.request('/favicon.ico');
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    expect(await ico.text()).toBe('ICO');
  });

  it('still answers 404 for other missing files', async () => {
    const app = webApp({ 'index.html': '<html></html>' });
    expect((await app.request('/favicon.ico')).status).toBe(404);
    expect((await app.request('/nothing.png')).status).toBe(404);
  });
});
