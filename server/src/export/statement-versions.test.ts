/**
 * Exports and the two segment statement versions: a package of segments recorded now carries
 * their v2 statements (no whole-file digest) and verifies; a package of segments signed with v1
 * (recorded before) carries v1 statements and verifies too; a changed byte of a v2 segment's
 * init segment is refused at export time, as a changed fragment is (package-writer.test.ts).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RecordedFiles } from '../recording/recorded-files.ts';
import { recordSynthetic, type SyntheticClip } from '../playback/synthetic-recording.ts';
import { signStatement } from '../recording/statement.ts';
import { statementOfRow } from '../recording/verify.ts';
import {
  loadTestClip,
  tempInstallation,
  testPackageRequest,
  type Installation,
} from '../../test/e2e/playback-export-fixtures.ts';
import { provenanceSchema } from './package-format.ts';
import { writePackage } from './package-writer.ts';
import { verifyPackage } from './verify/verify-package.ts';
import { ZipReader } from './zip/zip-reader.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);

const req = testPackageRequest('exp-versions', T0);

describe('exports of v1 and v2 segments', () => {
  let clip: SyntheticClip;
  const installations: Installation[] = [];

  beforeAll(async () => {
    clip = await loadTestClip();
  });

  afterEach(async () => {
    for (const i of installations.splice(0)) await i.db.destroy();
  });

  /** An installation with 90 s of cam-001 recorded: two segments. */
  async function recorded(): Promise<Installation> {
    const inst = await tempInstallation();
    installations.push(inst);
    await recordSynthetic({
      db: inst.db,
      storageRoot: inst.storageRoot,
      key: inst.key,
      cameraId: 'cam-001',
      clip,
      fromMs: T0,
      toMs: T0 + 90_000,
    });
    return inst;
  }

  const write = (inst: Installation, name: string) =>
    writePackage(
      { recordingDb: inst.db, files: new RecordedFiles(inst.storageRoot), key: inst.key },
      req,
      path.join(inst.dir, name),
    );

  /** The first line of every statement the package's provenance carries. */
  async function statementHeaders(zipPath: string): Promise<string[]> {
    const zip = await ZipReader.open(zipPath);
    try {
      const entry = zip.entry('cameras/cam-001/provenance.json');
      if (!entry) throw new Error('no provenance');
      const prov = provenanceSchema.parse(JSON.parse((await zip.read(entry)).toString('utf8')));
      return prov.segments.map((s) => s.statement.split('\n')[0] ?? '');
    } finally {
      await zip.close();
    }
  }

  async function verified(inst: Installation, name: string): Promise<void> {
    const report = await verifyPackage(path.join(inst.dir, name), {
      publicKeyPem: inst.key.publicKeyPem,
    });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.kind)).toContain('frames');
  }

  it('carries the v2 statements of segments recorded now, and verifies', async () => {
    const inst = await recorded();
    const rows = await inst.db.selectFrom('segments').selectAll().execute();
    expect(rows.map((r) => r.sha256)).toEqual([null, null]);
    await write(inst, 'v2.zip');
    expect(await statementHeaders(path.join(inst.dir, 'v2.zip'))).toEqual([
      'vedetta-segment-statement/2',
      'vedetta-segment-statement/2',
    ]);
    await verified(inst, 'v2.zip');
  });

  it('carries the v1 statements of segments signed before v2, and verifies', async () => {
    const inst = await recorded();
    // The rows as the recorder completed them before statement v2: file digest, v1 signature.
    const files = new RecordedFiles(inst.storageRoot);
    for (const row of await inst.db.selectFrom('segments').selectAll().execute()) {
      const sha256 = createHash('sha256')
        .update(readFileSync(files.pathOf(row)))
        .digest('hex');
      const statement = statementOfRow({ ...row, sha256 });
      if (!statement) throw new Error(`${row.path} is not complete`);
      await inst.db
        .updateTable('segments')
        .set({ sha256, signature: signStatement(inst.key, statement) })
        .where('id', '=', row.id)
        .execute();
    }
    await write(inst, 'v1.zip');
    expect(await statementHeaders(path.join(inst.dir, 'v1.zip'))).toEqual([
      'vedetta-segment-statement/1',
      'vedetta-segment-statement/1',
    ]);
    await verified(inst, 'v1.zip');
  });

  it('refuses a v2 segment whose init segment changed on disk', async () => {
    const inst = await recorded();
    const row = await inst.db
      .selectFrom('segments')
      .selectAll()
      .orderBy('start_ms')
      .executeTakeFirst();
    if (!row) throw new Error('nothing recorded');
    // One bit of the ftyp's major brand.
    const fd = openSync(new RecordedFiles(inst.storageRoot).pathOf(row), 'r+');
    try {
      const b = Buffer.alloc(1);
      readSync(fd, b, 0, 1, 9);
      b[0] = (b[0] ?? 0) ^ 0x01;
      writeSync(fd, b, 0, 1, 9);
    } finally {
      closeSync(fd);
    }
    await expect(write(inst, 'altered.zip')).rejects.toThrow(
      `recording ${row.path}: its init segment no longer matches the hash recorded when it was written; export refused`,
    );
    expect(existsSync(path.join(inst.dir, 'altered.zip'))).toBe(false);
  });
});
