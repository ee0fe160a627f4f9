/**
 * PTZ through the API against the simulator's ONVIF dome, over real sockets: an operator moves
 * the dome (the simulated camera's position changes) and holds control; a partner agency's user
 * of lower priority is told who holds it and until when (409), and waits in line; a supervisor
 * of higher priority takes it at once; presets are saved (camera.manage), listed, gone to and
 * deleted; a session without commands lapses and the one waiting gets control; the camera goes
 * home after the configured quiet time; every session is audited from its start to how it ended.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CREDS, startSimWithOnvif, type SimWithOnvif } from '../sim-onvif/support.ts';
import { auditEntries, CC } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { sseReader } from '../support/sse.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let env: SimWithOnvif;
const CREDS_VAR = 'VEDETTA_TEST_PTZ_CREDENTIALS';

beforeAll(async () => {
  env = await startSimWithOnvif();
  process.env[CREDS_VAR] = `${CREDS.username}:${CREDS.password}`;
});

afterAll(async () => {
  await env.close();
});

interface City {
  t: TestApp;
  admin: string;
  operator: string;
  supervisor: string;
  partner: string;
}

async function city(open: Parameters<typeof createTestApp>[0]): Promise<City> {
  const t = await createTestApp(open, {
    config: {
      onvif: { requestTimeoutMs: 60_000 },
      ptz: {
        sessionSeconds: 30,
        priorities: [
          { agencyKind: 'owner', role: 'supervisor', priority: 90 },
          { agencyKind: 'owner', priority: 60 },
          { agencyKind: 'partner', priority: 30 },
        ],
        homeReturnMinutes: { default: 5 },
      },
    },
  });
  const admin = await t.userCookie('administrator', { username: 'admin' });
  for (const [id, sim, onvif] of [
    ['dome', 'cam-003', true],
    ['bullet', 'cam-001', true],
  ] as const) {
    const res = await t.request('POST', '/api/cameras', {
      cookie: admin,
      body: {
        id,
        name: id === 'dome' ? 'Piazza Verdi' : 'Via Roma',
        streams: { main: env.sim.url(sim) },
        credentialsRef: `env:${CREDS_VAR}`,
        location: { latitude: 44.1, longitude: 9.82 },
        ...(onvif
          ? { onvif: { address: env.onvif.deviceUrl(sim), profiles: { main: 'main', sub: 'sub' } } }
          : {}),
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const agency = await t.request('POST', '/api/agencies', {
    cookie: admin,
    body: { id: CC, name: 'Carabinieri - Comando Provinciale' },
  });
  expect(agency.status).toBe(201);
  const now = t.clock.nowMs();
  const agreement = await t.request('POST', '/api/agreements', {
    cookie: admin,
    body: {
      granteeAgencyId: CC,
      title: 'Sala operativa integrata',
      legalInstrument: "Protocollo d'intesa prot. 77/2026",
      legalInstrumentDate: '2026-01-10',
      validFromMs: now - 86_400_000,
      validUntilMs: now + 86_400_000,
      permissions: ['live.view', 'ptz.control'],
      cameraIds: ['dome'],
      groupIds: [],
    },
  });
  expect(agreement.status, await agreement.clone().text()).toBe(201);
  return {
    t,
    admin,
    operator: await t.userCookie('operator', { username: 'rossi' }),
    supervisor: await t.userCookie('supervisor', { username: 'bianchi' }),
    partner: await t.userCookie('operator', { username: 'cc.verdi', agencyId: CC }),
  };
}

const position = () => {
  const p = env.onvif.ptzPosition('cam-003');
  if (p === undefined) throw new Error('cam-003 is not a dome');
  return p;
};

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never: ${what}`);
}

/** Moves the dome for an operator, who then holds control. */
async function step1(c: City): Promise<void> {
  const { t, operator } = c;
  const before = position();
  const moved = await t.request('POST', '/api/cameras/dome/ptz/move', {
    cookie: operator,
    body: { pan: 0.8, tilt: 0 },
  });
  expect(moved.status, await moved.clone().text()).toBe(204);
  await waitFor(() => position().pan > before.pan, 'the dome pans');
  expect((await t.request('POST', '/api/cameras/dome/ptz/stop', { cookie: operator })).status).toBe(
    204,
  );
  await waitFor(() => !position().moving, 'the dome stops');
  const status = (await (
    await t.request('GET', '/api/cameras/dome/ptz', { cookie: operator })
  ).json()) as { holder: { you: boolean; name: string } | null; awayFromHome: boolean };
  expect(status.holder?.you).toBe(true);
  expect(status.awayFromHome).toBe(true);
}

/** Tells a partner of lower priority who holds the dome and until when, and queues them. */
async function step2(c: City): Promise<void> {
  const { t, partner } = c;
  const busy = await t.request('POST', '/api/cameras/dome/ptz/move', {
    cookie: partner,
    body: { pan: -0.5 },
  });
  expect(busy.status).toBe(409);
  const error = ((await busy.json()) as { error: { details: Record<string, unknown> } }).error;
  expect(error.details).toMatchObject({ key: 'ptz.busy', holder: 'rossi' });
  expect(error.details['untilMs']).toBe(t.clock.nowMs() + 30_000);
  const queued = await t.request('POST', '/api/cameras/dome/ptz/control', {
    cookie: partner,
    body: { queue: true },
  });
  expect(queued.status).toBe(409);
  const status = (await (
    await t.request('GET', '/api/cameras/dome/ptz', { cookie: partner })
  ).json()) as { holder: { name: string; agencyName: string }; queuePosition: number };
  expect(status.holder.name).toBe('rossi');
  expect(status.queuePosition).toBe(1);
}

/** Lets a supervisor of higher priority take control at once. */
async function step3(c: City): Promise<void> {
  const { t, supervisor, operator } = c;
  const took = await t.request('POST', '/api/cameras/dome/ptz/control', {
    cookie: supervisor,
    body: {},
  });
  expect(took.status, await took.clone().text()).toBe(200);
  const refused = await t.request('POST', '/api/cameras/dome/ptz/move', {
    cookie: operator,
    body: { tilt: 0.3 },
  });
  expect(refused.status).toBe(409);
  const entries = await auditEntries(t);
  const released = entries.filter((e) => e.action === 'ptz.release');
  expect(released).toHaveLength(1);
  expect(JSON.parse(released[0]?.details ?? '{}')).toMatchObject({
    reason: 'preempted',
    by: 'bianchi',
    moves: 1,
  });
}

/** Hands control to the one waiting when the holder releases it. */
async function step4(c: City): Promise<void> {
  const { t, supervisor, partner } = c;
  const released = await t.request('DELETE', '/api/cameras/dome/ptz/control', {
    cookie: supervisor,
  });
  expect(released.status).toBe(200);
  const status = (await (
    await t.request('GET', '/api/cameras/dome/ptz', { cookie: partner })
  ).json()) as { holder: { you: boolean; agencyName: string } };
  expect(status.holder).toMatchObject({
    you: true,
    agencyName: 'Carabinieri - Comando Provinciale',
  });
}

/** Saves presets with camera.manage only, goes to one and deletes it. */
async function step5(c: City): Promise<void> {
  const { t, admin, supervisor } = c;
  const refused = await t.request('POST', '/api/cameras/dome/ptz/presets', {
    cookie: supervisor,
    body: { name: 'Fontana' },
  });
  expect(refused.status).toBe(403);
  // The administrator (owner, 60) takes control from the partner (30) by saving.
  const saved = await t.request('POST', '/api/cameras/dome/ptz/presets', {
    cookie: admin,
    body: { name: 'Fontana' },
  });
  expect(saved.status, await saved.clone().text()).toBe(201);
  const preset = (await saved.json()) as { token: string; name: string };
  const at = position();
  const list = async () =>
    (
      (await (
        await t.request('GET', '/api/cameras/dome/ptz/presets', { cookie: supervisor })
      ).json()) as { presets: { token: string; name: string }[] }
    ).presets;
  expect(await list()).toContainEqual(preset);
  // Away from the preset, then back to it.
  await t.request('POST', '/api/cameras/dome/ptz/move', { cookie: admin, body: { pan: -1 } });
  await waitFor(() => position().pan < at.pan, 'the dome pans back');
  await t.request('POST', '/api/cameras/dome/ptz/stop', { cookie: admin });
  const gone = await t.request('POST', `/api/cameras/dome/ptz/presets/${preset.token}/goto`, {
    cookie: admin,
  });
  expect(gone.status, await gone.clone().text()).toBe(204);
  await waitFor(
    () => Math.abs(position().pan - at.pan) < 0.01 && !position().moving,
    'the dome is back at the preset',
  );
  const status = (await (
    await t.request('GET', '/api/cameras/dome/ptz', { cookie: admin })
  ).json()) as { preset: string | null };
  expect(status.preset).toBe('Fontana');
  const removed = await t.request('DELETE', `/api/cameras/dome/ptz/presets/${preset.token}`, {
    cookie: admin,
  });
  expect(removed.status).toBe(204);
  expect(await list()).not.toContainEqual(preset);
  const unknown = await t.request('POST', `/api/cameras/dome/ptz/presets/${preset.token}/goto`, {
    cookie: admin,
  });
  expect(unknown.status).toBe(404);
}

/** Ends a session without commands, and sends the camera home after the quiet time. */
async function step6(c: City): Promise<void> {
  const { t, admin } = c;
  t.clock.advance(31_000);
  for (let i = 0; i < 200; i++) {
    const entries = await auditEntries(t);
    if (entries.some((e) => e.action === 'ptz.release' && e.details?.includes('lapsed'))) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const lapsed = (await auditEntries(t)).filter(
    (e) =>
      e.action === 'ptz.release' &&
      (JSON.parse(e.details ?? '{}') as { reason?: string }).reason === 'lapsed',
  );
  expect(lapsed).toHaveLength(1);
  expect(JSON.parse(lapsed[0]?.details ?? '{}')).toMatchObject({
    presets: ['Fontana'],
    toPreset: 'Fontana',
  });
  const status = (await (
    await t.request('GET', '/api/cameras/dome/ptz', { cookie: admin })
  ).json()) as { holder: unknown; awayFromHome: boolean };
  expect(status.holder).toBeNull();
  expect(status.awayFromHome).toBe(true);
  expect(position().pan).not.toBe(0);
  // Five minutes on the server's clock (the dome's runs on real time: the driver reads it again
  // when its UsernameToken falls outside the dome's window).
  t.clock.advance(5 * 60_000);
  await waitFor(
    () => position().pan === 0 && position().tilt === 0 && !position().moving,
    'the dome is home',
  );
  for (let i = 0; i < 200; i++) {
    if ((await auditEntries(t)).some((e) => e.action === 'ptz.home')) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const home = (await auditEntries(t)).filter((e) => e.action === 'ptz.home');
  expect(home).toHaveLength(1);
  expect(home[0]?.cameraId).toBe('dome');
}

/** The map marks the dome as PTZ once its capability was asked (in the background). */
async function step8(c: City): Promise<void> {
  const { t, admin } = c;
  const marked = async (): Promise<Record<string, boolean>> => {
    const res = await t.request('GET', '/api/map/cameras', { cookie: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { cameras: { id: string; ptz: boolean }[] };
    return Object.fromEntries(body.cameras.map((m) => [m.id, m.ptz]));
  };
  for (let i = 0; i < 200 && (await marked())['dome'] !== true; i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(await marked()).toEqual({ dome: true, bullet: false });
}

/** Refuses a camera without PTZ, and a user without ptz.control. */
async function step7(c: City): Promise<void> {
  const { t, operator } = c;
  const none = await t.request('POST', '/api/cameras/bullet/ptz/move', {
    cookie: operator,
    body: { pan: 0.5 },
  });
  expect(none.status).toBe(409);
  expect(((await none.json()) as { error: { details: { key: string } } }).error.details.key).toBe(
    'ptz.unsupported',
  );
  const auditor = await t.userCookie('auditor', { username: 'dpo' });
  const denied = await t.request('POST', '/api/cameras/dome/ptz/move', {
    cookie: auditor,
    body: { pan: 0.5 },
  });
  expect(denied.status).toBe(403);
  const partner = await t.request('GET', '/api/cameras/bullet/ptz', { cookie: c.partner });
  expect(partner.status).toBe(403);
}

forEachDatabase((_name, open) => {
  it('tells one waiting in line at once that control passed to them (event stream)', async () => {
    const c = await city(open);
    const { t, operator, partner } = c;
    expect(
      (await t.request('POST', '/api/cameras/dome/ptz/control', { cookie: operator, body: {} }))
        .status,
    ).toBe(200);
    const queued = await t.request('POST', '/api/cameras/dome/ptz/control', {
      cookie: partner,
      body: { queue: true },
    });
    expect(queued.status).toBe(409);
    const res = await t.request('GET', '/api/cameras/dome/ptz/events', { cookie: partner });
    expect(res.status).toBe(200);
    const events = sseReader(res);
    const [first] = await events.next(1);
    expect(first?.event).toBe('status');
    expect(first?.data).toMatchObject({ holder: { you: false, name: 'rossi' }, queuePosition: 1 });
    // The operator gives it back: the partner's stream says so, with no request of theirs.
    expect(
      (await t.request('DELETE', '/api/cameras/dome/ptz/control', { cookie: operator })).status,
    ).toBe(200);
    const [next] = await events.next(1);
    expect(next?.data).toMatchObject({ holder: { you: true }, queuePosition: null });
    await events.cancel();
    // Without ptz.control on the camera: refused before any stream.
    const bullet = await t.request('GET', '/api/cameras/bullet/ptz/events', { cookie: partner });
    expect(bullet.status).toBe(403);
  });

  it('moves a shared dome under priorities, presets, lapses and home return, all audited', async () => {
    const c = await city(open);
    await step1(c);
    await step2(c);
    await step3(c);
    await step4(c);
    await step5(c);
    await step6(c);
    await step7(c);
    await step8(c);
  });
});
