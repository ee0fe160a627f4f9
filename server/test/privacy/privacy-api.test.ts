/**
 * The privacy, hold and retention HTTP API, in-process on SQLite and PostgreSQL: the public
 * routes answer without a session and reveal only the register's public fields; holds, masks,
 * the register and the compliance report need their permissions.
 */
import { describe, expect, it } from 'vitest';
import { insertSegment } from '../../src/recording/segment-store.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** The keys a public camera may have, and nothing else. */
const PUBLIC_CAMERA_KEYS = [
  'address',
  'district',
  'id',
  'latitude',
  'legalBasis',
  'longitude',
  'name',
  'purpose',
  'retentionDays',
  'signage',
];

async function seed(t: TestApp): Promise<void> {
  const cams = [
    { id: 'cam-001', name: 'Piazza Verdi', purpose: 'urban_security' },
    { id: 'cam-002', name: 'Via Chiodo', purpose: 'traffic' },
    { id: 'cam-003', name: 'Isola ecologica', purpose: 'waste', enabled: false },
  ];
  for (const c of cams) {
    await t.services.cameras.create({
      ...c,
      streams: { main: `rtsp://10.0.0.7:554/${c.id}`, sub: 'rtsp://10.0.0.7:554/sub' },
      credentialsRef: 'env:CAM_SECRET',
      location: {
        latitude: 44.1,
        longitude: 9.82,
        address: 'Via del Prione 1',
        district: 'Centro',
      },
      signage: { status: 'placed', placedOn: '2025-05-01' },
      retentionDays: 7,
      retentionJustification: 'Piazza con episodi ripetuti di spaccio',
      tags: ['riservato-interno'],
      ...(c.purpose === 'traffic' ? { retentionDays: 2, retentionJustification: null } : {}),
    });
  }
}

/** Every key path in a JSON value, e.g. `cameras[].signage.status`. */
function keyPaths(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => keyPaths(x, `${prefix}[]`));
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => [
      `${prefix}.${k}`,
      ...keyPaths(x, `${prefix}.${k}`),
    ]);
  }
  return [];
}

describe('privacy API', () => {
  forEachDatabase((_name, open) => {
    it('answers the public page without a session, with public fields only', async () => {
      const t = await createTestApp(open, {
        config: {
          privacy: { controller: { name: 'Comune di La Spezia', email: 'privacy@comune.sp.it' } },
        },
      });
      await seed(t);
      const res = await t.request('GET', '/api/public/cameras');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { cameras: Record<string, unknown>[] };
      expect(body.cameras.map((c) => c['id'])).toEqual(['cam-001', 'cam-002']); // cam-003 disabled
      for (const cam of body.cameras) {
        expect(Object.keys(cam).sort()).toEqual(PUBLIC_CAMERA_KEYS);
        expect(Object.keys(cam['signage'] as object).sort()).toEqual(['placedOn', 'status']);
      }
      const text = JSON.stringify(body);
      for (const secret of [
        'rtsp',
        '10.0.0.7',
        'CAM_SECRET',
        'riservato',
        'spaccio',
        'groupIds',
        'tags',
        'enabled',
      ]) {
        expect(text, `public cameras reveal ${secret}`).not.toContain(secret);
      }

      const notice = await t.request('GET', '/api/public/notice');
      expect(notice.status).toBe(200);
      const n = (await notice.json()) as Record<string, unknown>;
      expect(n['controller']).toMatchObject({
        name: 'Comune di La Spezia',
        email: 'privacy@comune.sp.it',
      });
      expect(n['purposes']).toEqual([
        expect.objectContaining({
          purpose: 'urban_security',
          maxRetentionDays: 7,
          legalMaxRetentionDays: 7,
          cameras: 1,
        }),
        expect.objectContaining({ purpose: 'traffic', maxRetentionDays: 2, cameras: 1 }),
      ]);
      expect(keyPaths(n).filter((k) => /url|stream|credential|tag|justification/i.test(k))).toEqual(
        ['.authority.url', '.map.tileUrl'],
      );
      expect(JSON.stringify(n)).not.toContain('spaccio');
      // The export signing key's fingerprint, for recipients to pin (as `vedetta keys show`).
      expect(n['signingKeyFingerprint']).toBe(t.services.audit.key.fingerprint);
      expect(n['signingKeyFingerprint']).toMatch(/^[0-9a-f]{64}$/);
    });

    it('places and releases holds, shows held ranges, and refuses operators', async () => {
      const t = await createTestApp(open);
      await seed(t);
      const sup = await t.userCookie('supervisor');
      const op = await t.userCookie('operator');
      const now = t.clock.nowMs();
      // A hold covers recorded footage only: cam-001 has been recording for the last hour.
      await insertSegment(
        t.db,
        {
          cameraId: 'cam-001',
          stream: 'main',
          path: 'cam-001/main/held.mp4',
          startMs: now - 3_600_000,
          codec: 'h264',
          codecString: 'avc1.640028',
          width: 1920,
          height: 1080,
          initSha256: 'a'.repeat(64),
        },
        {
          endMs: now,
          duration90k: 3_600_000 * 90,
          sizeBytes: 1000,
          frameCount: 25,
          keyFrames: new Uint8Array(),
          fragments: new Uint8Array(),
        },
        now,
      );
      const hold = {
        cameraIds: ['cam-001'],
        fromMs: now - 3_600_000,
        toMs: now - 1_800_000,
        authority: 'Procura di La Spezia',
        reference: 'RGNR 1/2026',
        description: 'Rissa',
        untilReleasedReason: 'fino a revoca del PM',
      };
      expect((await t.request('POST', '/api/holds', { body: hold, cookie: op })).status).toBe(403);
      const bad = await t.request('POST', '/api/holds', {
        body: { ...hold, toMs: hold.fromMs },
        cookie: sup,
      });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('toMs: must be after fromMs');
      const unbounded = await t.request('POST', '/api/holds', {
        body: { ...hold, fromMs: 0, toMs: 8_640_000_000_000_000, untilReleasedReason: undefined },
        cookie: sup,
      });
      expect(unbounded.status).toBe(400);
      const why = await unbounded.text();
      expect(why).toContain('toMs: the range must not exceed 31 days');
      expect(why).toContain('untilReleasedReason: needed when expiresMs is null');
      const placed = await t.request('POST', '/api/holds', { body: hold, cookie: sup });
      expect(placed.status).toBe(201);
      const h = (await placed.json()) as { id: string; status: string };
      expect(h.status).toBe('active');

      const from = new Date(now - 7_200_000).toISOString();
      const to = new Date(now).toISOString();
      const ranges = await t.request(
        'GET',
        `/api/cameras/cam-001/held-ranges?from=${from}&to=${to}`,
        { cookie: op },
      );
      expect(ranges.status).toBe(200);
      expect(await ranges.json()).toEqual({
        cameraId: 'cam-001',
        ranges: [{ fromMs: hold.fromMs, toMs: hold.toMs, holdIds: [h.id] }],
      });
      const unknown = `/api/cameras/cam-999/held-ranges?from=${from}&to=${to}`;
      expect((await t.request('GET', unknown, { cookie: op })).status).toBe(404);

      expect((await t.request('GET', '/api/holds', { cookie: op })).status).toBe(403);
      const list = (await (await t.request('GET', '/api/holds', { cookie: sup })).json()) as {
        holds: unknown[];
      };
      expect(list.holds).toHaveLength(1);
      const rel = await t.request('POST', `/api/holds/${h.id}/release`, {
        body: { reason: 'archiviato' },
        cookie: sup,
      });
      expect(rel.status).toBe(200);
      expect(((await rel.json()) as { status: string }).status).toBe('released');
      const again = await t.request('POST', `/api/holds/${h.id}/release`, {
        body: { reason: 'x' },
        cookie: sup,
      });
      expect(again.status).toBe(409);
    });

    it('serves masks to viewers, lets only mask.lift lift them, and reports to the DPO', async () => {
      const t = await createTestApp(open);
      await seed(t);
      const admin = await t.userCookie('administrator');
      const op = await t.userCookie('operator');
      const sup = await t.userCookie('supervisor');
      const auditor = await t.userCookie('auditor');
      const masks = {
        masks: [
          {
            label: 'Finestre',
            points: [
              [0.1, 0.1],
              [0.3, 0.1],
              [0.3, 0.4],
            ],
          },
        ],
      };
      expect(
        (await t.request('PUT', '/api/cameras/cam-001/masks', { body: masks, cookie: op })).status,
      ).toBe(403);
      expect(
        (await t.request('PUT', '/api/cameras/cam-001/masks', { body: masks, cookie: admin }))
          .status,
      ).toBe(200);
      expect((await t.request('GET', '/api/cameras/cam-999/masks', { cookie: op })).status).toBe(
        404,
      );
      const view = await t.request('GET', '/api/cameras/cam-001/masks', { cookie: op });
      expect(await view.json()).toMatchObject({
        draw: true,
        lift: null,
        masks: [{ label: 'Finestre' }],
      });
      expect(
        (
          await t.request('POST', '/api/cameras/cam-001/mask-lift', {
            body: { reason: 'x' },
            cookie: op,
          })
        ).status,
      ).toBe(403);
      const lift = await t.request('POST', '/api/cameras/cam-001/mask-lift', {
        body: { reason: 'RGNR 5/2026' },
        cookie: sup,
      });
      expect(lift.status).toBe(201);
      expect(
        await (await t.request('GET', '/api/cameras/cam-001/masks', { cookie: sup })).json(),
      ).toMatchObject({ draw: false });
      expect(
        await (await t.request('GET', '/api/cameras/cam-001/masks', { cookie: op })).json(),
      ).toMatchObject({ draw: true });

      const patched = await t.request('PATCH', '/api/register/cam-001', {
        body: {
          legalBasis: 'Regolamento comunale videosorveglianza, art. 4',
          signagePhotoRef: 'prot. 88/2025 foto 3',
        },
        cookie: admin,
      });
      expect(patched.status).toBe(200);
      expect((await t.request('GET', '/api/register', { cookie: op })).status).toBe(403);

      const agency = await t.request('POST', '/api/agencies', {
        body: { id: 'carabinieri', name: 'Carabinieri - Comando Provinciale' },
        cookie: admin,
      });
      expect(agency.status).toBe(201);
      const agreement = await t.request('POST', '/api/agreements', {
        body: {
          granteeAgencyId: 'carabinieri',
          title: 'Videosorveglianza integrata',
          legalInstrument: 'Protocollo d’intesa prot. 1234/2025',
          legalInstrumentDate: '2025-06-01',
          validFromMs: t.clock.nowMs() - 1000,
          permissions: ['live.view', 'playback.view'],
          cameraIds: ['cam-001'],
        },
        cookie: admin,
      });
      expect(agreement.status).toBe(201);

      expect((await t.request('GET', '/api/compliance/report', { cookie: op })).status).toBe(403);
      const report = await t.request('GET', '/api/compliance/report', { cookie: auditor });
      expect(report.status).toBe(200);
      const r = (await report.json()) as Record<string, unknown>;
      expect(r['retentionExceptions']).toEqual([
        expect.objectContaining({
          cameraId: 'cam-001',
          retentionDays: 7,
          retentionJustification: 'Piazza con episodi ripetuti di spaccio',
        }),
        expect.objectContaining({ cameraId: 'cam-003' }),
      ]);
      expect(r['camerasWithoutSignage']).toEqual([]);
      expect(r).toHaveProperty('deletionRuns');
      expect(r['agreementsInForce']).toEqual([
        expect.objectContaining({
          granteeAgencyId: 'carabinieri',
          granteeName: 'Carabinieri - Comando Provinciale',
          legalInstrument: 'Protocollo d’intesa prot. 1234/2025',
          permissions: ['live.view', 'playback.view'],
          cameraIds: ['cam-001'],
        }),
      ]);
      expect(r['registerIncomplete']).toEqual(
        expect.arrayContaining([
          {
            cameraId: 'cam-002',
            name: 'Via Chiodo',
            missing: ['legalBasis', 'signagePhotoRef', 'fieldOfViewNotes'],
          },
        ]),
      );
      expect(r).toHaveProperty('activeHolds');
    });
  });
});
