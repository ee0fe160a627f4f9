import { describe, expect, it } from 'vitest';
import { canonicalJson } from './entry.ts';
import { toEntryContent } from './record-input.ts';

describe('toEntryContent', () => {
  it('stores ids as text and details as canonical JSON', () => {
    const c = toEntryContent(
      {
        action: 'playback.view',
        outcome: 'granted',
        principal: { userId: 7, username: 'rossi', agencyId: 2 },
        sourceAddress: '10.1.1.1',
        cameraId: 12,
        fromMs: 1000,
        toMs: 2000,
        reason: 'furto',
        caseReference: 'RG 1/2026',
        details: { z: 1, a: { y: 2, b: [3, { d: 4, c: 5 }] } },
      },
      42,
    );
    expect(c).toMatchObject({
      timeMs: 42,
      userId: '7',
      username: 'rossi',
      agencyId: '2',
      cameraId: '12',
      details: '{"a":{"b":[3,{"c":5,"d":4}],"y":2},"z":1}',
    });
  });

  it('keeps the name given by an anonymous caller', () => {
    const c = toEntryContent(
      { action: 'session.login_failed', outcome: 'denied', username: 'x' },
      1,
    );
    expect(c).toMatchObject({ userId: null, username: 'x', agencyId: null });
  });

  it.each([
    [{ action: 'Login', outcome: 'granted' }, 'audit action'],
    [{ action: 'login', outcome: 'granted' }, 'audit action'],
    [{ action: 'a.b', outcome: 'ok' }, 'audit outcome'],
    [{ action: 'a.b', outcome: 'granted', fromMs: 1.5 }, 'audit fromMs'],
    [{ action: 'a.b', outcome: 'granted', fromMs: 5, toMs: 4 }, 'audit toMs'],
    [{ action: 'a.b', outcome: 'granted', reason: 'x'.repeat(3000) }, 'audit reason'],
  ])('refuses %j naming the field', (input, field) => {
    expect(() => toEntryContent(input as never, 1)).toThrow(field);
  });

  it('canonicalJson drops undefined members', () => {
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
  });
});
