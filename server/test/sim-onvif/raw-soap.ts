/**
 * A deliberately plain SOAP client for the simulator tests: writes envelopes with the prefixes it
 * is told, a UsernameToken whose Created is the LOCAL clock plus a chosen skew (no sync with the
 * camera), and returns the status and the parsed answer.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { XmlElement } from '../../src/sim/onvif/xml.ts';
import { find, parseXml } from '../../src/sim/onvif/xml.ts';

/** Options of one request. */
export interface RawSoapOptions {
  /** Credentials for a UsernameToken (PasswordDigest); none: no Security header. */
  creds?: { username: string; password: string };
  /** Added to the local clock for Created, ms. */
  skewMs?: number;
  /** Prefix of the SOAP envelope namespace (default `s`). */
  envPrefix?: string;
  /** Abort after this many ms. */
  timeoutMs?: number;
}

/** An answer. */
export interface RawSoapAnswer {
  status: number;
  text: string;
  root: XmlElement;
  /** The fault's subcode value (e.g. `ter:NotAuthorized`), if a fault. */
  subcode: string | undefined;
}

function securityHeader(creds: { username: string; password: string }, skewMs: number): string {
  const nonce = randomBytes(16);
  const created = new Date(Date.now() + skewMs).toISOString();
  const digest = createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created), Buffer.from(creds.password)]))
    .digest('base64');
  return (
    `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" ` +
    `xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">` +
    `<wsse:UsernameToken><wsse:Username>${creds.username}</wsse:Username>` +
    `<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">${digest}</wsse:Password>` +
    `<wsse:Nonce>${nonce.toString('base64')}</wsse:Nonce><wsu:Created>${created}</wsu:Created>` +
    `</wsse:UsernameToken></wsse:Security>`
  );
}

/** Posts `body` (the operation element, namespaces declared on it) to `url`. */
export async function rawSoap(
  url: string,
  body: string,
  opts: RawSoapOptions = {},
): Promise<RawSoapAnswer> {
  const p = opts.envPrefix ?? 's';
  const header = opts.creds === undefined ? '' : securityHeader(opts.creds, opts.skewMs ?? 0);
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><${p}:Envelope xmlns:${p}="http://www.w3.org/2003/05/soap-envelope">` +
    `<${p}:Header>${header}</${p}:Header><${p}:Body>${body}</${p}:Body></${p}:Envelope>`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
    body: xml,
    ...(opts.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(opts.timeoutMs) }),
  });
  const text = await res.text();
  const root = parseXml(text);
  const subcode = find(find(find(root, 'Fault'), 'Subcode'), 'Value')?.text.trim();
  return { status: res.status, text, root, subcode };
}
