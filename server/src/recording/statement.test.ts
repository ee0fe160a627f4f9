import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateInstallationKey, publicKeyFromPem } from '../keys/installation-key.ts';
import {
  signStatement,
  statementBytes,
  verifyStatement,
  type SegmentStatement,
} from './statement.ts';

const S: SegmentStatement = {
  cameraId: 'cam-1',
  stream: 'main',
  path: 'cam-1/main/2026/03/01/1772359200000.mp4',
  startMs: 1772359200000,
  endMs: 1772359260000,
  sizeBytes: 15_000_000,
  frameCount: 1500,
  sha256: 'a'.repeat(64),
  initSha256: 'b'.repeat(64),
  fragmentsSha256: 'c'.repeat(64),
  repaired: false,
};

describe('segment statement', () => {
  it('is canonical text naming every signed field', () => {
    const text = new TextDecoder().decode(statementBytes(S));
    expect(text.split('\n')).toEqual([
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
      `sha256: ${S.sha256}`,
      `init_sha256: ${S.initSha256}`,
      `fragments_sha256: ${S.fragmentsSha256}`,
      'closed_by: writer',
      '',
    ]);
  });

  it('verifies with the public key alone and fails on any changed field', () => {
    const key = loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-')));
    const sig = signStatement(key, S);
    const pub = publicKeyFromPem(key.publicKeyPem);
    expect(verifyStatement(pub, S, sig)).toBe(true);
    expect(verifyStatement(pub, { ...S, endMs: S.endMs + 1 }, sig)).toBe(false);
    expect(verifyStatement(pub, { ...S, repaired: true }, sig)).toBe(false);
    expect(verifyStatement(pub, S, 'bm90IGEgc2lnbmF0dXJl')).toBe(false);
  });
});
