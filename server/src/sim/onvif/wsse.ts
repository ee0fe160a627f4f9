/**
 * WS-Security UsernameToken checking as ONVIF devices do it: PasswordDigest =
 * Base64(SHA1(nonce + created + password)) (PasswordText also accepted), Created within ±5
 * minutes of the CAMERA's clock. Replayed tokens are NOT refused, as on many devices: libonvif
 * seeds its nonces with the current second and stamps Created in milliseconds, so two requests
 * within one millisecond carry identical tokens (seen on loopback).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { XmlElement } from './xml.ts';
import { child, find } from './xml.ts';

/** The credentials a simulated ONVIF device requires. */
export interface OnvifCredentials {
  username: string;
  password: string;
}

/** How far Created may be from the camera's clock. */
export const CREATED_WINDOW_MS = 5 * 60_000;

/** The digest a client sends for a nonce (raw bytes), a Created string and a password. */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks the UsernameToken in a SOAP header. Returns undefined when it is valid, else why not
 * (for the fault's reason; a client learns no more than "not authorized").
 */
export function checkUsernameToken(
  header: XmlElement | undefined,
  creds: OnvifCredentials,
  cameraNowMs: number,
): string | undefined {
  const token = find(child(header, 'Security'), 'UsernameToken');
  if (token === undefined) return 'no UsernameToken';
  const username = child(token, 'Username')?.text.trim();
  const password = child(token, 'Password');
  if (username !== creds.username || password === undefined) return 'wrong username or password';
  const type = password.attrs.Type ?? '';
  if (type.endsWith('#PasswordText')) {
    return same(password.text.trim(), creds.password) ? undefined : 'wrong username or password';
  }
  const nonceText = child(token, 'Nonce')?.text.trim() ?? '';
  const created = child(token, 'Created')?.text.trim() ?? '';
  const createdMs = Date.parse(created);
  if (nonceText === '' || !Number.isFinite(createdMs)) return 'Nonce or Created missing';
  const digest = passwordDigest(Buffer.from(nonceText, 'base64'), created, creds.password);
  if (!same(password.text.trim(), digest)) return 'wrong username or password';
  if (Math.abs(createdMs - cameraNowMs) > CREATED_WINDOW_MS) {
    return 'Created is outside the allowed window of the device clock';
  }
  return undefined;
}
