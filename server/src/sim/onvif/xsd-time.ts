/**
 * xs:duration and xs:dateTime as ONVIF uses them: `PT60S`, `PT1M30S`, `PT0.5S`, and absolute
 * times for a subscription's termination.
 */

/** Milliseconds of an xs:duration (days, hours, minutes, seconds); undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (m === null || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000;
}

/**
 * A termination time given as a duration (from now) or an absolute xs:dateTime (in the camera's
 * clock), as milliseconds from now; undefined when malformed.
 */
export function parseTermination(text: string, cameraNowMs: number): number | undefined {
  const d = parseDuration(text);
  if (d !== undefined) return d;
  const at = Date.parse(text.trim());
  return Number.isFinite(at) ? at - cameraNowMs : undefined;
}

/** An xs:dateTime in UTC without milliseconds, e.g. `2026-12-07T21:30:00Z`. */
export function xsDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
