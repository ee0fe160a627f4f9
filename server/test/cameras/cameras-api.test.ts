import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const piazzaVerdi = {
  id: 'cam-001',
  name: 'Piazza Verdi - lato nord',
  streams: { main: 'rtsp://10.0.0.11:554/stream1', sub: 'rtsp://10.0.0.11:554/stream2' },
  credentialsRef: 'env:CAM_001_CREDENTIALS',
  codecHint: 'h264',
  location: { latitude: 44.1069, longitude: 9.8256, address: 'Piazza Verdi', district: 'Centro' },
  purpose: 'urban_security',
  signage: { status: 'placed', placedOn: '2025-03-01' },
  retentionDays: 7,
  retentionJustification: 'Area ad alta frequentazione notturna (delibera 12/2025)',
  enabled: true,
  tags: ['piazza'],
  groupIds: [] as string[],
};

interface ErrorJson {
  error: { kind: string; message: string; details?: { issues?: { path: string }[] } };
}

/** `piazzaVerdi` as stored and shown to an administrator. */
const piazzaVerdiStored = {
  ...piazzaVerdi,
  allowBasicOverPlainRtsp: false,
  hasSubStream: true,
  // Both streams recorded: the default where a sub-stream exists (migration 0012).
  recording: { streams: null },
  recordedStreams: ['main', 'sub'],
  // Not added from an ONVIF probe (migration 0017).
  onvif: null,
  device: null,
  // What an administrator may do on the camera (at least these; the list grows with the product).
  callerPermissions: expect.arrayContaining([
    'live.view',
    'playback.view',
    'hold.manage',
  ]) as unknown,
};
/** `piazzaVerdi` as shown to an operator: no stream URLs, no credentials; what an operator may do. */
const {
  streams: _streams,
  credentialsRef: _ref,
  recording: _recording,
  onvif: _onvif,
  ...piazzaVerdiBare
} = piazzaVerdiStored;
const piazzaVerdiPublic = {
  ...piazzaVerdiBare,
  callerPermissions: expect.arrayContaining([
    'live.view',
    'playback.view',
    'export.create',
  ]) as unknown,
};

async function errorOf(res: Response): Promise<ErrorJson['error']> {
  return ((await res.json()) as ErrorJson).error;
}

async function setup(t: TestApp) {
  return { admin: await t.userCookie('administrator'), operator: await t.userCookie('operator') };
}

describe('camera registry over HTTP', () => {
  forEachDatabase((_db, open) => {
    it('creates, reads, replaces, patches and deletes a camera with the exact JSON shape', async () => {
      const t = await createTestApp(open);
      const { admin, operator } = await setup(t);

      const created = await t.request('POST', '/api/cameras', { cookie: admin, body: piazzaVerdi });
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual(piazzaVerdiStored);

      const list = await t.request('GET', '/api/cameras', { cookie: operator });
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual({ cameras: [piazzaVerdiPublic] });
      const adminList = await t.request('GET', '/api/cameras', { cookie: admin });
      expect(await adminList.json()).toEqual({ cameras: [piazzaVerdiStored] });

      const { id: _id, ...body } = piazzaVerdi;
      const replaced = await t.request('PUT', '/api/cameras/cam-001', {
        cookie: admin,
        body: { ...body, name: 'Piazza Verdi', retentionDays: 3, retentionJustification: null },
      });
      expect(replaced.status).toBe(200);
      expect(await replaced.json()).toMatchObject({ name: 'Piazza Verdi', retentionDays: 3 });

      const patched = await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: admin,
        body: { location: { district: 'Centro storico' }, enabled: false, streams: { sub: null } },
      });
      expect(patched.status).toBe(200);
      const p = (await patched.json()) as typeof piazzaVerdi;
      expect(p.location).toEqual({ ...piazzaVerdi.location, district: 'Centro storico' });
      expect(p.streams).toEqual({ main: piazzaVerdi.streams.main, sub: null });
      expect(p.enabled).toBe(false);

      // Which streams are recorded: main alone, and back to the default with a sub-stream.
      const mainOnly = await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: admin,
        body: { recording: { streams: ['main'] } },
      });
      expect(await mainOnly.json()).toMatchObject({
        recording: { streams: ['main'] },
        recordedStreams: ['main'],
      });
      const withSub = await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: admin,
        body: { streams: { sub: piazzaVerdi.streams.sub }, recording: { streams: null } },
      });
      expect(await withSub.json()).toMatchObject({
        recording: { streams: null },
        recordedStreams: ['main', 'sub'],
      });

      expect((await t.request('DELETE', '/api/cameras/cam-001', { cookie: admin })).status).toBe(
        204,
      );
      const gone = await t.request('GET', '/api/cameras/cam-001', { cookie: admin });
      expect(gone.status).toBe(404);
      expect(await errorOf(gone)).toMatchObject({ kind: 'not_found' });
    });

    it('fills defaults, picks the next id, and keeps groups in step', async () => {
      const t = await createTestApp(open);
      const { admin } = await setup(t);
      const g = await t.request('POST', '/api/camera-groups', {
        cookie: admin,
        body: { name: 'Centro storico' },
      });
      expect(g.status).toBe(201);
      expect(await g.json()).toEqual({
        id: 'grp-centro-storico',
        name: 'Centro storico',
        description: '',
        cameraIds: [],
      });
      const minimal = {
        name: 'Via del Prione',
        streams: { main: 'rtsp://10.0.0.12/live' },
        location: { latitude: 44.1035, longitude: 9.8237 },
        groupIds: ['grp-centro-storico'],
      };
      const res = await t.request('POST', '/api/cameras', { cookie: admin, body: minimal });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({
        id: 'cam-001',
        name: 'Via del Prione',
        streams: { main: 'rtsp://10.0.0.12/live', sub: null },
        credentialsRef: null,
        allowBasicOverPlainRtsp: false,
        codecHint: null,
        location: { latitude: 44.1035, longitude: 9.8237, address: '', district: '' },
        purpose: 'urban_security',
        signage: { status: 'missing', placedOn: null },
        retentionDays: 3,
        retentionJustification: null,
        enabled: true,
        tags: [],
        groupIds: ['grp-centro-storico'],
        callerPermissions: expect.arrayContaining(['live.view']) as unknown,
        hasSubStream: false,
        recording: { streams: null },
        recordedStreams: ['main'],
        onvif: null,
        device: null,
      });
      const second = await t.request('POST', '/api/cameras', { cookie: admin, body: minimal });
      expect(((await second.json()) as { id: string }).id).toBe('cam-002');
      const group = await t.request('GET', '/api/camera-groups/grp-centro-storico', {
        cookie: admin,
      });
      expect(((await group.json()) as { cameraIds: string[] }).cameraIds).toEqual([
        'cam-001',
        'cam-002',
      ]);
      const dup = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: { ...minimal, id: 'cam-001' },
      });
      expect(dup.status).toBe(409);
      expect(
        (await t.request('DELETE', '/api/camera-groups/grp-centro-storico', { cookie: admin }))
          .status,
      ).toBe(204);
      const cam = await t.request('GET', '/api/cameras/cam-001', { cookie: admin });
      expect(((await cam.json()) as { groupIds: string[] }).groupIds).toEqual([]);
    });

    it('refuses bad input with a 400 naming each bad key', async () => {
      const t = await createTestApp(open);
      const { admin } = await setup(t);
      const cases: { body: unknown; path: string; message: RegExp }[] = [
        { body: { ...piazzaVerdi, name: undefined }, path: 'name', message: /required/ },
        { body: { ...piazzaVerdi, name: '   ' }, path: 'name', message: /empty/ },
        {
          body: { ...piazzaVerdi, location: { ...piazzaVerdi.location, latitude: 91 } },
          path: 'location.latitude',
          message: /at most 90/,
        },
        {
          body: { ...piazzaVerdi, location: { ...piazzaVerdi.location, longitude: 'east' } },
          path: 'location.longitude',
          message: /number/,
        },
        { body: { ...piazzaVerdi, colour: 'red' }, path: 'colour', message: /unknown key/ },
        {
          body: { ...piazzaVerdi, location: { ...piazzaVerdi.location, floor: 2 } },
          path: 'location.floor',
          message: /unknown key/,
        },
        {
          body: { ...piazzaVerdi, streams: { main: 'rtsp://admin:secret@10.0.0.11/s', sub: null } },
          path: 'streams.main',
          message: /credentials/,
        },
        {
          body: { ...piazzaVerdi, streams: { main: 'http://10.0.0.11/s', sub: null } },
          path: 'streams.main',
          message: /rtsp/,
        },
        {
          body: { ...piazzaVerdi, recording: { streams: ['sub'] } },
          path: 'recording.streams',
          message: /main/,
        },
        {
          body: {
            ...piazzaVerdi,
            streams: { main: piazzaVerdi.streams.main, sub: null },
            recording: { streams: ['main', 'sub'] },
          },
          path: 'recording.streams',
          message: /sub-stream/,
        },
        {
          body: { ...piazzaVerdi, retentionDays: 5, retentionJustification: null },
          path: 'retentionJustification',
          message: /over 3/,
        },
        {
          body: { ...piazzaVerdi, retentionDays: 10 },
          path: 'retentionDays',
          message: /at most 7/,
        },
        {
          body: { ...piazzaVerdi, credentialsRef: 'hunter2' },
          path: 'credentialsRef',
          message: /env:NAME/,
        },
        {
          body: { ...piazzaVerdi, signage: { status: 'planned', placedOn: '2025-02-30' } },
          path: 'signage.placedOn',
          message: /calendar date/,
        },
        { body: { ...piazzaVerdi, id: 'Cam 1' }, path: 'id', message: /slug/ },
      ];
      for (const c of cases) {
        const res = await t.request('POST', '/api/cameras', { cookie: admin, body: c.body });
        expect(res.status, JSON.stringify(c.body)).toBe(400);
        const err = await errorOf(res);
        expect(err.kind).toBe('invalid_argument');
        expect(err.message).toMatch(c.message);
        expect(err.details?.issues?.map((i) => i.path)).toContain(c.path);
      }
      const unknownGroup = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: { ...piazzaVerdi, groupIds: ['grp-nowhere'] },
      });
      expect(unknownGroup.status).toBe(400);
      expect((await errorOf(unknownGroup)).message).toMatch(/groupIds: unknown group grp-nowhere/);
      const patch = await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: admin,
        body: { nme: 'typo' },
      });
      expect(patch.status).toBe(400);
      const malformed = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: '{"name":',
      });
      expect(malformed.status).toBe(400);
      expect(await errorOf(malformed)).toMatchObject({ kind: 'invalid_argument' });
      const notJson = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: 'name=x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(notJson.status).toBe(400);
      expect((await errorOf(notJson)).message).toMatch(/JSON/);
      expect(
        await t.request('GET', '/api/cameras', { cookie: admin }).then((r) => r.json()),
      ).toEqual({
        cameras: [],
      });
    });

    it('refuses a huge body with 413 before reading it all', async () => {
      const t = await createTestApp(open);
      const { admin } = await setup(t);
      const huge = {
        ...piazzaVerdi,
        tags: Array.from({ length: 5000 }, (_, i) => `tag-${i}-${'x'.repeat(20)}`),
      };
      const res = await t.request('POST', '/api/cameras', { cookie: admin, body: huge });
      expect(res.status).toBe(413);
      const err = await errorOf(res);
      expect(err.kind).toBe('payload_too_large');
      expect(err.message).toMatch(/larger than 65536 bytes/);
    });

    it('lets operators read but not change the registry; a partner agency sees nothing yet', async () => {
      const t = await createTestApp(open);
      const { admin, operator } = await setup(t);
      expect(
        (await t.request('POST', '/api/cameras', { cookie: admin, body: piazzaVerdi })).status,
      ).toBe(201);
      const denied = await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: operator,
        body: { name: 'x' },
      });
      expect(denied.status).toBe(403);
      expect(await errorOf(denied)).toMatchObject({ kind: 'permission_denied' });
      expect((await t.request('DELETE', '/api/cameras/cam-001', { cookie: operator })).status).toBe(
        403,
      );
      await t.services.accounts.agencies.addPartner({ id: 'carabinieri', name: 'Carabinieri' });
      const partner = await t.userCookie('operator', { agencyId: 'carabinieri' });
      expect((await t.request('GET', '/api/cameras', { cookie: partner })).status).toBe(403);
      expect((await t.request('GET', '/api/cameras/cam-001', { cookie: partner })).status).toBe(
        403,
      );
      expect((await t.request('GET', '/api/cameras/cam-999', { cookie: partner })).status).toBe(
        403,
      );
    });
  });
});
