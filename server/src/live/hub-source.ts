/**
 * Where live viewers find a camera stream's hub: the ingest manager, seen through the one call
 * the live module needs, so that it can be wrapped (H.265 transcoding) and replaced in tests.
 */
import type { StreamHub, StreamKind } from '../ingest/index.ts';
import type { StreamGrant } from './stream-tokens.ts';

/** Finds the hub of a camera stream. */
export interface HubSource {
  /** The hub, or undefined when the camera has no such stream (unknown, disabled, no sub). */
  hub(cameraId: string, stream: StreamKind): StreamHub | undefined;
}

/**
 * Chooses, per viewer, a hub other than the camera stream's own (the `masking` module: privacy
 * masks burned in for viewers outside the owning agency). Given to the live module at start-up.
 */
export interface ViewerHubs {
  /**
   * The hub this grant's viewer streams from; `null` for `own` (the camera stream's own hub, or
   * its H.264 transcode when the grant asks for it: live's `hubFor`), undefined when the stream
   * is not available.
   */
  hubForViewer(
    grant: StreamGrant,
    own: StreamHub | undefined,
  ): Promise<StreamHub | null | undefined>;
  /** Stops what it runs (called by the live module's `close`). */
  close(): void;
}
