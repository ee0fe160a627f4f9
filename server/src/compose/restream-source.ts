/**
 * The one place that decides where the RTSP re-stream's video comes from (`restream/`'s
 * `OpenSource`): the masking module's choice for a consumer of that agency outside a person's
 * session — the camera's own stream (ingest's hub: one camera connection however many
 * consumers) for the owning agency or a camera without privacy masks, the masked stream (masks
 * burned in on the server, one encoder shared by every consumer) for a partner on a masked
 * camera. Lifts are a person's and never apply to a machine. A camera without such a stream is
 * `unavailable`. A playing session whose answer changes (masks drawn or removed since) is ended
 * at its next re-check, so the partner's VMS reconnects to the right one.
 */
import type { StreamHub } from '../ingest/index.ts';
import type { MaskingService } from '../masking/index.ts';
import type { OpenSource } from '../restream/index.ts';

/** The re-stream's video source over the masking module. */
export function restreamSource(deps: {
  masking: Pick<MaskingService, 'maskedSourceFor'>;
}): OpenSource {
  return async (cameraId, stream, viewer) => {
    let hub: StreamHub | undefined;
    try {
      hub = await deps.masking.maskedSourceFor(cameraId, stream, viewer.agencyId);
    } catch {
      return { refused: 'unavailable' };
    }
    return hub === undefined ? { refused: 'unavailable' } : { hub };
  };
}
