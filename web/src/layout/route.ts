/**
 * The application's address: `#/<section>[/<param>]`, e.g. `#/cameras/cam-001`. Hash routing
 * needs nothing from the server beyond serving index.html at `/`, and survives a reload.
 */

/** A parsed route: a section id and an optional parameter (e.g. a camera id). */
export interface Route {
  section: string;
  param: string | null;
}

/** Parses a location hash; an empty or malformed hash gives the fallback section. */
export function parseRoute(hash: string, fallbackSection: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [section = '', ...rest] = path.split('/');
  if (section === '') return { section: fallbackSection, param: null };
  const param = rest.length > 0 ? rest.join('/') : '';
  return {
    section: safeDecode(section),
    param: param === '' ? null : safeDecode(param),
  };
}

/** The hash for a route: `#/cameras/cam-001`. */
export function formatRoute(route: Route): string {
  const section = encodeURIComponent(route.section);
  return route.param === null ? `#/${section}` : `#/${section}/${encodeURIComponent(route.param)}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
