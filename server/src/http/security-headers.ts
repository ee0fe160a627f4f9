/**
 * Security headers on every response, the API's and the web app's files alike: a Content
 * Security Policy that lets the pages run only the app's own scripts and styles (the built
 * `index.html` has no inline script or style; React sets style properties through the CSSOM,
 * which CSP does not govern), load images from the site, `data:` (Leaflet's CSS icons), `blob:`
 * and the map's tile server, play `blob:` media (MSE), and connect only to the site (fetch and the
 * live WebSocket; WebRTC is outside CSP); and forbid framing, plugins, `<base>` and form posts
 * elsewhere. Also `nosniff`, no Referer, no framing for older browsers, and HSTS when the site is
 * served over HTTPS. A header a route set itself is left as it is.
 */
import type { MiddlewareHandler } from 'hono';

/** What the headers depend on. */
export interface SecurityHeaderSettings {
  /** The site is reached over HTTPS: send Strict-Transport-Security. */
  https?: boolean;
  /** Image sources besides the site's own (the map's tile server), as CSP sources. */
  imageSources?: readonly string[];
}

/** The Content-Security-Policy value, with `imageSources` added to `img-src`. */
export function contentSecurityPolicy(imageSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ['img-src', "'self'", 'data:', 'blob:', ...imageSources].join(' '),
    "media-src 'self' blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every response gets. */
export function securityHeaderValues(settings: SecurityHeaderSettings): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(settings.imageSources),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    ...(settings.https === true ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/**
 * The CSP source for a tile URL template (`https://{s}.tile.example.org/{z}/{x}/{y}.png` →
 * `https://*.tile.example.org`), or null when there is no template. A host with a placeholder
 * anywhere but its first label gives the scheme alone (`https:`).
 */
export function tileImageSource(template: string | null): string | null {
  if (template === null) return null;
  const m = /^(https?):\/\/([^/?#]*)/i.exec(template);
  if (m?.[1] === undefined || m[2] === undefined) return null;
  const scheme = m[1].toLowerCase();
  const authority = m[2].slice(m[2].lastIndexOf('@') + 1);
  const host = authority.replace(/^\{[^{}]*\}\./, '*.');
  if (
    /^(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(host) ||
    /^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host)
  ) {
    return `${scheme}://${host.toLowerCase()}`;
  }
  return `${scheme}:`;
}

/** The middleware: adds the security headers to the response once the handler has run. */
export function securityHeaders(settings: SecurityHeaderSettings): MiddlewareHandler {
  const values = Object.entries(securityHeaderValues(settings));
  return async (c, next) => {
    await next();
    let headers = c.res.headers;
    const missing = values.filter(([name]) => !headers.has(name));
    if (missing.length === 0) return;
    try {
      for (const [name, value] of missing) headers.set(name, value);
    } catch {
      // An immutable response (e.g. one passed through from fetch): copy it, then set.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
      for (const [name, value] of missing) headers.set(name, value);
    }
  };
}
