/**
 * Feeds a hub in real time from an encoded clip, as a camera would: `started`, then one frame
 * every 1/fps seconds with the wall clock of the moment it is published.
 */
import type { StreamHub } from '../../src/ingest/hub.ts';
import type { ClipFrames } from '../recording/support.ts';

/** A running feeder. */
export interface ClipFeeder {
  /** Frames published so far. */
  readonly published: number;
  /** Publishes `stopped` (as an offline camera) and pauses until `resume()`. */
  goOffline(): void;
  resume(): void;
  stop(): void;
}

/** Starts publishing `clip` into `hub` now. */
export function feedHub(hub: StreamHub, clip: ClipFrames): ClipFeeder {
  const stepMs = 1000 / clip.fps;
  const step90k = 90_000 / clip.fps;
  let k = 0;
  let published = 0;
  let pts = 0;
  let online = false;
  const begin = (): void => {
    online = true;
    pts = 0;
    k = 0;
    hub.publish({ type: 'started', info: clip.info, atMs: Date.now() });
  };
  begin();
  const timer = setInterval(() => {
    if (!online) return;
    const pic = clip.frames[k % clip.frames.length];
    k++;
    if (pic === undefined) return;
    hub.publish({
      type: 'frame',
      frame: {
        codec: clip.info.params.codec,
        nalus: pic.nalus,
        isKey: pic.isKey,
        rtpTimestamp: pts % 2 ** 32,
        pts90k: pts,
        wallMs: Date.now(),
      },
    });
    pts += step90k;
    published++;
  }, stepMs);
  return {
    get published() {
      return published;
    },
    goOffline() {
      online = false;
      hub.publish({
        type: 'stopped',
        cause: 'offline',
        atMs: Date.now(),
        message: 'test: offline',
      });
    },
    resume: begin,
    stop() {
      clearInterval(timer);
    },
  };
}
