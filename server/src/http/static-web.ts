/**
 * Serves the built web application (`web/dist`) at `/`: files as they are, and `index.html` for
 * any other path that is not under `/api/` (the app's own client-side routes). Hashed assets are
 * cached for a year; `index.html` is never cached. `/favicon.ico`, which browsers ask for on
 * their own, answers with the app's SVG icon (`favicon.svg`) rather than a 404.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** `web/dist` of this checkout. */
export function defaultWebDist(): string {
  return fileURLToPath(new URL('../../../web/dist', import.meta.url));
}

/** True when `dir` holds a built web app. */
export function hasWebApp(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A GET handler serving the web app from `dir`; undefined-path requests get `index.html`. */
export function webAppHandler(dir: string): Handler {
  const root = resolve(dir);
  return (c) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(c.req.path);
    } catch {
      return c.text('bad path', 400);
    }
    let rel = normalize(decoded).replace(/^([/\\])+/, '');
    if (rel === 'favicon.ico' && !isFile(join(root, rel))) rel = 'favicon.svg';
    const candidate = resolve(root, rel);
    const inside = candidate === root || candidate.startsWith(root + sep);
    if (inside && rel !== '' && isFile(candidate)) {
      const type = TYPES[extname(candidate).toLowerCase()] ?? 'application/octet-stream';
      const immutable = rel.startsWith(`assets${sep}`) || rel.startsWith('assets/');
      return c.body(readFileSync(candidate), 200, {
        'Content-Type': type,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (extname(rel) !== '' && !rel.endsWith('.html')) return c.text('not found', 404);
    return c.body(readFileSync(join(root, 'index.html')), 200, {
      'Content-Type': TYPES['.html'] ?? 'text/html',
      'Cache-Control': 'no-cache',
    });
  };
}
