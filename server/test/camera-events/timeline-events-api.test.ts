/**
 * Camera events in the timeline answer (`GET /api/timeline`): a camera's motion, tamper and input
 * intervals come with its spans, to whoever may see its recordings (`playback.view` through
 * access); a partner without playback on a camera is refused — whether or not it has events —
 * and the refusal is in the audit trail, as for the rest of the timeline.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { agree, auditEntries, CC, createCity } from '../access/fixture.ts';

interface TimelineJson {
  cameras: { id: string; events: { kind: string; from: number; to: number | null }[] }[];
  eventsMore: boolean;
}

forEachDatabase((_name, open) => {
  it('answers camera events with the timeline, only with playback on the camera', async () => {
    const city = await createCity(open);
    const { t } = city;
    const now = t.clock.nowMs();
    const ev = t.services.cameraEvents;
    const base = { topic: 'VideoSource/MotionAlarm', source: { Source: 'vsrc' } };
    ev.report({ ...base, cameraId: 'cam-001', kind: 'motion', active: true, atMs: now - 600_000 });
    ev.report({ ...base, cameraId: 'cam-001', kind: 'motion', active: false, atMs: now - 590_000 });
    ev.report({ ...base, cameraId: 'cam-002', kind: 'tamper', active: true, atMs: now - 300_000 });
    await ev.idle();
    // The agreement grants playback on cam-001 and the porto group, not on cam-002; a second
    // partner user's agreement grants live only.
    await agree(city);
    const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
    const window = `from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now).toISOString()}`;

    const ok = await t.request('GET', `/api/timeline?cameras=cam-001,cam-003&${window}`, {
      cookie: cc,
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as TimelineJson;
    expect(body.eventsMore).toBe(false);
    expect(body.cameras.map((c) => [c.id, c.events])).toEqual([
      [
        'cam-001',
        [
          expect.objectContaining({
            kind: 'motion',
            from: now - 600_000,
            to: now - 590_000,
            endCause: 'camera',
            triggers: 1,
            topic: 'VideoSource/MotionAlarm',
            source: { Source: 'vsrc' },
          }),
        ],
      ],
      ['cam-003', []],
    ]);

    const before = (await auditEntries(t)).length;
    for (const cameras of ['cam-002', 'cam-001,cam-002', 'cam-999']) {
      const refused = await t.request('GET', `/api/timeline?cameras=${cameras}&${window}`, {
        cookie: cc,
      });
      expect(refused.status, cameras).toBe(403);
      expect(JSON.stringify(await refused.json())).not.toContain('tamper');
    }
    const denied = (await auditEntries(t)).slice(before).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => [e.username, e.agencyId, e.cameraId, e.action])).toEqual([
      ['cc-op', CC, 'cam-002', 'playback.view'],
      ['cc-op', CC, 'cam-002', 'playback.view'],
      ['cc-op', CC, 'cam-999', 'playback.view'],
    ]);

    // The owner's operator sees cam-002's open tamper.
    const pm = await t.userCookie('operator');
    const own = await t.request('GET', `/api/timeline?cameras=cam-002&${window}`, { cookie: pm });
    expect(own.status).toBe(200);
    expect(((await own.json()) as TimelineJson).cameras[0]?.events).toEqual([
      expect.objectContaining({ kind: 'tamper', from: now - 300_000, to: null, endCause: null }),
    ]);
  });
});
