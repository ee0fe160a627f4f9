/**
 * One masked stream at work: subscribed to a camera stream's hub, it feeds the pictures to an
 * ffmpeg that paints the privacy masks in (masked-args.ts) and publishes the H.264 pictures on
 * the masked hub, each with the times of the camera picture it came from (one picture out per
 * picture in, in order).
 *
 * - The mask image is written at the stream's picture size whenever the stream starts or
 *   changes, and whenever the masks change (`updateMasks`): ffmpeg is then restarted with the
 *   new image; viewers keep their subscription and see a gap (`stopped`, cause `restart`) and a
 *   new `started` at the next key frame.
 * - Until the image is written, and while ffmpeg is being restarted, pictures are dropped:
 *   nothing of the camera's own pictures is ever published on the masked hub.
 * - ffmpeg ending by itself is a gap (`stopped`, cause `error`) and a restart after a back-off
 *   that grows with repeated failures (`restartDelayMs`); never an exception.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock, Logger, TimerHandle } from '../app/index.ts';
import { ffmpegPath } from '../app/index.ts';
import type { HubSubscriber, StreamHub, Subscription } from '../ingest/index.ts';
import type { GapCause, StreamEvent, StreamInfo, TimedAccessUnit } from '../ingest/index.ts';
import { ReencodedOutput } from '../live/index.ts';
import { toAnnexB } from '../media/index.ts';
import type { Polygon } from '../privacy/index.ts';
import { maskImage } from './mask-image.ts';
import { maskedEncodeArgs } from './masked-args.ts';

/** Most input bytes waiting in ffmpeg's stdin before the encoder skips to a key frame. */
const MAX_STDIN_BYTES = 4 * 1024 * 1024;
/** Most input pictures waiting for their output picture (a stuck encoder is restarted). */
const MAX_PENDING = 250;
/** A run of ffmpeg this long (ms) counts as healthy: the back-off starts again from its first step. */
const HEALTHY_RUN_MS = 10_000;

/** The wait before restart number `attempt` (1 = first) after ffmpeg failed: 0.5 s doubling to 10 s. */
export function restartDelayMs(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
}

/** What an encoder needs. */
export interface MaskedEncoderDeps {
  clock: Clock;
  logger: Logger;
  /** The masks to paint now (normalised polygons). */
  polygons: readonly Polygon[];
  /** The ffmpeg binary (default: `ffmpegPath()`). */
  ffmpeg?: string;
}

/** One running masked stream: from `input` to `output`, through ffmpeg. */
export class MaskedEncoder implements HubSubscriber {
  private proc: ChildProcessWithoutNullStreams | undefined;
  private procStartedMs = 0;
  private readonly out = new ReencodedOutput();
  private info: StreamInfo | undefined;
  private polygons: readonly Polygon[];
  private masksKey: string;
  private image: { path: string; x: number; y: number } | undefined;
  /** The folder of the mask images, made on first use. */
  private dir: Promise<string> | undefined;
  /** Bumped by every restart: an image written for an older one is not used. */
  private generation = 0;
  private needKey = true;
  private stopped = false;
  private failures = 0;
  private retry: TimerHandle | undefined;
  private spawned = 0;
  private readonly subscription: Subscription;

  constructor(
    input: StreamHub,
    private readonly output: StreamHub,
    private readonly deps: MaskedEncoderDeps,
  ) {
    this.polygons = deps.polygons;
    this.masksKey = JSON.stringify(deps.polygons);
    this.subscription = input.subscribe(this, { name: 'masking' });
  }

  /** ffmpeg processes started so far (one per start, restart and mask change). */
  get processesStarted(): number {
    return this.spawned;
  }

  /** Paints `polygons` from now on; restarts ffmpeg when they differ from the current ones. */
  updateMasks(polygons: readonly Polygon[]): void {
    const key = JSON.stringify(polygons);
    if (this.stopped || key === this.masksKey) return;
    this.polygons = polygons;
    this.masksKey = key;
    this.deps.logger.info({ masks: polygons.length }, 'masking: masks changed; encoder restarts');
    this.restart('privacy masks changed');
  }

  /** Ends the subscription and ffmpeg; the masked hub reports a gap if it was live. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.retry?.cancel();
    this.subscription.close();
    this.kill();
    if (this.out.live) this.publishStopped('restart', 'nobody watches: masking stopped');
    this.dir
      ?.then((dir) => rm(dir, { recursive: true, force: true }))
      .catch((err: unknown) => {
        this.deps.logger.warn({ err }, 'masking: could not remove the mask image');
      });
  }

  onEvent(event: StreamEvent): void {
    if (this.stopped) return;
    switch (event.type) {
      case 'started':
      case 'info-changed':
        this.info = event.info;
        this.restart('stream changed');
        return;
      case 'stopped':
        this.kill();
        this.needKey = true;
        if (this.out.live) this.publishStopped(event.cause, event.message);
        return;
      case 'frame':
        this.feed(event.frame);
    }
  }

  isBehind(): boolean {
    return (this.proc?.stdin.writableLength ?? 0) > MAX_STDIN_BYTES;
  }

  onSkipped(frames: number): void {
    this.deps.logger.debug({ frames }, 'masking behind: skipped to a key frame');
  }

  /** Drops ffmpeg and the image; writes the image for the current stream and masks. */
  private restart(message: string): void {
    this.kill();
    this.needKey = true;
    this.image = undefined;
    if (this.out.live) this.publishStopped('restart', message);
    const generation = ++this.generation;
    const info = this.info;
    if (info === undefined) return;
    this.writeImage(info, this.polygons, generation).then(
      (file) => {
        if (this.stopped || generation !== this.generation) return;
        this.image = file;
      },
      (err: unknown) => {
        if (this.stopped || generation !== this.generation) return;
        this.deps.logger.error({ err }, 'masking: could not write the mask image');
        this.scheduleRetry();
      },
    );
  }

  /** Writes the image of one restart (its own file: a slower older write cannot overwrite it). */
  private async writeImage(
    info: StreamInfo,
    polygons: readonly Polygon[],
    generation: number,
  ): Promise<{ path: string; x: number; y: number }> {
    this.dir ??= mkdtemp(path.join(tmpdir(), 'vedetta-masking-'));
    const file = path.join(await this.dir, `mask-${generation}.pam`);
    const img = maskImage(polygons, info.width, info.height);
    await writeFile(file, img.pam);
    return { path: file, x: img.x, y: img.y };
  }

  private feed(frame: TimedAccessUnit): void {
    const image = this.image;
    const info = this.info;
    if (image === undefined || info === undefined || this.retry !== undefined) return;
    if (this.needKey && !frame.isKey) return;
    const proc = this.proc ?? this.spawn(info, image);
    this.needKey = false;
    let nalus = frame.nalus;
    const p = info.params;
    if (frame.isKey) {
      if (p.codec === 'h265' && !nalus.some((n) => (n[0] ?? 0) >> 1 === 32)) {
        nalus = [p.vps, p.sps, p.pps, ...nalus];
      } else if (p.codec === 'h264' && !nalus.some((n) => ((n[0] ?? 0) & 0x1f) === 7)) {
        nalus = [p.sps, p.pps, ...nalus];
      }
    }
    this.out.sent(frame);
    if (this.out.waiting > MAX_PENDING) {
      this.deps.logger.warn('masking: encoder stuck; restarting');
      this.restart('masking encoder stuck');
      return;
    }
    proc.stdin.write(toAnnexB(nalus));
  }

  private spawn(
    info: StreamInfo,
    image: { path: string; x: number; y: number },
  ): ChildProcessWithoutNullStreams {
    const { x, y } = image;
    const args = maskedEncodeArgs({ codec: info.params.codec, imagePath: image.path, x, y });
    const proc = spawn(this.deps.ffmpeg ?? ffmpegPath(), args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    this.spawned++;
    this.procStartedMs = this.deps.clock.monotonicMs();
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    proc.stdout.on('data', (d: Buffer) => this.onOutput(proc, d));
    proc.stdin.on('error', () => undefined);
    proc.on('error', (err) => this.deps.logger.error({ err }, 'masking: ffmpeg did not start'));
    proc.on('exit', (code, signal) => {
      if (this.proc !== proc) return;
      this.proc = undefined;
      if (this.stopped) return;
      this.deps.logger.warn({ code, signal, stderr }, 'masking: ffmpeg exited');
      this.out.reset();
      this.needKey = true;
      if (this.out.live) this.publishStopped('error', 'masking encoder stopped');
      this.scheduleRetry();
    });
    return proc;
  }

  /** Drops pictures for a while after a failure; the wait grows with repeated failures. */
  private scheduleRetry(): void {
    const ranMs = this.deps.clock.monotonicMs() - this.procStartedMs;
    this.failures = ranMs >= HEALTHY_RUN_MS ? 1 : this.failures + 1;
    this.retry?.cancel();
    this.retry = this.deps.clock.setTimeout(() => {
      this.retry = undefined;
      if (this.stopped) return;
      if (this.image === undefined) this.restart('masking encoder restarted');
    }, restartDelayMs(this.failures));
  }

  private onOutput(proc: ChildProcessWithoutNullStreams, chunk: Buffer): void {
    if (this.proc !== proc) return;
    let events;
    try {
      events = this.out.push(chunk);
    } catch (err) {
      this.deps.logger.warn({ err }, 'masking: unreadable output; restarting');
      this.restart('masking encoder restarted');
      return;
    }
    for (const e of events) this.output.publish(e);
  }

  private kill(): void {
    const proc = this.proc;
    this.proc = undefined;
    this.out.reset();
    if (proc !== undefined) {
      proc.stdin.destroy();
      proc.kill('SIGKILL');
    }
  }

  private publishStopped(cause: GapCause, message: string): void {
    this.out.stopped();
    this.output.publish({ type: 'stopped', cause, atMs: this.deps.clock.nowMs(), message });
  }
}
