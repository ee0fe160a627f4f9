/**
 * Where live viewers find a camera stream's hub: the ingest manager, seen through the one call
 * the live module needs, so that it can be wrapped (H.265 transcoding) and replaced in tests.
 */
import type { StreamHub, StreamKind } from '../ingest/index.ts';

/** Finds the hub of a camera stream. */
export interface HubSource {
  /** The hub, or undefined when the camera has no such stream (unknown, disabled, no sub). */
  hub(cameraId: string, stream: StreamKind): StreamHub | undefined;
}
