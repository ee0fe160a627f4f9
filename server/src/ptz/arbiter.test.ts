import { describe, expect, it } from 'vitest';
import { PtzArbiter, type Controller } from './arbiter.ts';

const who = (userId: string, priority: number, agencyId = 'pm'): Controller => ({
  userId,
  displayName: userId,
  agencyId,
  priority,
});

describe('PTZ control arbiter', () => {
  it('grants a free camera, renews for the holder, refuses an equal priority with the lapse time', () => {
    const a = new PtzArbiter(30_000);
    const first = a.acquire('cam', who('rossi', 50), 1000);
    expect(first).toMatchObject({ kind: 'granted', renewed: false });
    expect(a.acquire('cam', who('rossi', 50), 5000)).toMatchObject({
      kind: 'granted',
      renewed: true,
    });
    expect(a.acquire('cam', who('bianchi', 50), 6000)).toEqual({
      kind: 'busy',
      holder: expect.objectContaining({ userId: 'rossi' }) as unknown,
      untilMs: 35_000,
    });
    expect(a.acquire('cam', who('verdi', 10, 'cc'), 6000)).toMatchObject({ kind: 'busy' });
  });

  it('lets a higher priority take control at once, naming whom it preempted', () => {
    const a = new PtzArbiter(30_000);
    a.acquire('cam', who('partner', 20, 'cc'), 0);
    const r = a.acquire('cam', who('owner', 80), 1000);
    expect(r).toMatchObject({
      kind: 'granted',
      preempted: { userId: 'partner' },
      session: { userId: 'owner' },
    });
    expect(a.touch('cam', 'partner', 2000)).toBe(false);
    expect(a.touch('cam', 'owner', 2000)).toBe(true);
  });

  it('lapses after the quiet time, and hands control to the first one waiting', () => {
    const a = new PtzArbiter(30_000);
    a.acquire('cam', who('rossi', 50), 0);
    a.touch('cam', 'rossi', 10_000);
    expect(a.acquire('cam', who('low', 10), 11_000, true)).toMatchObject({
      kind: 'busy',
      queuePosition: 1,
    });
    expect(a.acquire('cam', who('high', 40), 12_000, true)).toMatchObject({
      kind: 'busy',
      queuePosition: 1,
    });
    expect(a.waiting('cam').map((c) => c.userId)).toEqual(['high', 'low']);
    expect(a.sweep(39_999)).toEqual([]);
    const ended = a.sweep(40_000);
    expect(ended).toMatchObject([
      { cameraId: 'cam', reason: 'lapsed', session: { userId: 'rossi' } },
    ]);
    expect(a.holder('cam', 40_000)).toMatchObject({ userId: 'high', sinceMs: 40_000 });
    expect(a.waiting('cam').map((c) => c.userId)).toEqual(['low']);
  });

  it('hands control on when the holder releases it; leaving the queue drops a waiter', () => {
    const a = new PtzArbiter(30_000);
    a.acquire('cam', who('rossi', 50), 0);
    a.acquire('cam', who('bianchi', 50), 1000, true);
    a.acquire('cam', who('neri', 50), 2000, true);
    expect(a.release('cam', 'bianchi', 3000)).toEqual({});
    const r = a.release('cam', 'rossi', 4000);
    expect(r.ended).toMatchObject({ reason: 'released', session: { userId: 'rossi' } });
    expect(r.next).toMatchObject({ userId: 'neri' });
    expect(a.holder('cam', 4000)?.userId).toBe('neri');
  });

  it('keeps cameras apart', () => {
    const a = new PtzArbiter(30_000);
    a.acquire('cam-1', who('rossi', 50), 0);
    expect(a.acquire('cam-2', who('bianchi', 50), 0)).toMatchObject({ kind: 'granted' });
  });
});
