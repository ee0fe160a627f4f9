import { describe, expect, it } from 'vitest';
import {
  completeSegment,
  ensurePeriodOpen,
  insertSegment,
  openGap,
  closeGap,
} from '../../src/recording/segment-store.ts';
import { segmentRelativePath } from '../../src/recording/segment-path.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const at = (hhmm: string): number => Date.parse(`2026-03-01T${hhmm}:00Z`);
const REF = { cameraId: 'cam-001', stream: 'main' as const };

const camera = {
  id: 'cam-001',
  name: 'Piazza Verdi',
  streams: { main: 'rtsp://127.0.0.1:1/cam-001', sub: null },
  credentialsRef: null,
  codecHint: 'h264',
  location: { latitude: 44.1069, longitude: 9.8256, address: 'Piazza Verdi', district: 'Centro' },
  purpose: 'urban_security',
  signage: { status: 'placed', placedOn: '2025-03-01' },
  retentionDays: 3,
  retentionJustification: null,
  enabled: true,
  tags: [],
  groupIds: [],
};

async function segment(
  t: TestApp,
  from: string,
  to: string,
  stream: 'main' | 'sub' = 'main',
): Promise<number> {
  const startMs = at(from);
  const endMs = at(to);
  const progress = {
    endMs,
    duration90k: (endMs - startMs) * 90,
    sizeBytes: 1000,
    frameCount: ((endMs - startMs) / 1000) * 25,
    keyFrames: Uint8Array.of(1, 0),
    fragments: Uint8Array.of(1, 0),
  };
  const id = await insertSegment(
    t.db,
    {
      ...REF,
      stream,
      path: segmentRelativePath('cam-001', stream, startMs),
      startMs,
      codec: 'h264',
      codecString: 'avc1.42c00d',
      width: 320,
      height: 240,
      initSha256: 'b'.repeat(64),
    },
    progress,
    endMs,
  );
  await completeSegment(
    t.db,
    id,
    {
      ...progress,
      closedBy: 'writer',
      fragmentsSha256: 'c'.repeat(64),
      signature: 'c2lnbmF0dXJl',
      keyFingerprint: 'd'.repeat(64),
    },
    endMs,
  );
  return id;
}

/** 08:30 camera enabled; recorded 08:30-08:50 and 08:55-09:20; a stall between; offline since. */
async function recordedMorning(t: TestApp): Promise<void> {
  await t.services.cameras.create(camera);
  await ensurePeriodOpen(t.db, REF, at('08:30'));
  await segment(t, '08:30', '08:50');
  await openGap(t.db, REF, at('08:50'), 'stall', 'no video for 5 s');
  await closeGap(t.db, REF, at('08:55'));
  await segment(t, '08:55', '09:20');
  await openGap(t.db, REF, at('09:20'), 'offline', 'connection closed by the camera');
  t.clock.advance(30 * 60_000); // now 09:30
}

describe('recording API', () => {
  forEachDatabase((_db, open) => {
    it('reports status with completeness of this hour and today (local)', async () => {
      const t = await createTestApp(open);
      await recordedMorning(t);
      const operator = await t.userCookie('operator');
      const res = await t.request('GET', '/api/cameras/cam-001/status', { cookie: operator });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        cameraId: 'cam-001',
        live: null,
        recording: {
          state: 'not_recorded',
          lastError: null,
          openGap: {
            start: '2026-03-01T09:20:00.000Z',
            end: null,
            startMs: at('09:20'),
            endMs: null,
            cause: 'offline',
            message: 'connection closed by the camera',
          },
          clockDriftMs: 0,
          hour: {
            from: '2026-03-01T09:00:00.000Z',
            to: '2026-03-01T09:30:00.000Z',
            expectedSeconds: 1800,
            recordedSeconds: 1200,
            ratio: 0.6667,
          },
          day: {
            // Today in Rome (site.timeZone's default) began at 23:00 UTC.
            from: '2026-02-28T23:00:00.000Z',
            to: '2026-03-01T09:30:00.000Z',
            expectedSeconds: 3600,
            recordedSeconds: 2700,
            ratio: 0.75,
          },
          // No sub-stream: none recorded.
          sub: null,
        },
      });
    });

    it('reports the completeness of the sub-stream beside the main one', async () => {
      const t = await createTestApp(open);
      await t.services.cameras.create({
        ...camera,
        streams: { main: camera.streams.main, sub: 'rtsp://127.0.0.1:1/cam-001/sub' },
      });
      // Both expected from 09:00; the main stream recorded 20 minutes, the sub-stream 10.
      await ensurePeriodOpen(t.db, REF, at('09:00'));
      await ensurePeriodOpen(t.db, { ...REF, stream: 'sub' }, at('09:00'));
      await segment(t, '09:00', '09:20');
      await segment(t, '09:00', '09:10', 'sub');
      t.clock.advance(20 * 60_000); // now 09:20
      const operator = await t.userCookie('operator');
      const res = await t.request('GET', '/api/cameras/cam-001/status', { cookie: operator });
      const body = (await res.json()) as {
        recording: { hour: { ratio: number }; sub: { state: string; hour: { ratio: number } } };
      };
      expect(body.recording.hour.ratio).toBe(1);
      expect(body.recording.sub).toMatchObject({ state: 'not_recorded', hour: { ratio: 0.5 } });
    });

    it('lists the segments and gaps of a range', async () => {
      const t = await createTestApp(open);
      await recordedMorning(t);
      const operator = await t.userCookie('operator');
      const res = await t.request(
        'GET',
        '/api/cameras/cam-001/segments?from=2026-03-01T08:45:00Z&to=2026-03-01T10:00:00%2B01:00',
        { cookie: operator },
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        from: string;
        to: string;
        segments: {
          start: string;
          end: string;
          durationMs: number;
          state: string;
          sha256: string | null;
          fragmentsSha256: string | null;
        }[];
        gaps: { cause: string; end: string | null }[];
      };
      expect([body.from, body.to]).toEqual([
        '2026-03-01T08:45:00.000Z',
        '2026-03-01T09:00:00.000Z',
      ]);
      expect(body.segments.map((s) => [s.start, s.end, s.durationMs, s.state])).toEqual([
        ['2026-03-01T08:30:00.000Z', '2026-03-01T08:50:00.000Z', 1_200_000, 'complete'],
        ['2026-03-01T08:55:00.000Z', '2026-03-01T09:20:00.000Z', 1_500_000, 'complete'],
      ]);
      // Statement v2: the segment digest is the chain; no whole-file digest.
      expect(body.segments[0]).toMatchObject({ sha256: null, fragmentsSha256: 'c'.repeat(64) });
      expect(body.gaps.map((g) => [g.cause, g.end])).toEqual([
        ['stall', '2026-03-01T08:55:00.000Z'],
      ]);
    });

    it('refuses without the permission, and names what is wrong in a bad range', async () => {
      const t = await createTestApp(open);
      await recordedMorning(t);
      const auditor = await t.userCookie('auditor');
      const operator = await t.userCookie('operator');
      const range = 'from=2026-03-01T08:00:00Z&to=2026-03-01T09:00:00Z';
      for (const url of ['/api/cameras/cam-001/status', `/api/cameras/cam-001/segments?${range}`]) {
        expect((await t.request('GET', url, { cookie: auditor })).status, url).toBe(403);
      }
      const bad = async (query: string) => {
        const res = await t.request('GET', `/api/cameras/cam-001/segments?${query}`, {
          cookie: operator,
        });
        expect(res.status, query).toBe(400);
        return JSON.stringify(await res.json());
      };
      expect(await bad('from=2026-03-01T09:00:00Z&to=2026-03-01T08:00:00Z')).toMatch(
        /'to' must be after 'from'/,
      );
      expect(await bad('from=2026-03-01T00:00:00Z&to=2026-03-09T00:00:00Z')).toMatch(
        /at most 7 days/,
      );
      expect(await bad('from=yesterday&to=2026-03-09T00:00:00Z')).toMatch(/from/);
      const missing = await t.request('GET', '/api/cameras/cam-404/status', { cookie: operator });
      expect(missing.status).toBe(404);
    });

    it('serves /metrics to loopback clients and to the configured token only', async () => {
      process.env['VEDETTA_TEST_METRICS_TOKEN'] = 'scrape-me-please';
      const t = await createTestApp(open, {
        config: { metrics: { token: 'env:VEDETTA_TEST_METRICS_TOKEN' } },
      });
      const remote = { 'x-forwarded-for': '203.0.113.9' };
      expect((await t.request('GET', '/metrics', { headers: remote })).status).toBe(403);
      const wrong = { ...remote, authorization: 'Bearer not-the-token' };
      expect((await t.request('GET', '/metrics', { headers: wrong })).status).toBe(403);
      const withToken = { ...remote, authorization: 'Bearer scrape-me-please' };
      const ok = await t.request('GET', '/metrics', { headers: withToken });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
      const local = await t.request('GET', '/metrics', { headers: { 'x-forwarded-for': '::1' } });
      expect(local.status).toBe(200);
      const text = await local.text();
      expect(text).toContain('# TYPE vedetta_recording_segments_total counter');
      expect(text).toContain('# TYPE vedetta_camera_bitrate_bits_per_second gauge');
    });
  });
});
