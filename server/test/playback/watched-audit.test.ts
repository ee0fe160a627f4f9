/**
 * What a playback session actually showed is audited precisely: the recorded ranges whose
 * fragments were served, per camera, merged when closer than 30 s, written as `playback.watched`
 * every 5 minutes of the clock while the session is used, when it is closed
 * (`DELETE /api/playback/sessions/{id}`), when it lapses and at shutdown. The auditor's query by
 * camera and recorded range finds who watched a 10-minute window, and not a session that merely
 * covered it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/audit/entry.ts';
import { recordSynthetic } from '../../src/playback/synthetic-recording.ts';
import { WATCH_WRITE_EVERY_MS } from '../../src/playback/watch-log.ts';
import { RECORDINGS_DIR } from '../../src/recording/index.ts';
import { loadTestClip } from '../e2e/playback-export-fixtures.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const MIN = 60_000;
/** The recording: 21:00:00–21:00:12 and 21:05:00–21:05:12 UTC on the 1st, a gap between. */
const T0 = Date.UTC(2026, 2, 1, 21, 0, 0);

interface Segment {
  id: number;
  startMs: number;
  fragments: [number, number, number][];
}

async function city(open: Parameters<typeof createTestApp>[0]): Promise<TestApp> {
  const storage = mkdtempSync(join(tmpdir(), 'vedetta-watched-'));
  const t = await createTestApp(open, { config: { storage: { path: storage } } });
  await t.services.cameras.create({
    id: 'cam-012',
    name: 'Via Roma',
    purpose: 'urban_security',
    streams: { main: 'rtsp://10.0.0.12:554/main' },
    location: { latitude: 44.1, longitude: 9.82 },
    retentionDays: 7,
    retentionJustification: 'Incrocio con incidenti frequenti',
  });
  await recordSynthetic({
    db: t.db,
    storageRoot: join(storage, RECORDINGS_DIR),
    key: t.services.audit.key,
    cameraId: 'cam-012',
    clip: await loadTestClip(),
    fromMs: T0,
    toMs: T0 + 5 * MIN + 12_000,
    gaps: [{ fromMs: T0 + 12_000, toMs: T0 + 5 * MIN, cause: 'offline' }],
  });
  t.clock.setWall(T0 + 60 * MIN); // an hour later
  return t;
}

async function openSession(t: TestApp, cookie: string): Promise<string> {
  const res = await t.request('POST', '/api/playback/sessions', {
    cookie,
    body: {
      cameras: ['cam-012'],
      from: new Date(T0 - 30 * MIN).toISOString(),
      to: new Date(T0 + 30 * MIN).toISOString(),
      reason: 'Rissa segnalata in via Roma',
      caseReference: 'RGNR 77/2026',
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function segments(t: TestApp, cookie: string, session: string): Promise<Segment[]> {
  const from = new Date(T0 - MIN).toISOString();
  const to = new Date(T0 + 10 * MIN).toISOString();
  const res = await t.request(
    'GET',
    `/api/playback/sessions/${session}/cameras/cam-012/media?from=${from}&to=${to}`,
    { cookie },
  );
  expect(res.status).toBe(200);
  const list = ((await res.json()) as { segments: Segment[] }).segments;
  expect(list.length).toBeGreaterThanOrEqual(2);
  return list;
}

/** Fetches fragments `first..first+count-1` of a segment; returns the range they cover. */
async function watch(
  t: TestApp,
  cookie: string,
  session: string,
  seg: Segment,
  first: number,
  count: number,
): Promise<[number, number]> {
  const res = await t.request(
    'GET',
    `/api/playback/sessions/${session}/cameras/cam-012/segments/${seg.id}/fragments?first=${first}&count=${count}`,
    { cookie },
  );
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  const a = seg.fragments[first];
  const b = seg.fragments[first + count - 1];
  if (!a || !b) throw new Error('no such fragments');
  return [Math.floor(seg.startMs + a[0]), Math.ceil(seg.startMs + b[0] + b[1])];
}

async function watched(t: TestApp, filter: Record<string, unknown> = {}): Promise<AuditEntry[]> {
  await t.services.audit.flush();
  const page = await t.services.audit.query({ action: 'playback.watched', ...filter });
  return [...page.entries].reverse();
}

/** Lets the writes a timer started reach the audit queue, then waits for their commit. */
async function settle(t: TestApp): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  await t.services.audit.flush();
}

describe('precise playback audit', () => {
  forEachDatabase((_name, open) => {
    it('writes merged watched ranges periodically and at close', async () => {
      const t = await city(open);
      const op = await t.userCookie('operator', { username: 'rossi' });
      const s = await openSession(t, op);
      const [a, b] = await segments(t, op, s);
      if (!a || !b) throw new Error('two segments expected');
      expect(await watched(t)).toEqual([]); // opening alone watched nothing

      const w1 = await watch(t, op, s, a, 0, 2);
      const w2 = await watch(t, op, s, a, 2, 2); // adjacent: merged with the first
      const w3 = await watch(t, op, s, b, 0, 1); // five minutes later: apart
      expect(w2[0]).toBe(w1[1]);
      expect(await watched(t)).toEqual([]); // nothing yet: written every 5 minutes

      t.clock.advance(WATCH_WRITE_EVERY_MS);
      await settle(t);
      const periodic = await watched(t);
      expect(periodic.map((e) => [e.cameraId, e.fromMs, e.toMs])).toEqual([
        ['cam-012', w1[0], w2[1]],
        ['cam-012', w3[0], w3[1]],
      ]);
      for (const e of periodic) {
        expect(e).toMatchObject({
          username: 'rossi',
          outcome: 'granted',
          resource: `playback_session:${s}`,
          reason: 'Rissa segnalata in via Roma',
          caseReference: 'RGNR 77/2026',
        });
        expect(JSON.parse(String(e.details))).toEqual({ written: 'periodic' });
      }

      const w4 = await watch(t, op, s, b, 1, 2);
      const closed = await t.request('DELETE', `/api/playback/sessions/${s}`, { cookie: op });
      expect(closed.status).toBe(204);
      const all = await watched(t);
      expect(all).toHaveLength(3);
      expect(all[2]).toMatchObject({ fromMs: w4[0], toMs: w4[1] });
      expect(JSON.parse(String(all[2]?.details))).toEqual({ written: 'closed' });

      // The closed session serves nothing more and is not closed twice.
      const again = await t.request('DELETE', `/api/playback/sessions/${s}`, { cookie: op });
      expect(again.status).toBe(404);
      const res = await t.request(
        'GET',
        `/api/playback/sessions/${s}/cameras/cam-012/segments/${b.id}/fragments?first=0&count=1`,
        { cookie: op },
      );
      expect(res.status).toBe(404);
    });

    it('lets the auditor find who watched a 10-minute window, not who merely covered it', async () => {
      const t = await city(open);
      const rossi = await t.userCookie('operator', { username: 'rossi' });
      const bianchi = await t.userCookie('operator', { username: 'bianchi' });
      const auditor = await t.userCookie('auditor', { username: 'dpo' });
      const s1 = await openSession(t, rossi);
      const s2 = await openSession(t, bianchi); // covers the window too
      const [a, b] = await segments(t, rossi, s1);
      if (!a || !b) throw new Error('two segments expected');
      await watch(t, rossi, s1, b, 0, 3); // 21:05
      await watch(t, bianchi, s2, a, 0, 3); // 21:00 only
      expect(
        (await t.request('DELETE', `/api/playback/sessions/${s1}`, { cookie: rossi })).status,
      ).toBe(204);
      expect(
        (await t.request('DELETE', `/api/playback/sessions/${s2}`, { cookie: bianchi })).status,
      ).toBe(204);

      // Who watched cam-012 between 21:04 and 21:14?
      const q = `cameraId=cam-012&action=playback.watched&recordedFromMs=${T0 + 4 * MIN}&recordedToMs=${T0 + 14 * MIN}`;
      const res = await t.request('GET', `/api/audit?${q}`, { cookie: auditor });
      expect(res.status).toBe(200);
      const found = ((await res.json()) as { entries: AuditEntry[] }).entries;
      expect(found.map((e) => e.username)).toEqual(['rossi']);
      // Both sessions' openings cover the window: the overlap filter alone finds both.
      const opened = await t.services.audit.query({
        cameraId: 'cam-012',
        action: 'playback.view',
        recordedFromMs: T0 + 4 * MIN,
        recordedToMs: T0 + 14 * MIN,
      });
      expect(opened.entries.map((e) => e.username).sort()).toEqual(['bianchi', 'rossi']);
      // A window nobody watched finds nobody.
      const none = await t.services.audit.query({
        action: 'playback.watched',
        recordedFromMs: T0 + 20 * MIN,
        recordedToMs: T0 + 30 * MIN,
      });
      expect(none.entries).toEqual([]);
    });

    it('writes at lapse and at shutdown, never twice', async () => {
      const t = await city(open);
      const op = await t.userCookie('operator');
      const s1 = await openSession(t, op);
      const [a] = await segments(t, op, s1);
      if (!a) throw new Error('a segment expected');
      await watch(t, op, s1, a, 0, 1);
      t.clock.advance(40 * MIN); // written at the first tick, then the session lapses
      await settle(t);
      expect((await watched(t)).map((e) => JSON.parse(String(e.details)) as unknown)).toEqual([
        { written: 'periodic' },
      ]);
      expect(t.services.playback.sessions.list()).toEqual([]);

      const op2 = await t.userCookie('operator'); // the first one's login idled out
      const s2 = await openSession(t, op2);
      await watch(t, op2, s2, a, 3, 1);
      await t.services.playback.stop();
      const all = await watched(t);
      expect(all).toHaveLength(2);
      expect(JSON.parse(String(all[1]?.details))).toEqual({ written: 'shutdown' });
    });
  });
});
