/**
 * Timeline thumbnails through the HTTP API: the key frame at or before an instant of a session's
 * camera comes back as a small JPEG 160 px wide, a second request for an instant of the same key
 * frame is served from the cache (no second decode), another user's session is not found, and an
 * instant in a gap of the recording is not found.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordSynthetic } from '../../src/playback/synthetic-recording.ts';
import { RECORDINGS_DIR } from '../../src/recording/create.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp } from '../support/test-app.ts';
import { loadTestClip } from '../e2e/playback-export-fixtures.ts';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0); // the test clock stands at 09:00
const S = 1000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Width of a baseline JPEG, from its first start-of-frame marker. */
function jpegWidth(b: Buffer): number {
  expect(b[0]).toBe(0xff);
  expect(b[1]).toBe(0xd8);
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) throw new Error(`not a JPEG marker at ${i}`);
    const marker = b[i + 1] ?? 0;
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return b.readUInt16BE(i + 7);
    i += 2 + len;
  }
  throw new Error('no start of frame');
}

forEachDatabase((dbName, open) => {
  describe(`timeline thumbnails (${dbName})`, () => {
    it('serves a cached key frame thumbnail of a session camera, and 404 otherwise', async () => {
      const storage = mkdtempSync(path.join(os.tmpdir(), 'vedetta-thumb-'));
      const t = await createTestApp(open, { config: { storage: { path: storage } } });
      try {
        const root = path.join(storage, RECORDINGS_DIR);
        const common = { db: t.db, storageRoot: root, key: t.services.audit.key };
        const clip = await loadTestClip();
        // Recorded 0–10 s and 20–30 s: a gap between.
        await recordSynthetic({
          ...common,
          cameraId: 'cam-001',
          clip,
          fromMs: T0,
          toMs: T0 + 10 * S,
        });
        await recordSynthetic({
          ...common,
          cameraId: 'cam-001',
          clip,
          fromMs: T0 + 20 * S,
          toMs: T0 + 30 * S,
        });
        const operator = await t.userCookie('operator');
        const other = await t.userCookie('operator');
        const opened = await t.request('POST', '/api/playback/sessions', {
          cookie: operator,
          body: { cameras: ['cam-001'], from: iso(T0), to: iso(T0 + 60 * S), reason: 'verifica' },
        });
        expect(opened.status).toBe(201);
        const session = ((await opened.json()) as { id: string }).id;
        const thumb = (cookie: string, atMs: number) =>
          t.request(
            'GET',
            `/api/playback/sessions/${session}/cameras/cam-001/thumbnail?at=${iso(atMs)}`,
            { cookie },
          );

        const decodes = t.services.playback.thumbnails.decodes;
        const first = await thumb(operator, T0 + 4 * S + 200);
        expect(first.status).toBe(200);
        expect(first.headers.get('content-type')).toBe('image/jpeg');
        expect(first.headers.get('cache-control')).toBe('private, max-age=3600');
        // The key frame at or before the instant (a key frame every second).
        expect(first.headers.get('x-frame-time')).toBe(iso(T0 + 4 * S));
        const image = Buffer.from(await first.arrayBuffer());
        expect(jpegWidth(image)).toBe(160);
        expect(t.services.playback.thumbnails.decodes).toBe(decodes + 1);

        // Another instant of the same key frame: from the cache, the same bytes.
        const second = await thumb(operator, T0 + 4 * S + 600);
        expect(second.status).toBe(200);
        expect(Buffer.from(await second.arrayBuffer()).equals(image)).toBe(true);
        expect(t.services.playback.thumbnails.decodes).toBe(decodes + 1);

        // Another user's session: not found.
        expect((await thumb(other, T0 + 4 * S)).status).toBe(404);
        // In the gap: not found, with a message naming the recording.
        const gap = await thumb(operator, T0 + 15 * S);
        expect(gap.status).toBe(404);
        const error = ((await gap.json()) as { error: { message: string } }).error;
        expect(error.message).toMatch(/recording of camera cam-001/);
        expect(t.services.playback.thumbnails.decodes).toBe(decodes + 1);
      } finally {
        await t.services.playback.stop();
      }
    });
  });
});
