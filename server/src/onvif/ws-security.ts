/**
 * WS-Security UsernameToken with a password digest (OASIS Username Token Profile 1.0), as ONVIF
 * requires: PasswordDigest = Base64(SHA1(nonce + created + password)). `created` is the CAMERA's
 * time (server time plus the offset read by GetSystemDateAndTime), because devices refuse a token
 * created more than a few minutes from their own clock.
 */
import { createHash, randomBytes } from 'node:crypto';
import { escapeXml } from './xml.ts';

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DIGEST_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const BASE64_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** Base64(SHA1(nonce + created + password)). */
export function passwordDigest(nonce: Uint8Array, created: string, password: string): string {
  return createHash('sha1')
    .update(nonce)
    .update(created, 'utf8')
    .update(password, 'utf8')
    .digest('base64');
}

/** An xs:dateTime in UTC without milliseconds, as devices parse best: `2026-12-07T21:30:45Z`. */
export function createdText(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `wsse:Security` header for `username`/`password` at device time `deviceMs`. */
export function usernameTokenHeader(
  username: string,
  password: string,
  deviceMs: number,
  nonce: Uint8Array = randomBytes(16),
): string {
  const created = createdText(deviceMs);
  return (
    `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}" s:mustUnderstand="1">` +
    `<wsse:UsernameToken><wsse:Username>${escapeXml(username)}</wsse:Username>` +
    `<wsse:Password Type="${DIGEST_TYPE}">${passwordDigest(nonce, created, password)}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64_TYPE}">${Buffer.from(nonce).toString('base64')}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}
