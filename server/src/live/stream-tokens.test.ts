import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { StreamTokens, type StreamGrant } from './stream-tokens.ts';

const grant: StreamGrant = {
  principal: {
    userId: 'u1',
    username: 'op1',
    displayName: 'Op',
    role: 'operator',
    agencyId: 'pm',
    agencyKind: 'owner',
  } as StreamGrant['principal'],
  sessionToken: 's1',
  cameraId: 'cam-001',
  stream: 'sub',
  transcode: false,
  sourceAddress: '127.0.0.1',
};

describe('StreamTokens', () => {
  it('is single-use and bound to camera, stream and user', () => {
    const tokens = new StreamTokens({ clock: new FakeClock(0) });
    const a = tokens.issue(grant);
    expect(tokens.take(a.token, 'cam-001', 'sub', 'u1')).toEqual({ ok: true, grant });
    expect(tokens.take(a.token, 'cam-001', 'sub', 'u1')).toEqual({
      ok: false,
      reason: 'unknown_token',
    });
    const b = tokens.issue(grant);
    expect(tokens.take(b.token, 'cam-001', 'main', 'u1')).toMatchObject({ reason: 'wrong_camera' });
    const c = tokens.issue(grant);
    expect(tokens.take(c.token, 'cam-002', 'sub', 'u1')).toMatchObject({ reason: 'wrong_camera' });
    const d = tokens.issue(grant);
    expect(tokens.take(d.token, 'cam-001', 'sub', 'u2')).toMatchObject({ reason: 'wrong_user' });
    expect(tokens.outstanding).toBe(0);
  });

  it('expires, can be revoked per user, and keeps at most the configured number', () => {
    const clock = new FakeClock(1000);
    const tokens = new StreamTokens({ clock, ttlMs: 5000, maxOutstanding: 3 });
    const a = tokens.issue(grant);
    expect(a.expiresMs).toBe(6000);
    clock.advance(5000);
    expect(tokens.take(a.token, 'cam-001', 'sub')).toMatchObject({ reason: 'expired_token' });
    const issued = [
      tokens.issue(grant),
      tokens.issue(grant),
      tokens.issue(grant),
      tokens.issue(grant),
    ];
    expect(tokens.outstanding).toBe(3);
    expect(tokens.take(issued[0]?.token ?? '', 'cam-001', 'sub')).toMatchObject({
      reason: 'unknown_token',
    });
    tokens.revokeUser('u1');
    expect(tokens.outstanding).toBe(0);
  });
});
