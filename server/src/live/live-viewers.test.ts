import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { silentLogger } from '../app/logger.ts';
import type { Principal } from '../permissions/principal.ts';
import type { AuditRecordInput } from '../audit/record-input.ts';
import { LiveViewers, type StopReason } from './live-viewers.ts';
import type { StreamGrant } from './stream-tokens.ts';

const principal = {
  userId: 'u1',
  username: 'op1',
  displayName: 'Op',
  role: 'operator',
  agencyId: 'pm',
  agencyKind: 'owner',
} as Principal;

function grant(cameraId: string, sessionToken = 's1'): StreamGrant {
  return {
    principal,
    sessionToken,
    cameraId,
    stream: 'sub',
    transcode: false,
    sourceAddress: '10.0.0.9',
  };
}

function setup(opts: { auditFails?: boolean } = {}) {
  const clock = new FakeClock(1_000_000);
  const records: AuditRecordInput[] = [];
  const sessions = new Set(['s1', 's2']);
  const allowed = new Set(['cam-001', 'cam-002']);
  /** When set, `mayWatch` reads the permission at once but answers only once this resolves. */
  const hold: { gate?: Promise<void> } = {};
  const viewers = new LiveViewers({
    clock,
    logger: silentLogger(),
    recheckMs: 5000,
    audit: {
      record(input) {
        if (opts.auditFails) return Promise.reject(new Error('disk full'));
        records.push(input);
        return Promise.resolve();
      },
    },
    access: {
      resolveSession: (t) => Promise.resolve(sessions.has(t) ? principal : undefined),
      mayWatch: (_p, id) => {
        const answer = allowed.has(id);
        return hold.gate ? hold.gate.then(() => answer) : Promise.resolve(answer);
      },
    },
  });
  return { clock, records, sessions, allowed, hold, viewers };
}

describe('LiveViewers', () => {
  it('audits start and stop with duration; the client closing is not echoed back', async () => {
    const { clock, records, viewers } = setup();
    const ended: StopReason[] = [];
    const v = await viewers.open(grant('cam-001'), 'mse', (r) => ended.push(r));
    expect(records[0]).toMatchObject({
      action: 'live.start',
      outcome: 'granted',
      cameraId: 'cam-001',
    });
    clock.advance(42_000);
    v.end('client_closed');
    v.end('client_closed');
    expect(ended).toEqual([]);
    expect(viewers.count).toBe(0);
    expect(records[1]).toMatchObject({
      action: 'live.stop',
      reason: 'client_closed',
      fromMs: 1_000_000,
      toMs: 1_042_000,
      details: { durationMs: 42_000, transport: 'mse', stream: 'sub' },
    });
  });

  it('ends streams whose session ended or whose permission went, on the timer and on demand', async () => {
    const { clock, records, sessions, allowed, viewers } = setup();
    const ended: Record<string, StopReason[]> = { a: [], b: [], c: [] };
    await viewers.open(grant('cam-001'), 'mse', (r) => ended['a']?.push(r));
    await viewers.open(grant('cam-002'), 'webrtc', (r) => ended['b']?.push(r));
    await viewers.open(grant('cam-001', 's2'), 'mse', (r) => ended['c']?.push(r));

    allowed.delete('cam-002');
    await viewers.recheckNow();
    expect(ended).toEqual({ a: [], b: ['permission_revoked'], c: [] });

    sessions.delete('s2');
    clock.advance(5000);
    for (let i = 0; i < 10 && viewers.count > 1; i++) await Promise.resolve();
    await viewers.recheckNow();
    expect(ended['c']).toEqual(['session_ended']);
    expect(viewers.list().map((v) => v.cameraId)).toEqual(['cam-001']);
    viewers.close();
    expect(ended['a']).toEqual(['server_shutdown']);
    const stops = records.filter((r) => r.action === 'live.stop').map((r) => r.reason);
    expect(stops).toEqual(['permission_revoked', 'session_ended', 'server_shutdown']);
  });

  it('a change made while a check is running is checked again, not absorbed by that check', async () => {
    const { allowed, hold, viewers } = setup();
    const ended: StopReason[] = [];
    await viewers.open(grant('cam-001'), 'webrtc', (r) => ended.push(r));
    // The running check reads "allowed" and is held before it acts on it.
    let release = (): void => undefined;
    hold.gate = new Promise<void>((r) => (release = r));
    const running = viewers.recheckNow();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    allowed.delete('cam-001');
    const afterChange = viewers.recheckNow();
    release();
    await running;
    await afterChange;
    expect(ended).toEqual(['permission_revoked']);
    expect(viewers.count).toBe(0);
  });

  it('refuses to stream when the start cannot be audited, and audits refusals', async () => {
    const failing = setup({ auditFails: true });
    const ended: StopReason[] = [];
    await expect(
      failing.viewers.open(grant('cam-001'), 'mse', (r) => ended.push(r)),
    ).rejects.toThrow('disk full');
    expect(ended).toEqual(['error']);
    expect(failing.viewers.count).toBe(0);

    const { records, viewers } = setup();
    viewers.refuse({
      cameraId: 'cam-009',
      stream: 'main',
      transport: 'token',
      reason: 'live.view not held on this camera',
      principal,
      sourceAddress: '10.0.0.9',
    });
    await Promise.resolve();
    expect(records[0]).toMatchObject({
      action: 'live.start',
      outcome: 'denied',
      cameraId: 'cam-009',
      reason: 'live.view not held on this camera',
      principal: { userId: 'u1', username: 'op1', agencyId: 'pm' },
    });
  });
});
