/**
 * A still from live video: subscribes to the camera stream's hub (pulling the camera if no one
 * else is), takes the latest key frame and the frames that follow it — the hub's cached last GOP
 * when it keeps one, otherwise the next key frame — and decodes the newest of them.
 */
import type { Clock } from '../app/index.ts';
import { AppError } from '../app/index.ts';
import type {
  HubSubscriber,
  SubscribeOptions,
  Subscription,
  StreamInfo,
  TimedAccessUnit,
} from '../ingest/index.ts';
import { decodeStill, type StillFormat } from './still-decoder.ts';

/** The part of a hub a live still needs. */
export interface StillHub {
  subscribe(subscriber: HubSubscriber, options?: SubscribeOptions): Subscription;
}

/** A decoded live still. */
export interface LiveStill {
  image: Buffer;
  /** Wall time of the frame, UTC ms. */
  frameMs: number;
  /** Picture size. */
  width: number;
  height: number;
}

/** Most frames kept while waiting (a GOP of 10 s at 30 fps). */
const MAX_FRAMES = 300;

/** Decodes the newest frame of a live stream; `unavailable` if no key frame comes in time. */
export async function liveStill(
  hub: StillHub,
  clock: Clock,
  format: StillFormat,
  timeoutMs = 6000,
): Promise<LiveStill> {
  let info: StreamInfo | undefined;
  let frames: TimedAccessUnit[] = [];
  let wake: (() => void) | undefined;
  const sub = hub.subscribe(
    {
      onEvent(e) {
        if (e.type === 'started' || e.type === 'info-changed') {
          info = e.info;
          frames = [];
        } else if (e.type === 'frame') {
          if (e.frame.isKey) frames = [e.frame];
          else if (frames.length > 0 && frames.length < MAX_FRAMES) frames.push(e.frame);
          if (frames.length > 0) wake?.();
        } else if (e.type === 'stopped') {
          frames = [];
        }
      },
    },
    { name: 'still', lastGop: true, demand: true },
  );
  try {
    if (frames.length === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = clock.setTimeout(
          () => reject(new AppError('unavailable', 'no live video from this camera right now')),
          timeoutMs,
        );
        wake = () => {
          timer.cancel();
          resolve();
        };
      });
    }
    const taken = frames;
    const last = taken[taken.length - 1];
    if (!info || !last)
      throw new AppError('unavailable', 'no live video from this camera right now');
    const image = await decodeStill({
      params: info.params,
      pictures: taken.map((f) => f.nalus),
      index: taken.length - 1,
      format,
    });
    return { image, frameMs: last.wallMs, width: info.width, height: info.height };
  } finally {
    sub.close();
  }
}
