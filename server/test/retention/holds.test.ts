/**
 * Legal holds on a fake clock, on SQLite and PostgreSQL: extending (later expiry, or until
 * released) is audited; an earlier expiry, an expired hold and an operator are refused with
 * clear errors; refusals are audited as denied. Placing is bounded: at most 31 days, within what
 * the cameras recorded, and with an expiry or a written "until released" reason.
 */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/app/errors.ts';
import { forEachDatabase } from '../support/databases.ts';
import { DAY, HOUR, retentionWorld, worldHolds } from './support.ts';

describe('legal holds', () => {
  forEachDatabase((_name, open) => {
    it('extends, refuses what it must, and audits both', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001');
      await w.segment('cam-001', w.clock.nowMs() - 3 * HOUR, HOUR);
      const holds = worldHolds(w);
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

    it('bounds what a hold covers and needs an expiry or a reason', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001');
      await w.camera('cam-002');
      const now = w.clock.nowMs();
      await w.segment('cam-001', now - 2 * HOUR, HOUR);
      const holds = worldHolds(w);
      const sup = { principal: await w.principal('supervisor'), sourceAddress: '10.0.0.3' };
      const input = {
        cameraIds: ['cam-001'],
        fromMs: now - 2 * HOUR,
        toMs: now - HOUR,
        authority: 'Procura di La Spezia',
        reference: 'RGNR 43/2026',
        description: 'Furto',
      };
      const refused = async (body: object): Promise<string> => {
        const e = await holds.place(sup, body).catch((x: unknown) => x);
        expect(isAppError(e, 'invalid_argument')).toBe(true);
        return (e as Error).message;
      };

      // From epoch 0 to the last representable day, with no expiry: refused, naming the keys.
      const forever = await refused({ ...input, fromMs: 0, toMs: 8_640_000_000_000_000 });
      expect(forever).toMatch(/toMs: the range must not exceed 31 days/);
      expect(forever).toMatch(/untilReleasedReason: needed when expiresMs is null/);
      expect(await refused(input)).toMatch(/untilReleasedReason: needed when expiresMs is null/);
      expect(
        await refused({ ...input, expiresMs: now + DAY, untilReleasedReason: 'fino a revoca' }),
      ).toMatch(/untilReleasedReason: only for a hold without an expiry/);
      const ok = { ...input, expiresMs: now + 30 * DAY };
      expect(await refused({ ...ok, fromMs: now - 3 * HOUR })).toMatch(
        /fromMs: before the earliest recording of these cameras/,
      );
      expect(await refused({ ...ok, toMs: now + HOUR })).toMatch(/toMs: must not be in the future/);
      expect(await refused({ ...ok, cameraIds: ['cam-002'] })).toMatch(
        /cameraIds: no recordings to hold/,
      );
      expect(await w.auditOf('hold.place')).toEqual([]);

      // Up to now (the open end of the recording) with an expiry, or until released with a reason.
      const dated = await holds.place(sup, { ...ok, toMs: now });
      expect(dated).toMatchObject({ expiresMs: now + 30 * DAY, untilReleasedReason: null });
      const untilReleased = await holds.place(sup, {
        ...input,
        cameraIds: ['cam-001', 'cam-002'],
        untilReleasedReason: 'fino alla chiusura delle indagini',
      });
      expect(untilReleased).toMatchObject({
        status: 'active',
        expiresMs: null,
        untilReleasedReason: 'fino alla chiusura delle indagini',
      });
      const placed = await w.auditOf('hold.place');
      const reasonOf = (details: string | null): unknown =>
        (JSON.parse(details ?? '{}') as { untilReleasedReason?: string }).untilReleasedReason;
      expect(placed.map((e) => reasonOf(e.details))).toEqual([
        undefined,
        'fino alla chiusura delle indagini',
        'fino alla chiusura delle indagini',
      ]);
    });
  });
});
