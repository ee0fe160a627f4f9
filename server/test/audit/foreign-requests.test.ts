/**
 * Requests for something that exists but is someone else's — another user's playback session,
 * another agency's export — answer 404 like an unknown id, and leave a `denied` entry in the
 * audit trail (reason `not_owner`), at most FOREIGN_ENTRIES_PER_MINUTE a user a minute, the last
 * of which says that the rest of that minute is not recorded. Unknown ids leave no entry.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FOREIGN_ENTRIES_PER_MINUTE } from '../../src/audit/denial-middleware.ts';
import type { AuditEntry } from '../../src/audit/entry.ts';
import { insertExport } from '../../src/export/export-store.ts';
import { auditEntries, CC, createCity } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const detailsOf = (e: AuditEntry | undefined): unknown => JSON.parse(e?.details ?? 'null');

describe("requests for another's playback session or export", () => {
  forEachDatabase((_db, open) => {
    it('answer 404 and are recorded as denied, rate-limited per user', async () => {
      const { t } = await createCity(open);
      const owner = await t.userCookie('operator', { username: 'pm-owner' });
      const other = await t.userCookie('operator', { username: 'pm-other' });
      const now = t.clock.nowMs();

      const opened = await t.request('POST', '/api/playback/sessions', {
        cookie: owner,
        body: {
          cameras: ['cam-001'],
          from: iso(now - 3_600_000),
          to: iso(now),
          reason: 'verifica segnalazione',
        },
      });
      expect(opened.status, await opened.clone().text()).toBe(201);
      const { id: sessionId } = (await opened.json()) as { id: string };
      const media = (session: string) =>
        `/api/playback/sessions/${session}/cameras/cam-001/media?from=${iso(now - 600_000)}&to=${iso(now - 590_000)}`;

      const exportId = randomUUID();
      await insertExport(
        t.db,
        {
          id: exportId,
          state: 'failed',
          user_id: 'cc-user',
          username: 'cc.rossi',
          display_name: 'Rossi',
          agency_id: CC,
          camera_ids: JSON.stringify(['cam-001']),
          from_ms: now - 3_600_000,
          to_ms: now - 3_000_000,
          reason: 'furto',
          case_reference: 'RGNR 1/2026',
          recipient: 'Procura',
          created_ms: now,
          started_ms: null,
          finished_ms: null,
          package_path: null,
          package_size_bytes: null,
          manifest_sha256: null,
          key_fingerprint: null,
          frames: null,
          error: 'test: never run',
        },
        {
          event: 'created',
          timeMs: now,
          userId: null,
          username: null,
          agencyId: CC,
          sourceAddress: null,
          details: {},
        },
      );

      // Someone else's session and another agency's export: 404, as for ids that do not exist.
      const stolen = await t.request('GET', media(sessionId), { cookie: other });
      expect(stolen.status).toBe(404);
      const unknown = await t.request('GET', media('no-such-session'), { cookie: other });
      expect(unknown.status).toBe(404);
      // The same answer as for a session that does not exist: nothing is revealed.
      expect(await stolen.json()).toEqual(await unknown.json());
      for (const p of [`/api/exports/${exportId}`, `/api/exports/${exportId}/package`]) {
        expect((await t.request('GET', p, { cookie: other })).status).toBe(404);
      }
      expect(
        (await t.request('GET', `/api/exports/${randomUUID()}`, { cookie: other })).status,
      ).toBe(404);

      let denied = (await auditEntries(t)).filter((e) => e.reason === 'not_owner');
      expect(denied.map((e) => [e.action, e.resource, e.username, e.outcome])).toEqual([
        ['playback.view', `playback_session:${sessionId}`, 'pm-other', 'denied'],
        ['export.create', `export:${exportId}`, 'pm-other', 'denied'],
        ['export.create', `export:${exportId}`, 'pm-other', 'denied'],
      ]);
      expect(detailsOf(denied[0])).toMatchObject({ owner: 'another user' });
      expect(detailsOf(denied[1])).toMatchObject({ owner: 'another agency' });

      // Probing goes on: the trail takes FOREIGN_ENTRIES_PER_MINUTE of them this minute, the
      // last saying the rest is not recorded; the next minute counts again.
      for (let i = 0; i < 3 * FOREIGN_ENTRIES_PER_MINUTE; i++) {
        expect((await t.request('GET', media(sessionId), { cookie: other })).status).toBe(404);
      }
      denied = (await auditEntries(t)).filter((e) => e.reason === 'not_owner');
      expect(denied).toHaveLength(FOREIGN_ENTRIES_PER_MINUTE);
      expect(detailsOf(denied.at(-1))).toMatchObject({ furtherThisMinuteNotRecorded: true });
      t.clock.advance(60_000);
      expect((await t.request('GET', media(sessionId), { cookie: other })).status).toBe(404);
      denied = (await auditEntries(t)).filter((e) => e.reason === 'not_owner');
      expect(denied).toHaveLength(FOREIGN_ENTRIES_PER_MINUTE + 1);

      // The owner still uses the session.
      expect((await t.request('GET', media(sessionId), { cookie: owner })).status).not.toBe(404);
    });
  });
});
