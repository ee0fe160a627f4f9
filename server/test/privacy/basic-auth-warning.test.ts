/**
 * A camera allowed to send Basic credentials over plain rtsp:// (its password in clear on the
 * network) carries a warning in the camera register, and the DPO's compliance report lists it;
 * the public page says nothing about it.
 */
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp } from '../support/test-app.ts';

describe('Basic over plain RTSP in the register and the compliance report', () => {
  forEachDatabase((_name, open) => {
    it('warns in the register entry and lists the camera in the report', async () => {
      const t = await createTestApp(open);
      const admin = await t.userCookie('administrator');
      const auditor = await t.userCookie('auditor');
      for (const [id, allow] of [
        ['cam-001', true],
        ['cam-002', false],
      ] as const) {
        const res = await t.request('POST', '/api/cameras', {
          cookie: admin,
          body: {
            id,
            name: `Telecamera ${id}`,
            streams: { main: `rtsp://10.0.0.5/${id}` },
            location: { latitude: 44.1, longitude: 9.82, address: `Via ${id}` },
            allowBasicOverPlainRtsp: allow,
          },
        });
        expect(res.status).toBe(201);
      }
      const register = await t.request('GET', '/api/register', { cookie: auditor });
      expect(register.status).toBe(200);
      const { entries } = (await register.json()) as {
        entries: { cameraId: string; basicOverPlainRtspAllowed: boolean }[];
      };
      expect(entries.map((e) => [e.cameraId, e.basicOverPlainRtspAllowed])).toEqual([
        ['cam-001', true],
        ['cam-002', false],
      ]);

      const report = await t.request('GET', '/api/compliance/report', { cookie: auditor });
      expect(report.status).toBe(200);
      const r = (await report.json()) as Record<string, unknown>;
      expect(r['basicOverPlainRtsp']).toEqual([
        {
          cameraId: 'cam-001',
          name: 'Telecamera cam-001',
          location: { latitude: 44.1, longitude: 9.82, address: 'Via cam-001', district: '' },
        },
      ]);

      await t.request('PATCH', '/api/cameras/cam-001', {
        cookie: admin,
        body: { allowBasicOverPlainRtsp: false },
      });
      const after = await t.request('GET', '/api/compliance/report', { cookie: auditor });
      expect(((await after.json()) as Record<string, unknown>)['basicOverPlainRtsp']).toEqual([]);

      const pub = await t.request('GET', '/api/public/cameras');
      expect(JSON.stringify(await pub.json())).not.toMatch(/basic/i);
    });
  });
});
