/**
 * A live still (`GET /api/cameras/{id}/still/live`) leaves the screen, so it is an extraction: it
 * is refused without a reason (400 naming `reason`), and the reason and case reference given are
 * recorded in its `still.create` audit entry. (The camera is not streaming: the still itself is
 * answered 503 after the access is checked and audited.)
 */
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

async function seed(t: TestApp): Promise<void> {
  await t.services.cameras.create({
    id: 'cam-001',
    name: 'Piazza Verdi',
    purpose: 'urban_security',
    streams: { main: 'rtsp://10.0.0.7:554/cam-001', sub: 'rtsp://10.0.0.7:554/sub' },
    credentialsRef: 'env:CAM_SECRET',
    location: { latitude: 44.1, longitude: 9.82, address: 'Via del Prione 1', district: 'Centro' },
    signage: { status: 'placed', placedOn: '2025-05-01' },
    retentionDays: 7,
    retentionJustification: 'Piazza con episodi ripetuti di spaccio',
  });
}

describe('live still reason', () => {
  forEachDatabase((_name, open) => {
    it('refuses a live still without a reason and records the reason given', async () => {
      const t = await createTestApp(open);
      await seed(t);
      const operator = await t.userCookie('operator');

      for (const query of ['format=jpeg', 'format=jpeg&reason=', 'format=jpeg&reason=%20%20']) {
        const res = await t.request('GET', `/api/cameras/cam-001/still/live?${query}`, {
          cookie: operator,
        });
        expect(res.status, query).toBe(400);
        const body = (await res.json()) as { error: { kind: string; message: string } };
        expect(body.error.kind).toBe('invalid_argument');
        expect(body.error.message).toContain('reason');
      }
      const none = await t.services.audit.query({ action: 'still.create', outcome: 'granted' });
      expect(none.entries).toEqual([]);

      const res = await t.request(
        'GET',
        '/api/cameras/cam-001/still/live?format=jpeg&reason=Editor%20maschere%20privacy&caseReference=RG%2012%2F2026',
        { cookie: operator },
      );
      expect(res.status).toBe(503); // not streaming; the access was checked and audited first
      const granted = await t.services.audit.query({ action: 'still.create', outcome: 'granted' });
      expect(granted.entries).toHaveLength(1);
      expect(granted.entries[0]).toMatchObject({
        cameraId: 'cam-001',
        reason: 'Editor maschere privacy',
        caseReference: 'RG 12/2026',
      });
      expect(JSON.parse(String(granted.entries[0]?.details))).toEqual({
        source: 'live',
        format: 'jpeg',
      });
    });
  });
});
