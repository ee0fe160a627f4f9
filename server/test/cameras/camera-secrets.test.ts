/**
 * What the camera registry gives away and lets in: a `file:` credentials reference must resolve
 * (symbolic links followed) inside the secrets directory, or the API refuses it naming the key;
 * stream URLs and `credentialsRef` go only to those who may manage the camera (not to operators,
 * auditors or a partner agency's users); `allowBasicOverPlainRtsp` is stored as sent.
 */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { agree, CC, createCity } from '../access/fixture.ts';

interface ErrorJson {
  error: { kind: string; message: string; details?: { issues?: { path: string }[] } };
}

const camera = (id: string, credentialsRef: string | null) => ({
  id,
  name: `Telecamera ${id}`,
  streams: { main: `rtsp://10.0.0.9/${id}`, sub: `rtsp://10.0.0.9/${id}/sub` },
  credentialsRef,
  location: { latitude: 44.1, longitude: 9.82 },
});

/** A storage folder with `secrets/cam-001` inside and a link `secrets/passwd` to /etc/passwd. */
function storage(): { path: string; secrets: string; outside: string } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), 'vedetta-secrets-')));
  const secrets = join(path, 'secrets');
  mkdirSync(secrets);
  writeFileSync(join(secrets, 'cam-001'), 'admin:inside-pw\n');
  const outside = join(path, 'outside');
  writeFileSync(outside, 'admin:outside-pw\n');
  symlinkSync('/etc/passwd', join(secrets, 'passwd'));
  symlinkSync(outside, join(secrets, 'link-out'));
  mkdirSync(join(path, 'elsewhere'));
  symlinkSync(join(path, 'elsewhere'), join(secrets, 'dir-out'));
  return { path, secrets, outside };
}

async function expectRefused(res: Response, dir: string): Promise<void> {
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as ErrorJson;
  expect(error.kind).toBe('invalid_argument');
  expect(error.message).toBe(`credentialsRef: file references must be inside ${dir}`);
  expect(error.details?.issues?.map((i) => i.path)).toEqual(['credentialsRef']);
}

describe('camera credentials references', () => {
  forEachDatabase((_name, open) => {
    it('refuses file: references outside the secrets directory, links followed', async () => {
      const s = storage();
      const t = await createTestApp(open, { config: { storage: { path: s.path } } });
      expect(t.config.secrets.directory).toBe(s.secrets);
      const admin = await t.userCookie('administrator');
      const post = (id: string, ref: string) =>
        t.request('POST', '/api/cameras', { cookie: admin, body: camera(id, ref) });

      await expectRefused(await post('cam-a', 'file:/etc/passwd'), s.secrets);
      await expectRefused(await post('cam-b', `file:${s.secrets}/passwd`), s.secrets);
      await expectRefused(await post('cam-c', `file:${s.secrets}/link-out`), s.secrets);
      await expectRefused(await post('cam-d', `file:${s.secrets}/../outside`), s.secrets);
      await expectRefused(await post('cam-e', `file:${s.secrets}/dir-out/x`), s.secrets);
      await expectRefused(await post('cam-f', `file:${s.secrets}`), s.secrets);
      expect(
        (await t.request('GET', '/api/cameras', { cookie: admin }).then((r) => r.json())) as object,
      ).toEqual({
        cameras: [],
      });

      const ok = await post('cam-001', `file:${s.secrets}/cam-001`);
      expect(ok.status).toBe(201);
      expect(((await ok.json()) as { credentialsRef: string }).credentialsRef).toBe(
        `file:${s.secrets}/cam-001`,
      );
      // A file that is not there yet is judged by where it would be; it is checked again when read.
      expect((await post('cam-002', `file:${s.secrets}/later/cam-002`)).status).toBe(201);
      expect((await post('cam-003', 'env:CAM_003_CREDENTIALS')).status).toBe(201);

      await expectRefused(
        await t.request('PATCH', '/api/cameras/cam-001', {
          cookie: admin,
          body: { credentialsRef: 'file:/etc/passwd' },
        }),
        s.secrets,
      );
      const { id: _id, ...body } = camera('cam-001', `file:${s.secrets}/passwd`);
      await expectRefused(
        await t.request('PUT', '/api/cameras/cam-001', { cookie: admin, body }),
        s.secrets,
      );
      const still = await t.request('GET', '/api/cameras/cam-001', { cookie: admin });
      expect(((await still.json()) as { credentialsRef: string }).credentialsRef).toBe(
        `file:${s.secrets}/cam-001`,
      );
    });

    it('confines file: references to a configured secrets.directory', async () => {
      const s = storage();
      const other = realpathSync(mkdtempSync(join(tmpdir(), 'vedetta-other-secrets-')));
      writeFileSync(join(other, 'cam-001'), 'admin:pw\n');
      const t = await createTestApp(open, {
        config: { storage: { path: s.path }, secrets: { directory: other } },
      });
      const admin = await t.userCookie('administrator');
      const post = (ref: string) =>
        t.request('POST', '/api/cameras', { cookie: admin, body: camera('cam-001', ref) });
      await expectRefused(await post(`file:${s.secrets}/cam-001`), other);
      expect((await post(`file:${other}/cam-001`)).status).toBe(201);
    });

    it('stores allowBasicOverPlainRtsp, false unless sent', async () => {
      const t: TestApp = await createTestApp(open);
      const admin = await t.userCookie('administrator');
      const a = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: { ...camera('cam-001', null), allowBasicOverPlainRtsp: true },
      });
      expect(
        ((await a.json()) as { allowBasicOverPlainRtsp: boolean }).allowBasicOverPlainRtsp,
      ).toBe(true);
      const b = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: camera('cam-002', null),
      });
      expect(
        ((await b.json()) as { allowBasicOverPlainRtsp: boolean }).allowBasicOverPlainRtsp,
      ).toBe(false);
      const patched = await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: admin,
        body: { allowBasicOverPlainRtsp: false, name: 'Rinominata' },
      });
      expect(await patched.json()).toMatchObject({ allowBasicOverPlainRtsp: false });
      const bad = await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: admin,
        body: { allowBasicOverPlainRtsp: 'yes' },
      });
      expect(bad.status).toBe(400);
    });

    it('shows stream URLs and credentialsRef only to those who manage the camera', async () => {
      const city = await createCity(open);
      const { t, admin } = city;
      await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: admin,
        body: { credentialsRef: 'env:CAM_001_CREDENTIALS' },
      });
      await agree(city);
      const readers = {
        operator: await t.userCookie('operator'),
        auditor: await t.userCookie('auditor'),
        partner: await t.userCookie('operator', { agencyId: CC }),
      };
      for (const [who, cookie] of Object.entries(readers)) {
        const list = await t.request('GET', '/api/cameras', { cookie });
        expect(list.status, who).toBe(200);
        const { cameras } = (await list.json()) as { cameras: Record<string, unknown>[] };
        expect(cameras.length, who).toBeGreaterThan(0);
        for (const c of cameras) {
          expect(c, `${who} ${String(c['id'])}`).not.toHaveProperty('streams');
          expect(c, `${who} ${String(c['id'])}`).not.toHaveProperty('credentialsRef');
          expect(c['hasSubStream'], who).toBe(false);
          expect(c['name'], who).toMatch(/^Telecamera/);
        }
        expect(JSON.stringify(cameras)).not.toMatch(/rtsp:|CAM_001_CREDENTIALS/);
        const one = await t.request('GET', '/api/cameras/cam-001', { cookie });
        expect(one.status, who).toBe(200);
        const body = (await one.json()) as Record<string, unknown>;
        expect(body, who).not.toHaveProperty('streams');
        expect(body, who).not.toHaveProperty('credentialsRef');
        expect(body['id']).toBe('cam-001');
      }
      const full = (await t
        .request('GET', '/api/cameras/cam-001', { cookie: admin })
        .then((r) => r.json())) as Record<string, unknown>;
      expect(full['streams']).toEqual({ main: 'rtsp://10.0.0.1/live', sub: null });
      expect(full['credentialsRef']).toBe('env:CAM_001_CREDENTIALS');
      const all = (await t
        .request('GET', '/api/cameras', { cookie: admin })
        .then((r) => r.json())) as { cameras: Record<string, unknown>[] };
      for (const c of all.cameras) expect(c).toHaveProperty('streams');
    });
  });
});
