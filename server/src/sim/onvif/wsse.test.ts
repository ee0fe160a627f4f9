import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkUsernameToken, passwordDigest } from './wsse.ts';
import { parseXml } from './xml.ts';

const CREDS = { username: 'admin', password: 'pw' };

function header(opts: {
  password?: string;
  createdMs: number;
  nonce?: Buffer;
}): ReturnType<typeof parseXml> {
  const nonce = opts.nonce ?? randomBytes(16);
  const created = new Date(opts.createdMs).toISOString();
  const digest = passwordDigest(nonce, created, opts.password ?? CREDS.password);
  return parseXml(
    `<h:Header xmlns:h="x"><w:Security xmlns:w="y"><w:UsernameToken><w:Username>admin</w:Username>` +
      `<w:Password Type="...#PasswordDigest">${digest}</w:Password><w:Nonce>${nonce.toString('base64')}</w:Nonce>` +
      `<u:Created xmlns:u="z">${created}</u:Created></w:UsernameToken></w:Security></h:Header>`,
  );
}

describe('checkUsernameToken', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');

  it('accepts a digest made with the password within five minutes of the camera clock', () => {
    expect(checkUsernameToken(header({ createdMs: now - 240_000 }), CREDS, now)).toBeUndefined();
  });

  it('refuses a wrong password and a Created out of the window', () => {
    expect(checkUsernameToken(header({ createdMs: now, password: 'x' }), CREDS, now)).toMatch(
      /wrong/,
    );
    expect(checkUsernameToken(header({ createdMs: now - 400_000 }), CREDS, now)).toMatch(/window/);
  });

  it('accepts a repeated token (libonvif repeats them within a millisecond)', () => {
    const nonce = randomBytes(16);
    expect(checkUsernameToken(header({ createdMs: now, nonce }), CREDS, now)).toBeUndefined();
    expect(checkUsernameToken(header({ createdMs: now, nonce }), CREDS, now)).toBeUndefined();
  });

  it('refuses a request without a token', () => {
    expect(checkUsernameToken(undefined, CREDS, now)).toMatch(/no UsernameToken/);
  });
});
