/**
 * The masked streams of the installation, one hub per (camera, stream): it satisfies live's
 * `HubSource`, so a masked stream is watched exactly like a camera stream (MSE, WebRTC, the
 * re-stream). One ffmpeg per masked stream whoever watches it: it starts when the first consumer
 * subscribes and stops when the last one leaves. While it runs, the camera's masks are read
 * again every `pollMs` (and at once on `masksChanged`); a change restarts the encoder with the
 * new image.
 */
import type { Clock, Logger, TimerHandle } from '../app/index.ts';
import { StreamHub, type StreamKind } from '../ingest/index.ts';
import type { HubSource } from '../live/index.ts';
import type { Polygon } from '../privacy/index.ts';
import { MaskedEncoder } from './masked-encoder.ts';

/** How often a running masked stream reads its camera's masks again, ms. */
export const DEFAULT_MASK_POLL_MS = 2_000;

/** What the masked hubs need. */
export interface MaskedHubsDeps {
  clock: Clock;
  logger: Logger;
  /** The camera streams (the ingest manager's hubs). */
  source: HubSource;
  /** The camera's privacy masks now (normalised polygons; empty when it has none). */
  polygons(cameraId: string): Promise<Polygon[]>;
  /** How often running masked streams read the masks again, ms (default 2 s). */
  pollMs?: number;
  /** The ffmpeg binary (default: `ffmpegPath()`). */
  ffmpeg?: string;
}

interface Running {
  encoder: MaskedEncoder | undefined;
  poll: TimerHandle | undefined;
  /** Set when the consumers left while the masks were being read. */
  ended: boolean;
}

/** The masked hubs: `hub(cameraId, stream)` as live's `HubSource`. */
export class MaskedHubs implements HubSource {
  private readonly hubs = new Map<string, StreamHub>();
  private readonly running = new Map<string, Running>();

  constructor(private readonly deps: MaskedHubsDeps) {}

  /** Masked streams whose ffmpeg runs (or is about to) now. */
  get count(): number {
    return this.running.size;
  }

  /** ffmpeg processes started for a masked stream so far (tests, stats). */
  processesStarted(cameraId: string, stream: StreamKind): number {
    return this.running.get(`${cameraId}/${stream}`)?.encoder?.processesStarted ?? 0;
  }

  /** The masked hub of a camera stream; undefined when the camera has no such stream. */
  hub(cameraId: string, stream: StreamKind): StreamHub | undefined {
    const key = `${cameraId}/${stream}`;
    const existing = this.hubs.get(key);
    if (existing) return existing;
    const input = this.deps.source.hub(cameraId, stream);
    if (input === undefined) return undefined;
    const hub = new StreamHub(cameraId, stream, {
      clock: this.deps.clock,
      logger: this.deps.logger,
      gopCacheMaxBytes: 2 * 1024 * 1024,
    });
    hub.onDemandChange((active) => {
      if (active) this.start(key, cameraId, input, hub);
      else this.end(key);
    });
    this.hubs.set(key, hub);
    return hub;
  }

  /** Reads the camera's masks again now (after an edit), for its running masked streams. */
  masksChanged(cameraId: string): void {
    for (const [key, run] of this.running) {
      if (key.startsWith(`${cameraId}/`)) this.refresh(cameraId, run);
    }
  }

  /** Stops every masked stream. */
  close(): void {
    for (const key of [...this.running.keys()]) this.end(key);
  }

  private start(key: string, cameraId: string, input: StreamHub, output: StreamHub): void {
    const run: Running = { encoder: undefined, poll: undefined, ended: false };
    this.running.set(key, run);
    const logger = this.deps.logger.child({ masking: key });
    this.deps.polygons(cameraId).then(
      (polygons) => {
        if (run.ended) return;
        run.encoder = new MaskedEncoder(input, output, {
          clock: this.deps.clock,
          logger,
          polygons,
          ...(this.deps.ffmpeg !== undefined ? { ffmpeg: this.deps.ffmpeg } : {}),
        });
        this.schedulePoll(cameraId, run);
      },
      (err: unknown) => {
        // Without the masks nothing can be shown: the hub stays silent; the next viewer retries.
        logger.error({ err }, 'masking: could not read the masks; masked stream not started');
        output.publish({
          type: 'stopped',
          cause: 'error',
          atMs: this.deps.clock.nowMs(),
          message: 'privacy masks unavailable',
        });
      },
    );
  }

  private schedulePoll(cameraId: string, run: Running): void {
    run.poll = this.deps.clock.setTimeout(() => {
      run.poll = undefined;
      if (run.ended) return;
      this.refresh(cameraId, run);
    }, this.deps.pollMs ?? DEFAULT_MASK_POLL_MS);
  }

  private refresh(cameraId: string, run: Running): void {
    run.poll?.cancel();
    run.poll = undefined;
    this.deps.polygons(cameraId).then(
      (polygons) => {
        if (run.ended) return;
        run.encoder?.updateMasks(polygons);
        if (run.poll === undefined) this.schedulePoll(cameraId, run);
      },
      (err: unknown) => {
        if (run.ended) return;
        this.deps.logger.warn({ err, cameraId }, 'masking: could not read the masks again');
        if (run.poll === undefined) this.schedulePoll(cameraId, run);
      },
    );
  }

  private end(key: string): void {
    const run = this.running.get(key);
    if (run === undefined) return;
    this.running.delete(key);
    run.ended = true;
    run.poll?.cancel();
    run.encoder?.stop();
  }
}
