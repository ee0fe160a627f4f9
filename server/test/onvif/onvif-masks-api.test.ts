/**
 * `GET /api/cameras/{id}/onvif/masks` against the simulator over real sockets, on both
 * databases: the camera's masks in picture space and the comparison with Vedetta's (hides more
 * with none of ours; a match once ours is the same window; hides less when ours is bigger);
 * a dome (no mask support) is `not_supported`; a camera not added from ONVIF is 404 with its
 * key; a dead camera 502 with its key and the ONVIF reason; an operator (who may not manage
 * masks) is refused, and so is an unknown camera, without saying which.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDS, startSimWithOnvif, type SimWithOnvif } from '../sim-onvif/support.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let env: SimWithOnvif;

beforeAll(async () => {
  env = await startSimWithOnvif({
    masks: {
      'cam-001': [
        {
          points: [
            [-0.6, 0.5],
            [-0.3, 0.5],
            [-0.3, 0.2],
            [-0.6, 0.2],
          ],
        },
      ],
    },
  });
});

afterAll(async () => {
  await env.close();
});

interface Report {
  verdict: string;
  unsupportedReason: string | null;
  cameraMasks: { token: string; points: [number, number][]; type: string; enabled: boolean }[];
  comparison: {
    vedetta: { label: string; coveredShare: number; covered: boolean }[];
    camera: { token: string; extraShare: number; hidesMore: boolean }[];
    uncoveredCount: number;
    extraCount: number;
  } | null;
  readMs: number;
}

const WINDOW: [number, number][] = [
  [0.2, 0.25],
  [0.35, 0.25],
  [0.35, 0.4],
  [0.2, 0.4],
];

async function appWithCameras(open: Parameters<typeof createTestApp>[0]): Promise<TestApp> {
  const t = await createTestApp(open);
  const secrets = t.config.secrets.directory;
  mkdirSync(secrets, { recursive: true });
  const secretFile = path.join(secrets, 'sim-onvif');
  writeFileSync(secretFile, `${CREDS.username}:${CREDS.password}\n`);
  const camera = (id: string, sim: string, onvifAddress: string | null) =>
    t.services.cameras.create({
      id,
      name: id,
      streams: { main: env.sim.url(sim) },
      location: { latitude: 44.1, longitude: 9.82 },
      credentialsRef: `file:${secretFile}`,
      ...(onvifAddress === null
        ? {}
        : { onvif: { address: onvifAddress, profiles: { main: 'main', sub: 'sub' } } }),
    });
  await camera('house', 'cam-001', env.onvif.deviceUrl('cam-001'));
  await camera('dome', 'cam-003', env.onvif.deviceUrl('cam-003'));
  await camera('plain', 'cam-002', null);
  await camera('gone', 'cam-002', 'http://127.0.0.1:1/onvif/device_service');
  return t;
}

async function report(t: TestApp, cookie: string, id: string): Promise<Report> {
  const res = await t.request('GET', `/api/cameras/${id}/onvif/masks`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Report;
}

describe('camera-side masks API', () => {
  forEachDatabase((_name, open) => {
    it('reads the camera’s masks and compares them with Vedetta’s', async () => {
      const t = await appWithCameras(open);
      const admin = await t.userCookie('administrator');

      const none = await report(t, admin, 'house');
      expect(none.verdict).toBe('camera_hides_more');
      expect(none.cameraMasks.map((m) => [m.token, m.type, m.enabled])).toEqual([
        ['mask-1', 'Color', true],
      ]);
      expect(
        none.cameraMasks[0]?.points.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))]),
      ).toEqual(WINDOW);
      expect(none.comparison?.camera).toEqual([
        {
          token: 'mask-1',
          areaShare: expect.any(Number) as number,
          extraShare: 1,
          hidesMore: true,
        },
      ]);
      expect(none.readMs).toBe(t.clock.nowMs());

      const put = async (masks: { label: string; points: [number, number][] }[]) => {
        const res = await t.request('PUT', '/api/cameras/house/masks', {
          cookie: admin,
          body: { masks },
        });
        expect(res.status, await res.clone().text()).toBe(200);
      };
      await put([{ label: 'Finestra', points: WINDOW }]);
      const same = await report(t, admin, 'house');
      expect(same.verdict).toBe('match');
      expect(same.comparison?.vedetta).toMatchObject([
        { label: 'Finestra', coveredShare: 1, covered: true },
      ]);

      await put([
        { label: 'Finestra', points: WINDOW },
        {
          label: 'Porta',
          points: [
            [0.6, 0.5],
            [0.7, 0.5],
            [0.7, 0.9],
          ],
        },
      ]);
      const less = await report(t, admin, 'house');
      expect(less.verdict).toBe('camera_hides_less');
      expect(less.comparison?.uncoveredCount).toBe(1);
      expect(less.comparison?.vedetta.map((v) => v.covered)).toEqual([true, false]);

      const dome = await report(t, admin, 'dome');
      expect(dome).toMatchObject({
        verdict: 'not_supported',
        unsupportedReason: 'not_supported',
        cameraMasks: [],
        comparison: null,
      });
    });

    it('404 for a camera without ONVIF, 502 for one that cannot be reached, 403 without camera.manage', async () => {
      const t = await appWithCameras(open);
      const admin = await t.userCookie('administrator');
      const operator = await t.userCookie('operator');

      const plain = await t.request('GET', '/api/cameras/plain/onvif/masks', { cookie: admin });
      expect(plain.status).toBe(404);
      expect(await plain.json()).toMatchObject({
        error: { kind: 'not_found', details: { key: 'privacy.cameraMasks.notOnvif' } },
      });

      const gone = await t.request('GET', '/api/cameras/gone/onvif/masks', { cookie: admin });
      expect(gone.status).toBe(502);
      expect(await gone.json()).toMatchObject({
        error: {
          kind: 'unavailable',
          details: { key: 'privacy.cameraMasks.unreachable', reason: 'unreachable' },
        },
      });

      const unknown = await t.request('GET', '/api/cameras/nowhere/onvif/masks', { cookie: admin });
      expect(unknown.status).toBe(404);

      for (const id of ['house', 'nowhere']) {
        const denied = await t.request('GET', `/api/cameras/${id}/onvif/masks`, {
          cookie: operator,
        });
        expect(denied.status, id).toBe(403);
      }
      const anonymous = await t.request('GET', '/api/cameras/house/onvif/masks');
      expect(anonymous.status).toBe(401);
    });
  });
});
