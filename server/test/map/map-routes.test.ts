/**
 * The map API over a real socket: the PMTiles basemap is served with HTTP range requests (206
 * with Content-Range, 416 outside the file, 200 for the whole file) only to signed-in users who
 * may read the camera registry; `GET /api/map` gives the basemap's route and the overlays'
 * corners; `GET /api/map/cameras` gives every visible camera's state in one answer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { forEachDatabase } from '../support/databases.ts';
import { buildPmtiles, colouredPyramid, solidPng } from '../support/pmtiles.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface MapBody {
  basemap: { kind: string; url?: string; attribution?: string; maxZoom?: number };
  center: unknown;
  overlays: { name: string; url: string; corners: Record<string, { lat: number; lon: number }> }[];
}
interface CamerasBody {
  cameras: { id: string; state: string; recording: boolean | null; masked: boolean }[];
}

function mapFiles(): { archive: Buffer; pmtiles: string; plan: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-map-'));
  const archive = buildPmtiles(colouredPyramid(0, 2, 16));
  const pmtiles = join(dir, 'citta.pmtiles');
  writeFileSync(pmtiles, archive);
  const plan = join(dir, 'piazza.png');
  writeFileSync(plan, solidPng([200, 30, 30], 40));
  return { archive, pmtiles, plan };
}

async function seedCameras(t: TestApp, admin: string): Promise<void> {
  for (const [id, enabled] of [
    ['cam-001', true],
    ['cam-002', false],
  ] as const) {
    const res = await t.request('POST', '/api/cameras', {
      cookie: admin,
      body: {
        id,
        name: `Telecamera ${id}`,
        enabled,
        streams: { main: `rtsp://10.0.0.7:554/${id}` },
        location: { latitude: 44.1, longitude: 9.82, address: 'Via del Prione 1' },
      },
    });
    expect(res.status).toBe(201);
  }
  const masks = await t.request('PUT', '/api/cameras/cam-002/masks', {
    cookie: admin,
    body: {
      masks: [
        {
          label: 'Finestre',
          points: [
            [0.1, 0.1],
            [0.3, 0.1],
            [0.3, 0.3],
          ],
        },
      ],
    },
  });
  expect(masks.status).toBe(200);
}

describe('map API', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  forEachDatabase((_name, open) => {
    it('serves the PMTiles archive by ranges to registry readers only', async () => {
      const files = mapFiles();
      const t = await createTestApp(open, {
        config: {
          map: {
            basemap: { kind: 'pmtiles', file: files.pmtiles, attribution: 'Comune', maxZoom: 2 },
            overlays: [
              {
                name: 'Piazza',
                image: files.plan,
                points: [
                  { pixel: [0, 0], lat: 44.11, lon: 9.82 },
                  { pixel: [40, 40], lat: 44.1, lon: 9.83 },
                ],
              },
            ],
          },
        },
      });
      const operator = await t.userCookie('operator');
      server = await startServer({ app: t.app, host: '127.0.0.1', port: 0 });
      const base = server.url.replace(/\/$/, '');
      const get = (path: string, headers: Record<string, string> = {}) =>
        fetch(`${base}${path}`, { headers });

      // Signed out: 401.
      expect((await get('/api/map/basemap.pmtiles')).status).toBe(401);
      expect((await get('/api/map')).status).toBe(401);

      const settings = await get('/api/map', { cookie: operator });
      expect(settings.status).toBe(200);
      const body = (await settings.json()) as MapBody;
      expect(body.basemap).toEqual({
        kind: 'pmtiles',
        url: '/api/map/basemap.pmtiles',
        attribution: 'Comune',
        maxZoom: 2,
      });
      expect(body.overlays[0]?.url).toBe('/api/map/overlays/0');
      expect(body.overlays[0]?.corners['bottomRight']).toEqual({
        lat: expect.closeTo(44.1, 9) as number,
        lon: expect.closeTo(9.83, 9) as number,
      });

      // The header range a PMTiles reader asks first.
      const head = await get('/api/map/basemap.pmtiles', {
        cookie: operator,
        range: 'bytes=0-126',
      });
      expect(head.status).toBe(206);
      expect(head.headers.get('accept-ranges')).toBe('bytes');
      expect(head.headers.get('content-range')).toBe(`bytes 0-126/${files.archive.length}`);
      const bytes = Buffer.from(await head.arrayBuffer());
      expect(bytes.equals(files.archive.subarray(0, 127))).toBe(true);
      expect(bytes.subarray(0, 7).toString('latin1')).toBe('PMTiles');

      const tail = await get('/api/map/basemap.pmtiles', { cookie: operator, range: 'bytes=-10' });
      expect(tail.status).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer()).equals(files.archive.subarray(-10))).toBe(true);

      const outside = await get('/api/map/basemap.pmtiles', {
        cookie: operator,
        range: `bytes=${files.archive.length}-`,
      });
      expect(outside.status).toBe(416);
      expect(outside.headers.get('content-range')).toBe(`bytes */${files.archive.length}`);

      const whole = await get('/api/map/basemap.pmtiles', { cookie: operator });
      expect(whole.status).toBe(200);
      expect(Buffer.from(await whole.arrayBuffer()).equals(files.archive)).toBe(true);

      const image = await get('/api/map/overlays/0', { cookie: operator });
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect((await get('/api/map/overlays/1', { cookie: operator })).status).toBe(404);
    });

    it('has no basemap by default, and tells every camera state in one answer', async () => {
      const t = await createTestApp(open);
      const admin = await t.userCookie('administrator');
      await seedCameras(t, admin);
      const settings = (await (
        await t.request('GET', '/api/map', { cookie: admin })
      ).json()) as MapBody;
      expect(settings).toEqual({ basemap: { kind: 'none' }, center: null, overlays: [] });
      expect((await t.request('GET', '/api/map/basemap.pmtiles', { cookie: admin })).status).toBe(
        404,
      );

      // The register states cam-001's field of view (migration 0016); a bad one is refused.
      const fov = { directionDeg: 135, angleDeg: 70, rangeM: 60 };
      const patched = await t.request('PATCH', '/api/register/cam-001', {
        cookie: admin,
        body: { fieldOfView: fov },
      });
      expect(patched.status).toBe(200);
      expect(((await patched.json()) as { fieldOfView: unknown }).fieldOfView).toEqual(fov);
      const bad = await t.request('PATCH', '/api/register/cam-002', {
        cookie: admin,
        body: { fieldOfView: { directionDeg: 360, angleDeg: 70, rangeM: 60 } },
      });
      expect(bad.status).toBe(400);

      const res = await t.request('GET', '/api/map/cameras', { cookie: admin });
      expect(res.status).toBe(200);
      const { cameras } = (await res.json()) as CamerasBody;
      expect(cameras).toEqual([
        expect.objectContaining({
          id: 'cam-001',
          state: 'offline',
          recording: false,
          masked: false,
          ptz: false,
          fieldOfView: fov,
        }),
        expect.objectContaining({
          id: 'cam-002',
          state: 'disabled',
          recording: false,
          masked: true,
          fieldOfView: null,
        }),
      ]);
      // The auditor reads the registry but may not watch: positions and masks, not the state.
      const auditor = await t.userCookie('auditor');
      const seen = (await (
        await t.request('GET', '/api/map/cameras', { cookie: auditor })
      ).json()) as CamerasBody;
      expect(seen.cameras.map((c) => [c.id, c.state, c.recording])).toEqual([
        ['cam-001', 'unknown', null],
        ['cam-002', 'unknown', null],
      ]);
    });
  });
});
