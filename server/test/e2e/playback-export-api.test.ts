/**
 * Playback and export through the HTTP API, on the real services: the timeline of a recording
 * with a gap; an audited playback session and its media; a still that shows the frame the
 * camera (the simulator's clip) sent at that instant; an export job with progress, chain of
 * custody, download and offline verification; and refusals — audited — for someone without
 * the permission.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPackage } from '../../src/export/verify/verify-package.ts';
import { ZipReader } from '../../src/export/zip/zip-reader.ts';
import { parseInitSegment, readBoxHeader } from '../../src/media/mp4/index.ts';
import { recordSynthetic } from '../../src/playback/synthetic-recording.ts';
import { RECORDINGS_DIR } from '../../src/recording/create.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  clipFrameGray,
  fileFrameGray,
  imageGray,
  loadTestClip,
  meanAbsDiff,
  quadrantMean,
} from './playback-export-fixtures.ts';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0); // the test clock stands at 09:00
const S = 1000;
const iso = (ms: number): string => new Date(ms).toISOString();

forEachDatabase((dbName, open) => {
  describe(`playback and export API (${dbName})`, () => {
    let t: TestApp;
    let sent: { wallMs: number; picture: number }[];
    let clipFile: string;
    let operator: string;
    let auditor: string;

    const setup = async (): Promise<void> => {
      const storage = mkdtempSync(path.join(os.tmpdir(), 'vedetta-pbx-api-'));
      t = await createTestApp(open, { config: { storage: { path: storage } } });
      const clip = await loadTestClip();
      clipFile = clip.file;
      sent = await recordSynthetic({
        db: t.db,
        storageRoot: path.join(storage, RECORDINGS_DIR),
        key: t.services.audit.key,
        cameraId: 'cam-001',
        clip,
        fromMs: T0,
        toMs: T0 + 100 * S,
        gaps: [{ fromMs: T0 + 40 * S, toMs: T0 + 50 * S, cause: 'stall' }],
        segmenter: { segmentTargetMs: 30_000 },
      });
      operator = await t.userCookie('operator');
      auditor = await t.userCookie('auditor');
    };

    const step1 = async (): Promise<void> => {
      // answers the timeline with spans, the gap and its cause
      const res = await t.request(
        'GET',
        `/api/timeline?cameras=cam-001&from=${iso(T0 - 60 * S)}&to=${iso(T0 + 200 * S)}`,
        { cookie: operator },
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        cameras: {
          id: string;
          spans: [number, number][];
          gaps: { from: number; to: number; cause: string }[];
        }[];
      };
      const cam = body.cameras[0];
      expect(cam?.spans).toEqual([
        [T0, T0 + 40 * S],
        [T0 + 50 * S, T0 + 100 * S],
      ]);
      expect(cam?.gaps.map((g) => [g.from, g.to, g.cause])).toEqual([
        [T0 + 40 * S, T0 + 50 * S, 'stall'],
      ]);
    };

    const step2 = async (): Promise<void> => {
      // opens an audited playback session and serves recorded fragments by time
      const open = await t.request('POST', '/api/playback/sessions', {
        cookie: operator,
        body: {
          cameras: ['cam-001'],
          from: iso(T0),
          to: iso(T0 + 100 * S),
          reason: 'verifica segnalazione',
        },
      });
      expect(open.status).toBe(201);
      const { id } = (await open.json()) as { id: string };
      const media = await t.request(
        'GET',
        `/api/playback/sessions/${id}/cameras/cam-001/media?from=${iso(T0 + 25 * S)}&to=${iso(T0 + 35 * S)}`,
        { cookie: operator },
      );
      expect(media.status).toBe(200);
      const { segments } = (await media.json()) as {
        segments: {
          id: number;
          startMs: number;
          codecString: string;
          fragments: [number, number, number][];
        }[];
      };
      expect(segments.map((s) => s.startMs)).toEqual([T0, T0 + 30 * S]);
      const seg = segments[1];
      if (!seg) throw new Error('no segment');
      expect(seg.codecString).toMatch(/^avc1\./);
      const init = await t.request(
        'GET',
        `/api/playback/sessions/${id}/cameras/cam-001/segments/${seg.id}/init`,
        { cookie: operator },
      );
      expect(parseInitSegment(new Uint8Array(await init.arrayBuffer())).codec).toBe('h264');
      const frag = await t.request(
        'GET',
        `/api/playback/sessions/${id}/cameras/cam-001/segments/${seg.id}/fragments?first=0&count=3`,
        { cookie: operator },
      );
      const bytes = new Uint8Array(await frag.arrayBuffer());
      expect(readBoxHeader(bytes, 0)?.type).toBe('moof');
      // Someone else cannot use the session.
      const other = await t.userCookie('operator');
      const stolen = await t.request(
        'GET',
        `/api/playback/sessions/${id}/cameras/cam-001/segments/${seg.id}/init`,
        { cookie: other },
      );
      expect(stolen.status).toBe(404);
      const audit = await t.services.audit.query({ action: 'playback.view', outcome: 'granted' });
      expect(
        audit.entries.some((e) => e.reason === 'verifica segnalazione' && e.cameraId === 'cam-001'),
      ).toBe(true);
    };

    const step3 = async (): Promise<void> => {
      // gives as a still the exact frame the camera sent at that instant
      const k = 20 * 25 + 7; // a frame 20.28 s in, not a key frame
      const frame = sent[k];
      if (!frame) throw new Error('no frame');
      const at = frame.wallMs + 20; // in the middle of its 40 ms
      const res = await t.request(
        'GET',
        `/api/cameras/cam-001/still?at=${iso(at)}&format=png&reason=fermo%20immagine`,
        { cookie: operator },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('x-frame-time')).toBe(iso(Math.round(frame.wallMs)));
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vedetta-still-')), 'still.png');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const still = await imageGray(file, 320, 180);
      const same = meanAbsDiff(still, await clipFrameGray(clipFile, frame.picture, 320, 180));
      const previous = meanAbsDiff(
        still,
        await clipFrameGray(clipFile, frame.picture - 1, 320, 180),
      );
      expect(same).toBeLessThan(0.5); // lossless PNG of the same decoded picture
      expect(previous).toBeGreaterThan(same + 0.5); // and not its neighbour (the counter differs)
    };

    const step4 = async (): Promise<void> => {
      // exports with progress and chain of custody; the download verifies offline
      const res = await t.request('POST', '/api/exports', {
        cookie: operator,
        body: {
          cameras: ['cam-001'],
          from: iso(T0 + 10 * S),
          to: iso(T0 + 70 * S),
          reason: 'furto con scasso',
          caseReference: 'RGNR 77/2026',
          recipient: 'Procura di La Spezia',
          stills: [iso(T0 + 20 * S + 30)],
        },
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      await t.services.exports.jobs.idle();
      const state = (await (
        await t.request('GET', `/api/exports/${id}`, { cookie: operator })
      ).json()) as {
        state: string;
        progress: number;
        package: { url: string } | null;
        custody: { event: string; username: string | null; details: Record<string, unknown> }[];
      };
      expect(state.state).toBe('done');
      expect(state.progress).toBe(1);
      expect(state.custody.map((c) => c.event)).toEqual(['created', 'started', 'completed']);
      expect(state.custody[0]?.details).toMatchObject({
        recipient: 'Procura di La Spezia',
        caseReference: 'RGNR 77/2026',
        reason: 'furto con scasso',
      });
      const pkg = await t.request('GET', state.package?.url ?? '', { cookie: operator });
      expect(pkg.status).toBe(200);
      expect(pkg.headers.get('content-type')).toBe('application/zip');
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vedetta-dl-')), 'p.zip');
      writeFileSync(file, Buffer.from(await pkg.arrayBuffer()));
      const keyPem = await (
        await t.request('GET', '/api/keys/public', { cookie: operator })
      ).text();
      const zipBytes = readFileSync(file);
      const upload = async (bytes: Buffer) =>
        (await (
          await t.app.request('/uploads/verify-package', {
            method: 'POST',
            headers: { cookie: operator, 'content-type': 'application/zip' },
            body: bytes,
          })
        ).json()) as { ok: boolean; problems: { file: string }[] };
      expect((await upload(zipBytes)).ok).toBe(true);
      const altered = Buffer.from(zipBytes);
      altered[Math.floor(altered.length / 2)] = (altered[Math.floor(altered.length / 2)] ?? 0) ^ 1;
      const bad = await upload(altered);
      expect(bad.ok).toBe(false);
      expect(bad.problems[0]?.file).toBe('cameras/cam-001/video.mp4');
      const report = await verifyPackage(file, { publicKeyPem: keyPem });
      expect(report.problems).toEqual([]);
      expect(report.manifest?.caseReference).toBe('RGNR 77/2026');
      expect(report.manifest?.cameras[0]?.gaps.map((g) => g.cause)).toEqual(['stall']);
      expect(report.manifest?.cameras[0]?.stills).toEqual([
        expect.objectContaining({
          file: 'stills/cam-001/2026-03-01T08-00-20.030Z.jpg',
          frame: expect.objectContaining({ ms: T0 + 20 * S }) as unknown,
        }),
      ]);
      expect(report.passed.join('\n')).toContain('1 still image(s)');
      const after = (await (
        await t.request('GET', `/api/exports/${id}`, { cookie: operator })
      ).json()) as { custody: { event: string; username: string | null }[] };
      expect(after.custody.map((c) => c.event)).toEqual([
        'created',
        'started',
        'completed',
        'downloaded',
      ]);
      expect(after.custody[3]?.username).toMatch(/^operator/);
      const audit = await t.services.audit.query({ action: 'export.download' });
      expect(audit.entries[0]?.caseReference).toBe('RGNR 77/2026');
    };

    const stepMasks = async (): Promise<void> => {
      // privacy masks are burned into exports and stills
      const admin = await t.userCookie('administrator');
      await t.services.cameras.create({
        id: 'cam-002',
        name: 'Via Chiodo',
        streams: { main: 'rtsp://10.0.0.2/live' },
        location: { latitude: 44.1, longitude: 9.82 },
        enabled: false,
      });
      await recordSynthetic({
        db: t.db,
        storageRoot: path.join(t.config.storage.path, RECORDINGS_DIR),
        key: t.services.audit.key,
        cameraId: 'cam-002',
        clip: await loadTestClip(),
        fromMs: T0,
        toMs: T0 + 20 * S,
      });
      const put = await t.request('PUT', '/api/cameras/cam-002/masks', {
        cookie: admin,
        body: {
          masks: [
            {
              label: 'finestra',
              points: [
                [0, 0],
                [0.5, 0],
                [0.5, 0.5],
                [0, 0.5],
              ],
            },
          ],
        },
      });
      expect(put.status).toBe(200);
      const res = await t.request('POST', '/api/exports', {
        cookie: operator,
        body: {
          cameras: ['cam-002'],
          from: iso(T0 + 2 * S),
          to: iso(T0 + 12 * S),
          reason: 'rissa',
          caseReference: 'RGNR 9/2026',
          recipient: 'Procura',
        },
      });
      const { id } = (await res.json()) as { id: string };
      await t.services.exports.jobs.idle();
      const pkg = await t.request('GET', `/api/exports/${id}/package`, { cookie: operator });
      expect(pkg.status).toBe(200);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'vedetta-masked-'));
      const file = path.join(dir, 'masked.zip');
      writeFileSync(file, Buffer.from(await pkg.arrayBuffer()));
      const report = await verifyPackage(file, { publicKeyPem: t.services.audit.key.publicKeyPem });
      expect(report.problems).toEqual([]);
      expect(report.manifest?.cameras[0]?.privacyMasks).toMatchObject({
        burnedIn: true,
        unmasked: false,
      });
      expect(report.passed.join('\n')).toContain('privacy masks burned in');
      // The masked quarter of a decoded frame is black; the rest is the test pattern.
      const zip = await ZipReader.open(file);
      const entry = zip.entry('cameras/cam-002/video.mp4');
      if (!entry) throw new Error('no video');
      const video = path.join(dir, 'video.mp4');
      writeFileSync(video, await zip.read(entry));
      await zip.close();
      const frame = await fileFrameGray(video, 10, 320, 180);
      expect(quadrantMean(frame, 320, 180, 0)).toBeLessThan(20);
      expect(quadrantMean(frame, 320, 180, 3)).toBeGreaterThan(40);
      const still = await t.request(
        'GET',
        `/api/cameras/cam-002/still?at=${iso(T0 + 5 * S)}&format=png&reason=fermo%20immagine`,
        { cookie: operator },
      );
      const stillFile = path.join(dir, 'still.png');
      writeFileSync(stillFile, Buffer.from(await still.arrayBuffer()));
      const image = await imageGray(stillFile, 320, 180);
      expect(quadrantMean(image, 320, 180, 0)).toBeLessThan(20);
      expect(quadrantMean(image, 320, 180, 3)).toBeGreaterThan(40);
    };

    const step5 = async (): Promise<void> => {
      // refuses, and audits, playback and export by someone without the permission
      const play = await t.request('POST', '/api/playback/sessions', {
        cookie: auditor,
        body: { cameras: ['cam-001'], from: iso(T0), to: iso(T0 + 60 * S), reason: 'curiosità' },
      });
      expect(play.status).toBe(403);
      const exp = await t.request('POST', '/api/exports', {
        cookie: auditor,
        body: {
          cameras: ['cam-001'],
          from: iso(T0),
          to: iso(T0 + 60 * S),
          reason: 'x'.repeat(5),
          caseReference: 'C1',
          recipient: 'R',
        },
      });
      expect(exp.status).toBe(403);
      const still = await t.request(
        'GET',
        `/api/cameras/cam-001/still?at=${iso(T0 + 5 * S)}&reason=abcd`,
        { cookie: auditor },
      );
      expect(still.status).toBe(403);
      const denied = await t.services.audit.query({ outcome: 'denied', cameraId: 'cam-001' });
      const actions = denied.entries.map((e) => e.action);
      expect(actions).toContain('playback.view');
      expect(actions).toContain('export.create');
      expect(actions).toContain('still.create');
      // An export without a reason is refused too, and audited.
      const noReason = await t.request('POST', '/api/exports', {
        cookie: operator,
        body: {
          cameras: ['cam-001'],
          from: iso(T0),
          to: iso(T0 + 60 * S),
          reason: '',
          caseReference: 'C1',
          recipient: 'R',
        },
      });
      expect(noReason.status).toBe(400);
    };

    it('serves timeline, playback, stills and exports, and refuses the unauthorised', async () => {
      await setup();
      try {
        await step1(); // answers the timeline with spans, the gap and its cause
        await step2(); // opens an audited playback session and serves recorded fragments by time
        await step3(); // gives as a still the exact frame the camera sent at that instant
        await step4(); // exports with progress and chain of custody; the download verifies offline
        await stepMasks(); // privacy masks
        await step5(); // refuses, and audits, playback and export by someone without the permission
      } finally {
        await t.services.exports.stop();
      }
    });
  });
});
