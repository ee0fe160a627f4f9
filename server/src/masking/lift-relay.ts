/**
 * A partner viewer's unmasked live video, bounded by their mask lift: a hub of the viewer's own
 * that relays the camera stream while the lift is current and switches to the masked stream when
 * it ends — when it lapses (a timer at its expiry) or is ended early or the permission is lost
 * (asked again every `pollMs`). The viewer keeps its subscription and sees a gap (`stopped`,
 * cause `restart`) and the masked stream's `started` at its next key frame. Once masked, it stays
 * masked (a new lift counts for the next view).
 */
import type { Clock, Logger, TimerHandle } from '../app/index.ts';
import { StreamHub, type HubSubscriber, type Subscription } from '../ingest/index.ts';
import type { StreamEvent } from '../ingest/index.ts';

/** What a relay needs. */
export interface LiftRelayDeps {
  clock: Clock;
  logger: Logger;
  /** The camera stream's own hub. */
  own: StreamHub;
  /** The masked hub of the same camera stream (asked only when the lift ends). */
  masked(): StreamHub | undefined;
  /** When the lift lapses, UTC ms. */
  expiresMs: number;
  /** True while the viewer's lift is still in force (stored, not ended, `mask.lift` held). */
  liftInForce(): Promise<boolean>;
  /** How often `liftInForce` is asked, ms. */
  pollMs: number;
}

/** Creates the viewer's hub; it pulls its source only while the viewer is subscribed. */
export function liftBoundHub(deps: LiftRelayDeps): StreamHub {
  const hub = new StreamHub(deps.own.cameraId, deps.own.stream, {
    clock: deps.clock,
    logger: deps.logger,
  });
  let source: Subscription | undefined;
  let masked = false;
  let expiry: TimerHandle | undefined;
  let poll: TimerHandle | undefined;
  let active = false;
  const relay: HubSubscriber = { onEvent: (e: StreamEvent) => hub.publish(e) };

  const toMasked = (why: string): void => {
    if (!active || masked) return;
    masked = true;
    expiry?.cancel();
    poll?.cancel();
    source?.close();
    const wasLive = hub.live;
    if (wasLive) {
      hub.publish({ type: 'stopped', cause: 'restart', atMs: deps.clock.nowMs(), message: why });
    }
    deps.logger.info({ why }, 'masking: lift ended; viewer switched to the masked stream');
    const target = deps.masked();
    source = target?.subscribe(relay, { name: 'lift-relay' });
  };

  const schedulePoll = (): void => {
    poll = deps.clock.setTimeout(() => {
      deps.liftInForce().then(
        (inForce) => {
          if (!inForce) toMasked('mask lift ended');
          else if (active && !masked) schedulePoll();
        },
        (err: unknown) => {
          deps.logger.warn({ err }, 'masking: could not check the lift; masked from now on');
          toMasked('mask lift could not be checked');
        },
      );
    }, deps.pollMs);
  };

  hub.onDemandChange((on) => {
    active = on;
    if (on) {
      if (masked) {
        source = deps.masked()?.subscribe(relay, { name: 'lift-relay' });
        return;
      }
      source = deps.own.subscribe(relay, { name: 'lift-relay' });
      const left = deps.expiresMs - deps.clock.nowMs();
      if (left <= 0) {
        toMasked('mask lift lapsed');
        return;
      }
      expiry = deps.clock.setTimeout(() => toMasked('mask lift lapsed'), left);
      schedulePoll();
    } else {
      expiry?.cancel();
      poll?.cancel();
      source?.close();
      source = undefined;
    }
  });
  return hub;
}
