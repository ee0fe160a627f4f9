/**
 * The package writer's copy pipeline: the same package whatever the read size (runs of many
 * fragments, fragments larger than a read), and a recording altered on disk refused at export
 * time, leaving no package behind.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSegment, RecordedFiles } from '../recording/recorded-files.ts';
import { recordSynthetic } from '../playback/synthetic-recording.ts';
import { segmentsInRange } from '../recording/segment-store.ts';
import {
  loadTestClip,
  tempInstallation,
  testPackageRequest,
  type Installation,
} from '../../test/e2e/playback-export-fixtures.ts';
import { writePackage } from './package-writer.ts';
import { verifyPackage } from './verify/verify-package.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);

describe('package writer', () => {
  let inst: Installation;
  const req = testPackageRequest('exp-writer', T0);
  const write = (name: string, readBytes?: number) =>
    writePackage(
      { recordingDb: inst.db, files: new RecordedFiles(inst.storageRoot), key: inst.key },
      req,
      path.join(inst.dir, name),
      { readBytes },
    );
  const sha = (name: string) =>
    createHash('sha256')
      .update(readFileSync(path.join(inst.dir, name)))
      .digest('hex');

  beforeAll(async () => {
    inst = await tempInstallation();
    await recordSynthetic({
      db: inst.db,
      storageRoot: inst.storageRoot,
      key: inst.key,
      cameraId: 'cam-001',
      clip: await loadTestClip(),
      fromMs: T0,
      toMs: T0 + 90_000,
    });
  });

  afterAll(async () => {
    await inst.db.destroy();
  });

  it('writes the same verified package with reads smaller than a fragment', async () => {
    const big = await write('big-reads.zip');
    const small = await write('small-reads.zip', 4096);
    expect(small.frames['cam-001']).toBe(big.frames['cam-001']);
    expect(sha('small-reads.zip')).toBe(sha('big-reads.zip'));
    const report = await verifyPackage(path.join(inst.dir, 'small-reads.zip'), {
      publicKeyPem: inst.key.publicKeyPem,
    });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('refuses a recording altered on disk since it was indexed, leaving no package', async () => {
    const rows = await segmentsInRange(
      inst.db,
      { cameraId: 'cam-001', stream: 'main' },
      T0,
      T0 + 1,
    );
    const row = rows[0];
    const fragment = row && indexSegment(row).fragments[7];
    if (!row || !fragment) throw new Error('the recording has no fragment 7');
    // One bit of the last frame of fragment 7, inside its mdat payload.
    const fd = openSync(new RecordedFiles(inst.storageRoot).pathOf(row), 'r+');
    try {
      const at = fragment.byteOffset + fragment.sizeBytes - 5;
      const b = Buffer.alloc(1);
      readSync(fd, b, 0, 1, at);
      b[0] = (b[0] ?? 0) ^ 0x10;
      writeSync(fd, b, 0, 1, at);
    } finally {
      closeSync(fd);
    }
    for (const readBytes of [undefined, 4096]) {
      const name = `altered-${readBytes ?? 'default'}.zip`;
      await expect(write(name, readBytes)).rejects.toThrow(
        `recording ${row.path}: fragment 7 no longer matches the hash recorded when it was written; export refused`,
      );
      expect(existsSync(path.join(inst.dir, name))).toBe(false);
    }
  });
});
