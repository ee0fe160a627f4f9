/**
 * The masking module: privacy masks that travel with the video. Built once at start-up from the
 * camera streams (ingest's hubs), the privacy masks and lifts, the owner agency and the audit
 * trail. It gives live the per-viewer choice of hub (`viewerHubs`) and the re-stream and the
 * federation link `maskedSourceFor`.
 */
import type { Clock, Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { StreamHub, StreamKind } from '../ingest/index.ts';
import type { HubSource, StreamGrant, ViewerHubs } from '../live/index.ts';
import type { MaskService } from '../privacy/index.ts';
import { liftBoundHub } from './lift-relay.ts';
import { DEFAULT_MASK_POLL_MS, MaskedHubs } from './masked-hubs.ts';
import { chooseVideo } from './viewer-choice.ts';

/** What the masking module is built from. */
export interface MaskingDeps {
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
  /** The camera streams (live's `ingestHubs(ingest)`). */
  source: HubSource;
  /** The privacy masks and lifts. */
  masks: Pick<MaskService, 'list' | 'view'>;
  /** The id of the agency that runs the system (accounts' `ownerAgencyId`). */
  ownerAgencyId(): Promise<string>;
  /** How often running masked streams read the masks again, ms (default 2 s). */
  pollMs?: number;
}

/** The masking module. */
export interface MaskingService {
  /** The masked hubs, one per (camera, stream), as a `HubSource`. */
  readonly hubs: MaskedHubs;
  /**
   * For live: partner viewers get the masked hub, unless their lift is in force (audited): then
   * the camera's own video until the lift ends, and the masked stream from then on.
   */
  readonly viewerHubs: ViewerHubs;
  /**
   * The stream to hand a consumer of agency `agencyId` outside a user's session (the re-stream,
   * the federation link): the camera's own for the owner agency or a camera without masks, the
   * masked stream otherwise (no lift applies: lifts are a user's). Undefined when the camera has
   * no such stream.
   */
  maskedSourceFor(
    cameraId: string,
    stream: StreamKind,
    agencyId: string,
  ): Promise<StreamHub | undefined>;
  /** Stops every masked stream. */
  close(): void;
}

/** Creates the masking module. */
export function createMasking(deps: MaskingDeps): MaskingService {
  const logger = deps.logger.child({ module: 'masking' });
  const hubs = new MaskedHubs({
    clock: deps.clock,
    logger,
    source: deps.source,
    polygons: async (cameraId) => (await deps.masks.list(cameraId)).map((m) => m.points),
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
  });

  async function hubForViewer(
    grant: StreamGrant,
    own: StreamHub | undefined,
  ): Promise<StreamHub | null | undefined> {
    const p = grant.principal;
    const owner = await deps.ownerAgencyId();
    if (p.agencyId === owner && owner !== '') return null;
    const view = await deps.masks.view(grant.cameraId, p);
    const choice = chooseVideo({
      viewerAgencyId: p.agencyId,
      ownerAgencyId: owner,
      cameraHasMasks: view.masks.length > 0,
      liftInForce: !view.draw,
    });
    if (choice === 'own') return null;
    if (choice === 'lifted') {
      try {
        await deps.audit.record({
          action: 'mask.lift',
          outcome: 'granted',
          principal: { userId: p.userId, username: p.username, agencyId: p.agencyId },
          sourceAddress: grant.sourceAddress,
          cameraId: grant.cameraId,
          ...(view.lift ? { resource: `mask_lift:${view.lift.id}` } : {}),
          reason: view.lift?.reason ?? 'mask lift in force',
          details: { live: true, stream: grant.stream, unmaskedVideo: true },
        });
        const lift = view.lift;
        if (own === undefined || lift === null) return own;
        // The camera's own video while the lift is current; the masked stream once it ends.
        return liftBoundHub({
          clock: deps.clock,
          logger,
          own,
          masked: () => hubs.hub(grant.cameraId, grant.stream),
          expiresMs: lift.expiresMs,
          liftInForce: async () => !(await deps.masks.view(grant.cameraId, p)).draw,
          pollMs: deps.pollMs ?? DEFAULT_MASK_POLL_MS,
        });
      } catch (err) {
        // Not audited, not shown: the viewer gets the masked stream.
        logger.warn({ err }, 'masking: the lift could not be audited; masked stream given');
      }
    }
    return hubs.hub(grant.cameraId, grant.stream);
  }

  return {
    hubs,
    viewerHubs: { hubForViewer, close: () => hubs.close() },
    async maskedSourceFor(cameraId, stream, agencyId) {
      const owner = await deps.ownerAgencyId();
      const masks = await deps.masks.list(cameraId);
      const choice = chooseVideo({
        viewerAgencyId: agencyId,
        ownerAgencyId: owner,
        cameraHasMasks: masks.length > 0,
        liftInForce: false,
      });
      return choice === 'own' ? deps.source.hub(cameraId, stream) : hubs.hub(cameraId, stream);
    },
    close: () => hubs.close(),
  };
}
