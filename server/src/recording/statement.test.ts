import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateInstallationKey, publicKeyFromPem } from '../keys/installation-key.ts';
import {
  signStatement,
  statementBytes,
  statementVersion,
  verifyStatement,
  type SegmentStatement,
} from './statement.ts';

/** A version 2 statement: what the recorder signs now. */
const S: SegmentStatement = {
  cameraId: 'cam-1',
  stream: 'main',
  path: 'cam-1/main/2026/03/01/1772359200000.mp4',
  startMs: 1772359200000,
  endMs: 1772359260000,
  sizeBytes: 15_000_000,
  frameCount: 1500,
  initSha256: 'b'.repeat(64),
  fragmentsSha256: 'c'.repeat(64),
  repaired: false,
};

/** The same facts as version 1 signed them, with the whole file's digest. */
const V1: SegmentStatement = { ...S, sha256: 'a'.repeat(64) };

/**
 * A version 1 statement as the recorder wrote it before version 2, and its Ed25519 signature by
 * this key: an old segment's proof must verify forever.
 */
const V1_TEXT = [
  'vedetta-segment-statement/1',
  'camera: cam-1',
  'stream: main',
  `path: ${S.path}`,
  'start_ms: 1772359200000',
  'end_ms: 1772359260000',
  'start_utc: 2026-03-01T10:00:00.000Z',
  'end_utc: 2026-03-01T10:01:00.000Z',
  'size_bytes: 15000000',
  'frame_count: 1500',
  `sha256: ${'a'.repeat(64)}`,
  `init_sha256: ${'b'.repeat(64)}`,
  `fragments_sha256: ${'c'.repeat(64)}`,
  'closed_by: writer',
  '',
].join('\n');
const V1_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA7F/Wgi13KUYngXEHRMlt+Kpqwv0t+oDCFfYFzOVfR7w=
-----END PUBLIC KEY-----
`;
const V1_SIGNATURE =
  'dueaxdVFYgoKCU+XtxcTgWZ6dYx0OTM8Qz4cWY3iB0KDn74ptgYx83v+BG+OrarHZXiH//HU5xdDfznmecG5Cw==';

describe('segment statement', () => {
  it('is canonical text naming every signed field, without a whole-file digest (v2)', () => {
    expect(statementVersion(S)).toBe(2);
    const text = new TextDecoder().decode(statementBytes(S));
    expect(text.split('\n')).toEqual([
      'vedetta-segment-statement/2',
      'camera: cam-1',
      'stream: main',
      `path: ${S.path}`,
      'start_ms: 1772359200000',
      'end_ms: 1772359260000',
      'start_utc: 2026-03-01T10:00:00.000Z',
      'end_utc: 2026-03-01T10:01:00.000Z',
      'size_bytes: 15000000',
      'frame_count: 1500',
      `init_sha256: ${S.initSha256}`,
      `fragments_sha256: ${S.fragmentsSha256}`,
      'closed_by: writer',
      '',
    ]);
  });

  it('writes version 1, byte for byte as before, when the whole-file digest is given', () => {
    expect(statementVersion(V1)).toBe(1);
    expect(new TextDecoder().decode(statementBytes(V1))).toBe(V1_TEXT);
    expect(verifyStatement(publicKeyFromPem(V1_KEY), V1, V1_SIGNATURE)).toBe(true);
  });

  it('verifies with the public key alone and fails on any changed field', () => {
    const key = loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-')));
    const sig = signStatement(key, S);
    const pub = publicKeyFromPem(key.publicKeyPem);
    expect(verifyStatement(pub, S, sig)).toBe(true);
    expect(verifyStatement(pub, { ...S, endMs: S.endMs + 1 }, sig)).toBe(false);
    expect(verifyStatement(pub, { ...S, repaired: true }, sig)).toBe(false);
    expect(verifyStatement(pub, { ...S, fragmentsSha256: 'd'.repeat(64) }, sig)).toBe(false);
    expect(verifyStatement(pub, S, 'bm90IGEgc2lnbmF0dXJl')).toBe(false);
  });

  it('keeps the versions apart: a signature of one never verifies the other', () => {
    const key = loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-')));
    const pub = publicKeyFromPem(key.publicKeyPem);
    expect(verifyStatement(pub, V1, signStatement(key, S))).toBe(false);
    expect(verifyStatement(pub, S, signStatement(key, V1))).toBe(false);
    expect(verifyStatement(publicKeyFromPem(V1_KEY), S, V1_SIGNATURE)).toBe(false);
  });
});
