/**
 * Retention of export packages: past `retention.exportPackageDays` a package's file is deleted,
 * the export keeps its row without the file, a `purged` event closes its chain of custody and the
 * deletion is audited; younger packages stay. On SQLite and PostgreSQL.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { custodyOf, insertExport } from '../../src/export/export-store.ts';
import { purgeExportPackages } from '../../src/retention/export-packages.ts';
import { forEachDatabase } from '../support/databases.ts';
import { DAY, retentionWorld, type RetentionWorld } from './support.ts';

async function finishedExport(w: RetentionWorld, id: string, exportsRoot: string): Promise<string> {
  const now = w.clock.nowMs();
  const file = `${id}.zip`;
  writeFileSync(path.join(exportsRoot, file), Buffer.alloc(2048, 1));
  await insertExport(
    w.db,
    {
      id,
      state: 'done',
      user_id: 'u-1',
      username: 'rossi',
      display_name: 'Mario Rossi',
      agency_id: 'polizia-municipale',
      camera_ids: JSON.stringify(['cam-001']),
      from_ms: now - 3_600_000,
      to_ms: now,
      reason: 'furto',
      case_reference: `RGNR ${id}`,
      recipient: 'Procura',
      created_ms: now,
      started_ms: now,
      finished_ms: now,
      package_path: file,
      package_size_bytes: 2048,
      manifest_sha256: 'ab'.repeat(32),
      key_fingerprint: 'cd'.repeat(32),
    },
    {
      event: 'created',
      timeMs: now,
      userId: 'u-1',
      username: 'rossi',
      agencyId: 'polizia-municipale',
      sourceAddress: '127.0.0.1',
      details: {},
    },
  );
  return path.join(exportsRoot, file);
}

describe('export package retention', () => {
  forEachDatabase((_name, open) => {
    it('deletes packages past their days, records it in the custody and the audit trail', async () => {
      const w = await retentionWorld(open);
      const exportsRoot = path.join(w.root, 'exports');
      mkdirSync(exportsRoot, { recursive: true });
      const old = await finishedExport(w, 'exp-old', exportsRoot);
      w.clock.advance(20 * DAY);
      const young = await finishedExport(w, 'exp-young', exportsRoot);
      w.clock.advance(11 * DAY); // exp-old is 31 days old, exp-young 11

      const deps = {
        db: w.db,
        clock: w.clock,
        logger: silentLogger(),
        audit: w.audit,
        exportsRoot,
        keepDays: 30,
      };
      expect(await purgeExportPackages(deps)).toEqual(['exp-old']);
      expect(existsSync(old)).toBe(false);
      expect(existsSync(young)).toBe(true);
      const row = await w.db
        .selectFrom('exports')
        .select(['state', 'package_path', 'manifest_sha256'])
        .where('id', '=', 'exp-old')
        .executeTakeFirstOrThrow();
      // The export's record stays (what was exported, for whom, its manifest digest).
      expect(row).toEqual({ state: 'done', package_path: null, manifest_sha256: 'ab'.repeat(32) });
      const custody = await custodyOf(w.db, 'exp-old');
      expect(custody.map((c) => c.event)).toEqual(['created', 'purged']);
      expect(custody[1]?.details).toMatchObject({ file: 'exp-old.zip', sizeBytes: 2048 });
      const audited = await w.auditOf('export.purge');
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ outcome: 'granted', username: 'system:retention' });

      // Nothing left to do: a second run purges nothing and audits nothing.
      expect(await purgeExportPackages(deps)).toEqual([]);
      expect(await w.auditOf('export.purge')).toHaveLength(1);
    });
  });
});
