import { describe, expect, it } from 'vitest';
import { statementBytes, type SegmentStatement } from '../../recording/statement.ts';
import { parseStatement } from './statement-text.ts';

const V2: SegmentStatement = {
  cameraId: 'cam-1',
  stream: 'main',
  path: 'cam-1/main/2026/03/01/1772359200000.mp4',
  startMs: 1772359200000,
  endMs: 1772359260000,
  sizeBytes: 15_000_000,
  frameCount: 1500,
  initSha256: 'b'.repeat(64),
  fragmentsSha256: 'c'.repeat(64),
  repaired: true,
};
const V1: SegmentStatement = { ...V2, sha256: 'a'.repeat(64) };
const text = (s: SegmentStatement): string => Buffer.from(statementBytes(s)).toString('utf8');

describe('parseStatement', () => {
  it('reads both versions back to the facts they state', () => {
    expect(parseStatement(text(V2))).toEqual(V2);
    expect(parseStatement(text(V1))).toEqual(V1);
    expect(parseStatement(text(V2))).not.toHaveProperty('sha256');
  });

  it('refuses a text that is not one of the two canonical forms', () => {
    const v2 = text(V2);
    const v1 = text(V1);
    // A whole-file digest slipped into a v2 statement, or missing from a v1 one.
    const withDigest = v2.replace('init_sha256', `sha256: ${'a'.repeat(64)}\ninit_sha256`);
    expect(parseStatement(withDigest)).toBe('statement text is not in canonical form');
    const withoutDigest = v1.replace(`sha256: ${'a'.repeat(64)}\n`, '');
    expect(parseStatement(withoutDigest)).toBe('statement text is not in canonical form');
    expect(parseStatement(v2.replace('statement/2', 'statement/3'))).toBe(
      'statement does not start with vedetta-segment-statement/2 or vedetta-segment-statement/1',
    );
  });
});
