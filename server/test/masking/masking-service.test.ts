/**
 * Who gets which live video, with the real mask service and audit trail on SQLite and
 * PostgreSQL: the owning agency and any viewer of a camera without masks get the camera's own
 * stream; a partner agency's user gets the masked hub; a partner supervisor with a lift in force
 * gets the camera's own stream (that use audited) until the lift lapses, then, in the same
 * subscription, the masked stream; the re-stream's `maskedSourceFor` masks
 * for every agency but the owner. (Partner principals: built-in roles of the Carabinieri
 * with an agreement's rights on both cameras, as the access module loads them.)
 */
import { describe, expect, it } from 'vitest';
import { ownerAgencyId } from '../../src/accounts/index.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import type { StreamEvent, StreamKind } from '../../src/ingest/types.ts';
import type { StreamGrant } from '../../src/live/index.ts';
import { createMasking } from '../../src/masking/index.ts';
import type { CameraPermission } from '../../src/permissions/index.ts';
import type { Principal } from '../../src/permissions/principal.ts';
import { createMaskService } from '../../src/privacy/masks.ts';
import { forEachDatabase } from '../support/databases.ts';
import { clipEvents, loadClip } from '../recording/support.ts';
import { retentionWorld } from '../retention/support.ts';

const WINDOW: [number, number][] = [
  [0.1, 0.1],
  [0.4, 0.1],
  [0.4, 0.5],
];

describe('masking: who gets the masked stream', () => {
  forEachDatabase((_name, open) => {
    it('owner: own stream; partner: masked; with a lift: own (audited) until it lapses', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001');
      await w.camera('cam-002');
      const masks = createMaskService({
        db: w.db,
        camerasDb: w.db,
        clock: w.clock,
        audit: w.audit,
      });
      const cameraHubs = new Map<string, StreamHub>();
      const source = {
        hub(cameraId: string, stream: StreamKind) {
          if (!['cam-001', 'cam-002'].includes(cameraId)) return undefined;
          const key = `${cameraId}/${stream}`;
          const hub =
            cameraHubs.get(key) ??
            new StreamHub(cameraId, stream, { clock: w.clock, logger: silentLogger() });
          cameraHubs.set(key, hub);
          return hub;
        },
      };
      const masking = createMasking({
        clock: w.clock,
        logger: silentLogger(),
        audit: w.audit,
        source,
        masks,
        ownerAgencyId: () => ownerAgencyId(w.db),
      });
      const admin = { principal: await w.principal('administrator'), sourceAddress: '10.0.0.9' };
      await masks.replace(admin, 'cam-001', { masks: [{ label: 'Finestra', points: WINDOW }] });

      // A Carabinieri user whose agreement grants live view and lifts on both cameras.
      const partner = async (role: string): Promise<Principal> => {
        const p = await w.principal(role, `cc-${role}`);
        const perms = new Set<CameraPermission>(['live.view', 'mask.lift']);
        const rights = {
          agencyId: 'carabinieri',
          ownsAll: false,
          byCamera: new Map([
            ['cam-001', perms],
            ['cam-002', perms],
          ]),
          byGroup: new Map(),
        };
        return {
          ...p,
          agencyId: 'carabinieri',
          agencyKind: 'partner',
          access: { ...p.access, rights },
        };
      };
      const grant = (principal: Principal, cameraId: string): StreamGrant => ({
        principal,
        sessionToken: 's',
        cameraId,
        stream: 'sub',
        transcode: false,
        sourceAddress: '10.9.0.1',
      });
      const forViewer = (g: StreamGrant) =>
        masking.viewerHubs.hubForViewer(g, source.hub(g.cameraId, g.stream));
      const owner = await w.principal('operator');
      const ccOperator = await partner('operator');
      const ccSupervisor = await partner('supervisor');

      // The owning agency: the camera's own stream (null: live's own `hubFor`).
      expect(await forViewer(grant(owner, 'cam-001'))).toBeNull();
      // A partner, camera without masks: its own stream too.
      expect(await forViewer(grant(ccOperator, 'cam-002'))).toBeNull();
      // A partner, camera with masks: the masked hub (not the camera's).
      const masked = await forViewer(grant(ccOperator, 'cam-001'));
      expect(masked).toBeInstanceOf(StreamHub);
      expect(masked).toBe(masking.hubs.hub('cam-001', 'sub'));
      expect(masked).not.toBe(source.hub('cam-001', 'sub'));
      expect(await forViewer(grant(ccSupervisor, 'cam-001'))).toBe(masked);

      // With a lift in force: the camera's own stream, and the use is audited.
      const lift = await masks.lift(
        { principal: ccSupervisor, sourceAddress: '10.9.0.2' },
        'cam-001',
        {
          reason: 'RGNR 1234/2026',
        },
      );
      // The camera's own video, through a hub of the viewer's own that follows the lift.
      const own = source.hub('cam-001', 'sub');
      const lifted = await forViewer(grant(ccSupervisor, 'cam-001'));
      if (!(lifted instanceof StreamHub)) throw new Error('no hub for the lifted view');
      expect(lifted).not.toBe(masked);
      const uses = (await w.auditOf('mask.lift')).filter((e) =>
        (e.details ?? '').includes('"live":true'),
      );
      expect(uses.map((e) => [e.user_id, e.camera_id, e.outcome, e.reason])).toEqual([
        ['cc-supervisor', 'cam-001', 'granted', 'RGNR 1234/2026'],
      ]);
      expect(lift.userId).toBe('cc-supervisor');
      const seen: StreamEvent[] = [];
      const viewer = lifted.subscribe({ onEvent: (e) => seen.push(e) });
      const clip = await loadClip('h264');
      own?.publish({ type: 'started', info: clip.info, atMs: w.clock.nowMs() });
      for (const e of clipEvents(clip, 3, { wall0: w.clock.nowMs() })) own?.publish(e);
      expect(seen.map((e) => e.type)).toEqual(['started', 'frame', 'frame', 'frame']);
      expect(masked?.subscriberCount).toBe(0);

      // The lift lapses: the same subscription goes on with the masked stream, after a gap.
      w.clock.advance(30 * 60_000);
      expect(seen.at(-1)).toMatchObject({ type: 'stopped', cause: 'restart' });
      expect(masked?.subscriberCount).toBe(1);
      expect(masking.hubs.count).toBe(1);
      viewer.close();
      expect(masked?.subscriberCount).toBe(0);
      expect(masking.hubs.count).toBe(0);
      // A new view after the lapse: masked.
      expect(await forViewer(grant(ccSupervisor, 'cam-001'))).toBe(masked);

      // The re-stream and the federation link: by agency, no lift.
      expect(await masking.maskedSourceFor('cam-001', 'main', 'polizia-municipale')).toBe(
        source.hub('cam-001', 'main'),
      );
      expect(await masking.maskedSourceFor('cam-001', 'main', 'carabinieri')).toBe(
        masking.hubs.hub('cam-001', 'main'),
      );
      expect(await masking.maskedSourceFor('cam-002', 'main', 'carabinieri')).toBe(
        source.hub('cam-002', 'main'),
      );
      expect(await masking.maskedSourceFor('cam-404', 'main', 'carabinieri')).toBeUndefined();
      masking.close();
    });
  });
});
