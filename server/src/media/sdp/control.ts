/**
 * Resolution of `a=control` URLs (RFC 2326 appendix C.1.1) against the base URL of the DESCRIBE
 * answer (Content-Base, else Content-Location, else the request URL).
 */

/** The base URL of a DESCRIBE answer: Content-Base, else Content-Location, else the request URL. */
export function sdpBaseUrl(
  requestUrl: string,
  contentBase?: string,
  contentLocation?: string,
): string {
  const pick = (v: string | undefined): string | undefined =>
    v !== undefined && v.trim().length > 0 ? v.trim() : undefined;
  return pick(contentBase) ?? pick(contentLocation) ?? requestUrl;
}

/**
 * Resolves a control attribute. Absolute URLs (`rtsp://...`) stay as they are; `*` or no control
 * means the base itself; `/path` replaces the base's path; anything else is appended to the base
 * with one `/` between them, as cameras and common clients expect (`.../live.sdp` + `trackID=1`
 * gives `.../live.sdp/trackID=1`).
 */
export function resolveControl(baseUrl: string, control: string | undefined): string {
  const c = control?.trim() ?? '';
  if (c.length === 0 || c === '*') return baseUrl;
  if (/^[a-z][a-z0-9+.-]*:/i.test(c)) return c;
  if (c.startsWith('/')) {
    const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(baseUrl);
    return origin === null ? c : `${origin[0]}${c}`;
  }
  return baseUrl.endsWith('/') ? `${baseUrl}${c}` : `${baseUrl}/${c}`;
}

/**
 * The aggregate control URL for PLAY, TEARDOWN and GET_PARAMETER: the session-level
 * `a=control` resolved against the base, or the base itself.
 */
export function sessionControl(
  attributes: readonly { name: string; value: string | undefined }[],
  baseUrl: string,
): string {
  const control = attributes.find((a) => a.name.toLowerCase() === 'control')?.value;
  return resolveControl(baseUrl, control);
}
