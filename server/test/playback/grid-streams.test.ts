/**
 * A playback grid of up to 16 cameras through the HTTP API: a session takes 16 cameras and
 * refuses a 17th with an error naming the field; the media and the timeline of a camera's
 * sub-stream (recorded beside its main stream, through the real recorder) are served when
 * `stream=sub` is asked, and the main stream's otherwise.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoxHeader } from '../../src/media/mp4/index.ts';
import { recordSynthetic } from '../../src/playback/synthetic-recording.ts';
import { RECORDINGS_DIR } from '../../src/recording/create.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp } from '../support/test-app.ts';
import { loadTestClip, TEST_CLIP } from '../e2e/playback-export-fixtures.ts';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0); // the test clock stands at 09:00
const S = 1000;
const iso = (ms: number): string => new Date(ms).toISOString();

interface Media {
  segments: { id: number; startMs: number; width: number; height: number }[];
}

forEachDatabase((dbName, open) => {
  describe(`playback of 16 cameras and of sub-streams (${dbName})`, () => {
    it('opens 16 cameras, refuses 17, and serves the stream asked', async () => {
      const storage = mkdtempSync(path.join(os.tmpdir(), 'vedetta-grid-'));
      const t = await createTestApp(open, { config: { storage: { path: storage } } });
      try {
        const root = path.join(storage, RECORDINGS_DIR);
        const common = { db: t.db, storageRoot: root, key: t.services.audit.key };
        await recordSynthetic({
          ...common,
          cameraId: 'cam-001',
          clip: await loadTestClip(),
          fromMs: T0,
          toMs: T0 + 30 * S,
        });
        // The sub-stream, smaller, recorded from 10 s on (its recording began later).
        await recordSynthetic({
          ...common,
          cameraId: 'cam-001',
          stream: 'sub',
          clip: await loadTestClip({ ...TEST_CLIP, width: 160, height: 96 }),
          fromMs: T0 + 10 * S,
          toMs: T0 + 30 * S,
        });
        const operator = await t.userCookie('operator');
        const cameras = (n: number) =>
          Array.from({ length: n }, (_, i) => `cam-${String(i + 1).padStart(3, '0')}`);
        const openSession = (ids: string[]) =>
          t.request('POST', '/api/playback/sessions', {
            cookie: operator,
            body: { cameras: ids, from: iso(T0), to: iso(T0 + 60 * S), reason: 'verifica' },
          });

        const refused = await openSession(cameras(17));
        expect(refused.status).toBe(400);
        const error = ((await refused.json()) as { error: { message: string } }).error;
        expect(error.message).toMatch(/cameras/);
        expect(error.message).toMatch(/16/);

        const opened = await openSession(cameras(16));
        expect(opened.status).toBe(201);
        const session = (await opened.json()) as { id: string; cameras: string[] };
        expect(session.cameras).toHaveLength(16);

        const media = async (stream?: string): Promise<Media> => {
          const q = `from=${iso(T0)}&to=${iso(T0 + 30 * S)}${stream ? `&stream=${stream}` : ''}`;
          const res = await t.request(
            'GET',
            `/api/playback/sessions/${session.id}/cameras/cam-001/media?${q}`,
            { cookie: operator },
          );
          expect(res.status).toBe(200);
          return (await res.json()) as Media;
        };
        const main = await media();
        const sub = await media('sub');
        expect(main.segments.map((s) => [s.startMs, s.width])).toEqual([[T0, 320]]);
        expect(sub.segments.map((s) => [s.startMs, s.width, s.height])).toEqual([
          [T0 + 10 * S, 160, 96],
        ]);
        const subSegment = sub.segments[0];
        if (!subSegment) throw new Error('no sub segment');
        const frag = await t.request(
          'GET',
          `/api/playback/sessions/${session.id}/cameras/cam-001/segments/${subSegment.id}/fragments?first=0&count=2`,
          { cookie: operator },
        );
        expect(frag.status).toBe(200);
        expect(readBoxHeader(new Uint8Array(await frag.arrayBuffer()), 0)?.type).toBe('moof');
        const badStream = await t.request(
          'GET',
          `/api/playback/sessions/${session.id}/cameras/cam-001/media?from=${iso(T0)}&to=${iso(T0 + S)}&stream=third`,
          { cookie: operator },
        );
        expect(badStream.status).toBe(400);

        const timeline = async (stream: string) => {
          const res = await t.request(
            'GET',
            `/api/timeline?cameras=cam-001&from=${iso(T0 - 60 * S)}&to=${iso(T0 + 60 * S)}&stream=${stream}`,
            { cookie: operator },
          );
          expect(res.status).toBe(200);
          const body = (await res.json()) as { cameras: { spans: [number, number][] }[] };
          return body.cameras[0]?.spans;
        };
        expect(await timeline('main')).toEqual([[T0, T0 + 30 * S]]);
        expect(await timeline('sub')).toEqual([[T0 + 10 * S, T0 + 30 * S]]);
      } finally {
        await t.services.playback.stop();
      }
    });
  });
});
