/**
 * Who gets which video of a camera with privacy masks (pure). The masks are drawn by the
 * browser for the agency that runs the system; anything that leaves it (a partner agency's user,
 * the re-stream, the federation link) gets the masks burned in on the server, so the hidden
 * pixels never leave the owning agency's machines, unless that user holds a mask lift in force.
 */

/**
 * - `own`: the camera's own stream (the browser draws the masks, as for any operator);
 * - `lifted`: the camera's own stream because the viewer's mask lift is in force (audit it);
 * - `masked`: the masked stream (masks burned in on the server).
 */
export type VideoChoice = 'own' | 'lifted' | 'masked';

/** What the choice rests on. */
export interface VideoChoiceInput {
  /** The agency of whoever receives the video (a user's, or the re-stream consumer's). */
  viewerAgencyId: string;
  /** The agency that runs the system and owns the cameras. */
  ownerAgencyId: string;
  /** The camera has at least one privacy mask. */
  cameraHasMasks: boolean;
  /** The viewer (a user) holds a mask lift in force on the camera, and still `mask.lift`. */
  liftInForce: boolean;
}

/** The video a viewer gets (see `VideoChoice`). */
export function chooseVideo(v: VideoChoiceInput): VideoChoice {
  if (v.ownerAgencyId !== '' && v.viewerAgencyId === v.ownerAgencyId) return 'own';
  if (!v.cameraHasMasks) return 'own';
  return v.liftInForce ? 'lifted' : 'masked';
}
