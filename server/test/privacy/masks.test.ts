/**
 * Privacy masks on a fake clock, on SQLite and PostgreSQL: drawn for an operator, not for a
 * supervisor who lifted them; the lift is audited and lapses after 30 minutes; a refused lift is
 * audited as denied; an export gets the polygons to burn in (and they are burned into a real
 * clip), unless an authorised user exports unmasked, which is audited.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../src/app/ffmpeg.ts';
import { isAppError } from '../../src/app/errors.ts';
import { burnInMasks } from '../../src/privacy/burn-in.ts';
import { createMaskService } from '../../src/privacy/masks.ts';
import { forEachDatabase } from '../support/databases.ts';
import { retentionWorld } from '../retention/support.ts';

const run = promisify(execFile);
const window = [
  [0.05, 0.1],
  [0.3, 0.1],
  [0.3, 0.5],
  [0.05, 0.5],
] as [number, number][];

describe('privacy masks', () => {
  forEachDatabase((_name, open) => {
    it('draws masks for an operator, not for a supervisor who lifted them, until the lift lapses', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001');
      const masks = createMaskService({
        db: w.db,
        camerasDb: w.db,
        clock: w.clock,
        audit: w.audit,
      });
      const admin = { principal: await w.principal('administrator'), sourceAddress: '10.0.0.9' };
      const operator = { principal: await w.principal('operator'), sourceAddress: '10.0.0.2' };
      const supervisor = { principal: await w.principal('supervisor'), sourceAddress: '10.0.0.3' };

      await masks.replace(admin, 'cam-001', {
        masks: [{ label: 'Finestre civico 12', points: window }],
      });
      expect(await masks.masksFor('cam-001', operator.principal)).toEqual([window]);
      expect(await masks.masksFor('cam-001', supervisor.principal)).toEqual([window]);

      // An operator may not lift masks; the refusal is audited.
      const refused = await masks
        .lift(operator, 'cam-001', { reason: 'curiosità' })
        .catch((e: unknown) => e);
      expect(isAppError(refused, 'permission_denied')).toBe(true);
      // A lift needs a reason.
      await expect(masks.lift(supervisor, 'cam-001', { reason: ' ' })).rejects.toThrow(
        /reason: must say why/,
      );

      const lift = await masks.lift(supervisor, 'cam-001', { reason: 'RGNR 1234/2026' });
      expect(lift.expiresMs - lift.startedMs).toBe(30 * 60_000);
      expect(await masks.masksFor('cam-001', supervisor.principal)).toBeNull();
      expect(await masks.masksFor('cam-001', operator.principal)).toEqual([window]);
      expect(await masks.view('cam-001', supervisor.principal)).toMatchObject({
        draw: false,
        lift: { id: lift.id },
      });

      w.clock.advance(30 * 60_000 - 1);
      expect(await masks.masksFor('cam-001', supervisor.principal)).toBeNull();
      w.clock.advance(1);
      expect(await masks.masksFor('cam-001', supervisor.principal)).toEqual([window]);

      // A new lift can be ended early.
      await masks.lift(supervisor, 'cam-001', { reason: 'RGNR 1234/2026 bis' });
      expect(await masks.masksFor('cam-001', supervisor.principal)).toBeNull();
      await masks.restore(supervisor, 'cam-001');
      expect(await masks.masksFor('cam-001', supervisor.principal)).toEqual([window]);

      const lifts = await w.auditOf('mask.lift');
      expect(lifts.map((e) => [e.user_id, e.outcome, e.reason])).toEqual([
        ['user-operator', 'denied', 'role_lacks_permission'],
        ['user-supervisor', 'granted', 'RGNR 1234/2026'],
        ['user-supervisor', 'granted', 'RGNR 1234/2026 bis'],
      ]);
      expect(await w.auditOf('mask.restore')).toHaveLength(1);
      const changes = await w.auditOf('config.change');
      expect(changes.map((e) => [e.camera_id, e.user_id])).toEqual([
        ['cam-001', 'user-administrator'],
      ]);
    });

    it('burns masks into exports unless an authorised user exports unmasked', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001');
      const masks = createMaskService({
        db: w.db,
        camerasDb: w.db,
        clock: w.clock,
        audit: w.audit,
      });
      const admin = { principal: await w.principal('administrator'), sourceAddress: null };
      const operator = { principal: await w.principal('operator'), sourceAddress: null };
      const supervisor = { principal: await w.principal('supervisor'), sourceAddress: null };
      await masks.replace(admin, 'cam-001', { masks: [{ label: '', points: window }] });

      const normal = await masks.forExport(operator, 'cam-001', { unmasked: false });
      expect(normal).toEqual({ polygons: [window], unmasked: false });
      await expect(masks.forExport(operator, 'cam-001', { unmasked: true })).rejects.toThrow(
        /permission denied/,
      );
      expect(
        await masks.forExport(supervisor, 'cam-001', {
          unmasked: true,
          reason: 'PM richiede originale',
        }),
      ).toEqual({
        polygons: [],
        unmasked: true,
      });
      const audited = await w.auditOf('mask.lift');
      expect(audited.map((e) => [e.user_id, e.outcome])).toEqual([
        ['user-operator', 'denied'],
        ['user-supervisor', 'granted'],
      ]);

      // The operator's export, burned in: the window area is black in a decoded frame.
      const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
      const clip = path.join(dir, 'clip.mp4');
      const out = path.join(dir, 'export.mp4');
      await run(ffmpegPath(), [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'color=c=white:s=128x96:r=5:d=1',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        clip,
      ]);
      await burnInMasks({
        inputPath: clip,
        outputPath: out,
        polygons: normal.polygons,
        width: 128,
        height: 96,
      });
      const { stdout } = await run(
        ffmpegPath(),
        [
          '-hide_banner',
          '-loglevel',
          'error',
          '-i',
          out,
          '-frames:v',
          '1',
          '-f',
          'rawvideo',
          '-pix_fmt',
          'gray',
          '-',
        ],
        { encoding: 'buffer', maxBuffer: 1 << 20 },
      );
      const at = (x: number, y: number) =>
        stdout[Math.floor(y * 96) * 128 + Math.floor(x * 128)] ?? -1;
      expect(at(0.17, 0.3)).toBeLessThan(24); // inside the window
      expect(at(0.7, 0.7)).toBeGreaterThan(230); // outside
    });
  });
});
