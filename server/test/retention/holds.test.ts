/**
 * Legal holds on a fake clock, on SQLite and PostgreSQL: extending (later expiry, or until
 * released) is audited; an earlier expiry, an expired hold and an operator are refused with
 * clear errors; refusals are audited as denied.
 */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/app/errors.ts';
import { createHoldService } from '../../src/holds/create.ts';
import { forEachDatabase } from '../support/databases.ts';
import { DAY, HOUR, retentionWorld } from './support.ts';

describe('legal holds', () => {
  forEachDatabase((_name, open) => {
    it('extends, refuses what it must, and audits both', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001');
      const holds = createHoldService({
        db: w.db,
        camerasDb: w.db,
        clock: w.clock,
        audit: w.audit,
      });
      const sup = { principal: await w.principal('supervisor'), sourceAddress: '10.0.0.3' };
      const op = { principal: await w.principal('operator'), sourceAddress: '10.0.0.2' };
      const now = w.clock.nowMs();
      const input = {
        cameraIds: ['cam-001'],
        fromMs: now - 2 * HOUR,
        toMs: now - HOUR,
        authority: 'Procura di La Spezia',
        reference: 'RGNR 42/2026',
        description: 'Danneggiamento',
        expiresMs: now + 10 * DAY,
      };
      const denied = await holds.place(op, input).catch((e: unknown) => e);
      expect(isAppError(denied, 'permission_denied')).toBe(true);
      await expect(holds.place(sup, { ...input, cameraIds: ['cam-999'] })).rejects.toThrow(
        /cameraIds: unknown camera cam-999/,
      );
      await expect(holds.place(sup, { ...input, expiresMs: now - 1 })).rejects.toThrow(
        /expiresMs: must be in the future/,
      );

      const hold = await holds.place(sup, input);
      await expect(holds.extend(sup, hold.id, { expiresMs: now + DAY })).rejects.toThrow(
        /must be later than the current expiry/,
      );
      const longer = await holds.extend(sup, hold.id, {
        expiresMs: now + 20 * DAY,
        reason: 'proroga del PM',
      });
      expect(longer.expiresMs).toBe(now + 20 * DAY);
      const forever = await holds.extend(sup, hold.id, { expiresMs: null });
      expect(forever).toMatchObject({ expiresMs: null, status: 'active' });
      await expect(holds.extend(op, hold.id, { expiresMs: null })).rejects.toThrow(
        /permission denied/,
      );

      const short = await holds.place(sup, { ...input, expiresMs: now + HOUR });
      w.clock.advance(HOUR);
      expect((await holds.get(sup, short.id)).status).toBe('expired');
      await expect(holds.extend(sup, short.id, { expiresMs: null })).rejects.toThrow(
        /is expired; place a new one/,
      );
      expect((await holds.list(sup, { status: 'active' })).map((h) => h.id)).toEqual([hold.id]);

      const extended = await w.auditOf('hold.extend');
      expect(extended.map((e) => [e.outcome, e.reason])).toEqual([
        ['granted', 'proroga del PM'],
        ['granted', 'expiry extended'],
        ['denied', 'role_lacks_permission'],
      ]);
      const placed = await w.auditOf('hold.place');
      expect(placed.map((e) => e.outcome)).toEqual(['denied', 'granted', 'granted']);
    });
  });
});
