/**
 * Camera events stored as timeline intervals, against the simulator's ONVIF Events service over
 * real sockets: every event is kept, configured as an alarm or not (here only tamper is one); a
 * motion that goes on, off and on again at once is one interval of two triggers, ended when the
 * state goes false; a digital input is kept with its input token; an expired subscription ends
 * the open intervals as `lost` at the last pull that worked; stopping the subscribers ends them as
 * `stopped`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addViaRoma, emitOn, pollUntil, subscribe } from './events-support.ts';
import type { CameraEventView } from '../../src/camera-events/index.ts';
import { CREDS, startSimWithOnvif, type SimWithOnvif } from '../sim-onvif/support.ts';
import { listAlarms } from '../alarms/alarms-fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let env: SimWithOnvif;
const CREDS_VAR = 'VEDETTA_TEST_EVENTS_STORE_CREDENTIALS';

beforeAll(async () => {
  env = await startSimWithOnvif();
  process.env[CREDS_VAR] = `${CREDS.username}:${CREDS.password}`;
});

afterAll(async () => {
  await env.close();
});

/** Emits on the simulated camera until a pull point took it. */
const emit = (kind: 'motion' | 'tamper' | 'digital-input', state: boolean) =>
  emitOn(env)(kind, state);

/** Waits until the stored intervals of the camera satisfy `ok`. */
async function stored(
  t: TestApp,
  ok: (events: CameraEventView[]) => boolean,
  what: string,
): Promise<CameraEventView[]> {
  return pollUntil(async () => {
    await t.services.cameraEvents.idle();
    const now = t.clock.nowMs();
    const r = await t.services.cameraEvents.overlapping(
      ['via-roma'],
      now - 3_600_000,
      now + 1,
      100,
    );
    return ok(r.events) ? r.events : undefined;
  }, what);
}

forEachDatabase((_name, open) => {
  it('stores every camera event as an interval, merged, ended, and ended when lost', async () => {
    env.onvif.faults.expireSubscriptions('cam-001');
    const t = await createTestApp(open, { config: { onvif: { requestTimeoutMs: 60_000 } } });
    await addViaRoma(t, env, CREDS_VAR);
    const subscribers = subscribe(t, {
      config: { ...t.config.onvif, events: { enabled: true, alarms: ['tamper'] } },
      events: t.services.cameraEvents,
    });
    try {
      await emit('tamper', false); // subscribed; a false with nothing open stores nothing
      // The server's clock moves on, so the events (camera time less the offset read at
      // subscription) fall before its now.
      t.clock.advance(60_000);
      const subscribedAt = t.clock.nowMs() - 60_000;
      // On, off and on again at once: a re-trigger of the same interval.
      await emit('motion', true);
      env.onvif.emitEvent('cam-001', 'motion', false);
      env.onvif.emitEvent('cam-001', 'motion', true);
      const merged = await stored(
        t,
        (e) => e.length === 1 && e[0]?.triggers === 2,
        'one motion interval, two triggers',
      );
      expect(merged[0]).toMatchObject({
        kind: 'motion',
        toMs: null,
        topic: 'VideoSource/MotionAlarm',
        source: { Source: 'vsrc' },
      });
      expect(merged[0]?.fromMs).toBeGreaterThanOrEqual(subscribedAt);
      expect(merged[0]?.fromMs).toBeLessThan(subscribedAt + 50_000);
      await emit('motion', false);
      const ended = await stored(t, (e) => e[0]?.toMs !== null, 'the motion ended');
      expect(ended[0]).toMatchObject({ endCause: 'camera', triggers: 2 });

      // A digital input, not configured as an alarm: stored, and no alarm raised.
      await emit('digital-input', true);
      const input = await stored(t, (e) => e.some((x) => x.kind === 'input'), 'the input');
      expect(input[0]).toMatchObject({ kind: 'input', toMs: null, source: { InputToken: 'di0' } });
      const admin = await t.userCookie('administrator');
      expect(await listAlarms(t, admin)).toEqual([]);

      // The subscription expires: the input (still on) ends at the last pull that worked.
      const before = t.clock.nowMs();
      t.clock.advance(5_000);
      expect(env.onvif.faults.expireSubscriptions('cam-001')).toBeGreaterThan(0);
      await emit('tamper', false); // subscribed again
      const lost = await stored(
        t,
        (e) => e.find((x) => x.kind === 'input')?.endCause === 'lost',
        'the input ended as lost',
      );
      const lostInput = lost.find((x) => x.kind === 'input');
      expect(lostInput?.toMs).toBeGreaterThanOrEqual(before);
      expect(lostInput?.toMs).toBeLessThanOrEqual(t.clock.nowMs());

      await emit('tamper', true);
      await stored(t, (e) => e.some((x) => x.kind === 'tamper'), 'the tamper');
    } finally {
      await subscribers?.stop();
    }
    await t.services.cameraEvents.idle();
    const now = t.clock.nowMs();
    const after = await t.services.cameraEvents.overlapping(
      ['via-roma'],
      now - 3_600_000,
      now + 1,
      9,
    );
    expect(after.events.find((x) => x.kind === 'tamper')).toMatchObject({ endCause: 'stopped' });
  }, 90_000);
});
