/**
 * The camera events service on both databases: a reported state becomes an interval, ended when
 * the camera says so; re-triggers within the gap merge, and a chattering detector makes at most
 * `MAX_STARTS_PER_MINUTE` intervals a minute; a lost subscription ends the camera's open intervals
 * at the last pull that worked; what an earlier process left open ends at its last sighting; the
 * timeline's read; and the retention run deletes events past their camera's retention, except
 * those under a legal hold.
 */
import { expect, it } from 'vitest';
import {
  createCameraEvents,
  MAX_STARTS_PER_MINUTE,
  type CameraEventReport,
} from '../../src/camera-events/index.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp } from '../support/test-app.ts';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const motion = (atMs: number, active: boolean, over: Partial<CameraEventReport> = {}) => ({
  cameraId: 'cam-1',
  kind: 'motion' as const,
  active,
  atMs,
  topic: 'RuleEngine/CellMotionDetector/Motion',
  source: { VideoSourceConfigurationToken: 'vsc', Rule: 'MyMotionDetectorRule' },
  ...over,
});

forEachDatabase((_name, open) => {
  it('keeps intervals, merges re-triggers and bounds a chattering detector', async () => {
    const t = await createTestApp(open);
    const ev = t.services.cameraEvents;
    ev.report(motion(T0, true));
    ev.report(motion(T0 + 5_000, false));
    ev.report(motion(T0 + 6_500, true)); // 1.5 s after the end: the same interval again
    ev.report(motion(T0 + 9_000, false));
    ev.report(motion(T0 + 20_000, true)); // 11 s later: a new one
    ev.report(motion(T0 + 20_500, true)); // said again while it holds: nothing new
    ev.report(
      motion(T0 + 21_000, true, {
        kind: 'input',
        topic: 'Device/Trigger/DigitalInput',
        source: { InputToken: 'di0' },
      }),
    );
    await ev.idle();
    const { events, more } = await ev.overlapping(['cam-1'], T0 - 60_000, T0 + 60_000, 100);
    expect(more).toBe(false);
    expect(
      events.map((e) => [e.kind, e.fromMs - T0, e.toMs === null ? null : e.toMs - T0, e.triggers]),
    ).toEqual([
      ['input', 21_000, null, 1],
      ['motion', 20_000, null, 1],
      ['motion', 0, 9_000, 2],
    ]);
    expect(events[0]).toMatchObject({ source: { InputToken: 'di0' }, endCause: null });
    expect(events[2]).toMatchObject({
      endCause: 'camera',
      topic: 'RuleEngine/CellMotionDetector/Motion',
      source: { Rule: 'MyMotionDetectorRule', VideoSourceConfigurationToken: 'vsc' },
    });
    // A window that ends before an interval, or starts after it ended, does not show it.
    const later = await ev.overlapping(['cam-1'], T0 + 10_000, T0 + 60_000, 100);
    expect(later.events.map((e) => e.fromMs - T0)).toEqual([21_000, 20_000]);
    expect((await ev.overlapping(['cam-2'], T0, T0 + 60_000, 100)).events).toEqual([]);
    expect((await ev.overlapping(['cam-1'], T0, T0 + 60_000, 1)).more).toBe(true);

    // A detector going on and off every 3 s for a minute: at most the bound of intervals.
    const base = T0 + 3_600_000;
    for (let i = 0; i < 20; i++) {
      ev.report(motion(base + i * 3_000, true, { cameraId: 'cam-2' }));
      ev.report(motion(base + i * 3_000 + 500, false, { cameraId: 'cam-2' }));
    }
    await ev.idle();
    const chatty = await ev.overlapping(['cam-2'], base - 1, base + 120_000, 100);
    expect(chatty.events).toHaveLength(MAX_STARTS_PER_MINUTE);
    expect(chatty.events.reduce((n, e) => n + e.triggers, 0)).toBe(20);
    // The last interval runs to the last end: nothing the camera reported is lost.
    expect(chatty.events[0]?.toMs).toBe(base + 19 * 3_000 + 500);
  });

  it('ends open intervals when the subscription is lost, and those a crash left open', async () => {
    const t = await createTestApp(open);
    const ev = t.services.cameraEvents;
    ev.report(motion(T0, true));
    ev.report(motion(T0 + 1_000, true, { cameraId: 'cam-2', kind: 'tamper', source: {} }));
    ev.interrupted('cam-1', T0 + 4_000, 'lost');
    await ev.idle();
    const after = await ev.overlapping(['cam-1', 'cam-2'], T0, T0 + 60_000, 100);
    expect(after.events.map((e) => [e.cameraId, e.toMs, e.endCause])).toEqual([
      ['cam-2', null, null],
      ['cam-1', T0 + 4_000, 'lost'],
    ]);

    // Another process on the same database: cam-2's tamper was left open by this one.
    ev.report(motion(T0 + 8_000, true, { cameraId: 'cam-2', kind: 'tamper', source: {} }));
    await ev.idle();
    const next = createCameraEvents({ db: t.db, logger: t.services.logger });
    next.closeLeftOpen();
    await next.idle();
    const closed = await next.overlapping(['cam-2'], T0, T0 + 60_000, 100);
    expect(closed.events.map((e) => [e.toMs, e.endCause])).toEqual([[T0 + 8_000, 'unknown']]);
  });

  it('deletes events past their camera retention with the retention run, not held ones', async () => {
    const t = await createTestApp(open);
    const now = t.clock.nowMs();
    const DAY = 86_400_000;
    for (const [id, days] of [
      ['cam-1', 1],
      ['cam-2', 3],
    ] as const) {
      await t.services.cameras.create({
        id,
        name: id,
        streams: { main: `rtsp://10.0.0.1/${id}` },
        location: { latitude: 44.1, longitude: 9.82 },
        retentionDays: days,
      });
    }
    const ev = t.services.cameraEvents;
    const at = (cameraId: string, startMs: number) => {
      ev.report(motion(startMs, true, { cameraId }));
      ev.report(motion(startMs + 10_000, false, { cameraId }));
    };
    at('cam-1', now - 2 * DAY); // past cam-1's day
    at('cam-1', now - 2 * DAY + 3_600_000); // as old, but under a legal hold
    at('cam-1', now - 3_600_000); // kept
    at('cam-2', now - 2 * DAY); // cam-2 keeps 3 days
    ev.report(motion(now - 2 * DAY - 60_000, true, { cameraId: 'cam-1', kind: 'tamper' })); // open
    await ev.idle();
    await t.db
      .insertInto('legal_holds')
      .values({
        id: 'hold-1',
        authority: 'Procura',
        reference: 'RGNR 1/2026',
        description: 'test',
        from_ms: now - 2 * DAY + 3_000_000,
        to_ms: now - 2 * DAY + 4_000_000,
        expires_ms: null,
        until_released_reason: 'indagine in corso',
        placed_ms: now,
        placed_by: 'u',
        placed_by_name: 'u',
        agency_id: 'polizia-municipale',
        released_ms: null,
        released_by: null,
        release_reason: null,
        updated_ms: now,
      })
      .execute();
    await t.db
      .insertInto('legal_hold_cameras')
      .values({ hold_id: 'hold-1', camera_id: 'cam-1' })
      .execute();

    await t.services.retention.sweepNow();
    const left = await ev.overlapping(['cam-1', 'cam-2'], now - 3 * DAY, now, 100);
    expect(left.events.map((e) => [e.cameraId, e.kind, (now - e.fromMs) / 60_000])).toEqual([
      ['cam-1', 'motion', 60],
      ['cam-1', 'motion', 2 * 24 * 60 - 60],
      ['cam-2', 'motion', 2 * 24 * 60],
      ['cam-1', 'tamper', 2 * 24 * 60 + 1],
    ]);
  });
});
