/**
 * Camera events as alarms, against the simulator's ONVIF Events service over real sockets: the
 * subscriber of an ONVIF camera (credentials from `credentialsRef`) pulls its events; tamper
 * raises the high-priority `camera_tamper` alarm on the camera, with the event's time (the
 * camera's clock turned into the server's), and the state going false clears it; the
 * subscription is renewed; after every subscription expired (ResourceUnknown) the subscriber
 * subscribes again and the next event (motion: low priority) still arrives; stopping it
 * unsubscribes. A camera disabled while its condition lasts has its alarm cleared.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { eventAlarmKey } from '../../src/compose/onvif-events.ts';
import { addViaRoma, emitOn, pollUntil, subscribe } from './events-support.ts';
import { CREDS, startSimWithOnvif, type SimWithOnvif } from '../sim-onvif/support.ts';
import { listAlarms, type AlarmJson } from '../alarms/alarms-fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createLogger } from '../../src/app/index.ts';

let env: SimWithOnvif;
const CREDS_VAR = 'VEDETTA_TEST_EVENTS_CREDENTIALS';

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

beforeEach(() => {
  // No pull point left over from an earlier case takes this one's events.
  env.onvif.faults.expireSubscriptions('cam-001');
});

async function alarmOf(t: TestApp, cookie: string, kind: string, cleared: boolean) {
  return pollUntil(
    async () => {
      await t.services.alarmQueue.idle();
      const a = (await listAlarms(t, cookie)).find((x: AlarmJson) => x.kind === kind);
      return a !== undefined && (a.clearedMs !== null) === cleared ? a : undefined;
    },
    `${kind} ${cleared ? 'cleared' : 'raised'}`,
  );
}

forEachDatabase((_name, open) => {
  it('raises and clears camera alarms from ONVIF events, across an expired subscription', async () => {
    const t = await createTestApp(open, { config: { onvif: { requestTimeoutMs: 60_000 } } });
    const admin = await t.userCookie('administrator');
    await addViaRoma(t, env, CREDS_VAR);
    // The test app's clock is fake and hours from the simulator's real one: the subscriber signs
    // in the camera's time through the offset it reads, and turns the event's time back.
    const subscribers = subscribe(t);
    expect(subscribers).not.toBeNull();
    try {
      await emit('tamper', false); // subscribed (and the camera's clock read)
      // 50 s of the server's clock pass (the subscription is renewed at the next pull) while
      // the camera's clock moves on by only the real time the test takes.
      t.clock.advance(50_000);
      await emit('tamper', true);
      const tamper = await alarmOf(t, admin, 'camera_tamper', false);
      expect(tamper).toMatchObject({ priority: 'high', cameraIds: ['via-roma'] });
      expect(tamper.params).toEqual({ cameraId: 'via-roma' });
      // The event's time, in the server's clock: the camera's UtcTime less the offset.
      expect(tamper.eventMs).toBeGreaterThanOrEqual(t.clock.nowMs() - 50_000);
      expect(tamper.eventMs).toBeLessThan(t.clock.nowMs() - 20_000);
      expect(eventAlarmKey('via-roma', 'tamper')).toBe('camera.event.tamper:via-roma');

      await emit('tamper', false);
      await alarmOf(t, admin, 'camera_tamper', true);

      expect(env.onvif.faults.expireSubscriptions('cam-001')).toBeGreaterThan(0);
      await emit('motion', true);
      const motion = await alarmOf(t, admin, 'camera_motion', false);
      expect(motion).toMatchObject({ priority: 'low', cameraIds: ['via-roma'] });

      await emit('digital-input', true);
      const input = await alarmOf(t, admin, 'camera_input', false);
      expect(input).toMatchObject({ priority: 'medium' });
      expect(input.params).toEqual({ cameraId: 'via-roma', input: 'di0' });
    } finally {
      await subscribers?.stop();
    }
    // Stopped: the pull point was given back.
    expect(env.onvif.emitEvent('cam-001', 'motion', false)).toBe(0);
  }, 90_000);

  it("clears a camera's event alarms when it is disabled", async () => {
    const t = await createTestApp(open, { config: { onvif: { requestTimeoutMs: 60_000 } } });
    const admin = await t.userCookie('administrator');
    await addViaRoma(t, env, CREDS_VAR);
    const subscribers = subscribe(t);
    try {
      await emit('tamper', true);
      await alarmOf(t, admin, 'camera_tamper', false);
      // Disabled while the camera still reports tampering: no event will ever end it.
      await t.services.cameras.patch('via-roma', { enabled: false });
      t.clock.advance(10_000); // the subscriber's next look at the register
      await alarmOf(t, admin, 'camera_tamper', true);
    } finally {
      await subscribers?.stop();
    }
  }, 90_000);

  it('subscribes again after failures with a growing wait, and after the camera clock jumped', async () => {
    const lines: { msg?: string; retryInMs?: number }[] = [];
    const logger = createLogger({
      level: 'warn',
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as never) },
    });
    const t = await createTestApp(open, { config: { onvif: { requestTimeoutMs: 60_000 } } });
    await addViaRoma(t, env, CREDS_VAR);
    const retries = () =>
      lines.filter((l) => l.msg === 'camera events: subscription lost').map((l) => l.retryInMs);
    env.onvif.faults.soapFault('cam-001', 'CreatePullPointSubscription', 2);
    const subscribers = subscribe(t, {
      logger,
      config: { ...t.config.onvif, events: { enabled: true, alarms: ['tamper'] } },
    });
    try {
      // The waits run on the injected clock: each failure waits until the test moves it on.
      await pollUntil(() => (retries().length === 1 ? true : undefined), 'the first failure');
      t.clock.advance(1_000);
      await pollUntil(() => (retries().length === 2 ? true : undefined), 'the second failure');
      t.clock.advance(2_000);
      await emit('tamper', false);
      expect(retries()).toEqual([1_000, 2_000]);

      // The camera's clock jumps: the next pull's token is refused; the retry reads it again.
      env.onvif.setClockOffset('cam-001', 3 * 3600);
      await emit('motion', false); // wakes the pull; motion is not configured as an alarm
      await pollUntil(() => (retries().length === 3 ? true : undefined), 'the refused token');
      expect(retries()[2]).toBe(1_000);
      // The old pull point (its Unsubscribe was refused too) would take the next event.
      env.onvif.faults.expireSubscriptions('cam-001');
      t.clock.advance(1_000);
      await emit('tamper', true);
      const admin = await t.userCookie('administrator');
      await alarmOf(t, admin, 'camera_tamper', false);
      await t.services.alarmQueue.idle();
      expect((await listAlarms(t, admin)).map((a) => a.kind)).toEqual(['camera_tamper']);
    } finally {
      env.onvif.setClockOffset('cam-001', 0);
      env.onvif.faults.restore('cam-001');
      await subscribers?.stop();
    }
  }, 90_000);

  it('starts nothing when events are off', async () => {
    const t = await createTestApp(open, { config: { onvif: { events: { enabled: false } } } });
    const subscribers = subscribe(t);
    expect(subscribers).toBeNull();
  });
});
