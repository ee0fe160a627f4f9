/**
 * H.265 for browsers that cannot decode it: an on-demand H.264 transcode of a camera's
 * sub-stream (main when it has none), through ffmpeg (libx264, ultrafast, zerolatency, no
 * B-frames). One transcode per watched camera, behind a hub of its own: it starts when the first
 * viewer subscribes and stops when the last one leaves. Input frames keep their times: ffmpeg
 * emits one picture per picture in order (`-vsync 0`), so each output picture takes the times of
 * the oldest input picture not yet matched.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Clock, Logger } from '../app/index.ts';
import { ffmpegPath } from '../app/index.ts';
import { StreamHub, type HubSubscriber, type Subscription } from '../ingest/index.ts';
import type { GapCause, StreamEvent, StreamKind, TimedAccessUnit } from '../ingest/index.ts';
import { toAnnexB } from '../media/index.ts';
import type { CodecParams } from '../media/index.ts';
import { ReencodedOutput } from './reencoded-output.ts';
import type { HubSource } from './hub-source.ts';

/** ffmpeg arguments: H.265 Annex B on stdin, H.264 Annex B with delimiters on stdout. */
export const TRANSCODE_ARGS = [
  '-hide_banner',
  '-loglevel',
  'error',
  '-fflags',
  'nobuffer',
  '-flags',
  'low_delay',
  '-probesize',
  '32',
  '-analyzeduration',
  '0',
  '-f',
  'hevc',
  '-i',
  'pipe:0',
  '-an',
  '-vsync',
  '0',
  '-c:v',
  'libx264',
  '-preset',
  'ultrafast',
  '-tune',
  'zerolatency',
  '-bf',
  '0',
  '-g',
  '50',
  '-pix_fmt',
  'yuv420p',
  '-x264-params',
  'aud=1:repeat-headers=1',
  '-f',
  'h264',
  'pipe:1',
];

/** Most input bytes waiting in ffmpeg's stdin before the transcode skips to a key frame. */
const MAX_STDIN_BYTES = 4 * 1024 * 1024;
/** Most input pictures waiting for their output picture (a stuck encoder is restarted). */
const MAX_PENDING = 250;

/** The H.264 transcodes of H.265 cameras, one hub per camera. */
export class Transcoders {
  private readonly hubs = new Map<string, StreamHub>();
  private readonly running = new Map<string, Transcode>();

  constructor(
    private readonly source: HubSource,
    private readonly deps: { clock: Clock; logger: Logger },
  ) {}

  /** Transcodes running now. */
  get count(): number {
    return this.running.size;
  }

  /** The H.264 hub of a camera's transcoded sub-stream (main without sub); undefined if none. */
  hub(cameraId: string): StreamHub | undefined {
    const existing = this.hubs.get(cameraId);
    if (existing) return existing;
    const kind: StreamKind = this.source.hub(cameraId, 'sub') ? 'sub' : 'main';
    const input = this.source.hub(cameraId, kind);
    if (input === undefined) return undefined;
    const hub = new StreamHub(cameraId, kind, {
      clock: this.deps.clock,
      logger: this.deps.logger,
      gopCacheMaxBytes: 1024 * 1024,
    });
    hub.onDemandChange((active) => {
      if (active) {
        const logger = this.deps.logger.child({ transcode: cameraId });
        const t = new Transcode(input, hub, this.deps.clock, logger);
        this.running.set(cameraId, t);
      } else {
        this.running.get(cameraId)?.stop();
        this.running.delete(cameraId);
      }
    });
    this.hubs.set(cameraId, hub);
    return hub;
  }

  /** Stops every transcode. */
  close(): void {
    for (const t of this.running.values()) t.stop();
    this.running.clear();
  }
}

/** One running transcode: subscribed to the H.265 hub, feeding ffmpeg, publishing H.264. */
class Transcode implements HubSubscriber {
  private proc: ChildProcessWithoutNullStreams | undefined;
  private readonly out = new ReencodedOutput();
  private params: CodecParams | undefined;
  private needKey = true;
  private stopped = false;
  private readonly subscription: Subscription;

  constructor(
    input: StreamHub,
    private readonly output: StreamHub,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.subscription = input.subscribe(this, { name: 'transcode' });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.subscription.close();
    this.kill();
    if (this.out.live) this.publishStopped('restart', 'nobody watches: transcode stopped');
  }

  onEvent(event: StreamEvent): void {
    if (this.stopped) return;
    switch (event.type) {
      case 'started':
      case 'info-changed':
        this.params = event.info.params;
        this.restart();
        return;
      case 'stopped':
        this.kill();
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
    this.logger.debug({ frames }, 'transcode behind: skipped to a key frame');
  }

  private feed(frame: TimedAccessUnit): void {
    if (this.needKey && !frame.isKey) return;
    const proc = this.proc ?? this.spawn();
    this.needKey = false;
    let nalus = frame.nalus;
    const p = this.params;
    if (frame.isKey && p?.codec === 'h265' && !nalus.some((n) => (n[0] ?? 0) >> 1 === 32)) {
      nalus = [p.vps, p.sps, p.pps, ...nalus];
    }
    this.out.sent(frame);
    if (this.out.waiting > MAX_PENDING) {
      this.logger.warn('transcode: encoder stuck; restarting');
      this.restart();
      return;
    }
    proc.stdin.write(toAnnexB(nalus));
  }

  private spawn(): ChildProcessWithoutNullStreams {
    const proc = spawn(ffmpegPath(), TRANSCODE_ARGS, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    proc.stdout.on('data', (d: Buffer) => this.onOutput(proc, d));
    proc.stdin.on('error', () => undefined);
    proc.on('exit', (code, signal) => {
      if (this.proc !== proc) return;
      this.proc = undefined;
      if (this.stopped) return;
      this.logger.warn({ code, signal, stderr }, 'transcode: ffmpeg exited');
      this.needKey = true;
      this.out.reset();
      if (this.out.live) this.publishStopped('error', 'transcoder stopped');
    });
    return proc;
  }

  private onOutput(proc: ChildProcessWithoutNullStreams, chunk: Buffer): void {
    if (this.proc !== proc) return;
    let events;
    try {
      events = this.out.push(chunk);
    } catch (err) {
      this.logger.warn({ err }, 'transcode: unreadable output; restarting');
      this.restart();
      return;
    }
    for (const e of events) this.output.publish(e);
  }

  private restart(): void {
    this.kill();
    this.needKey = true;
    if (this.out.live) this.publishStopped('restart', 'transcode restarted');
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
    this.output.publish({ type: 'stopped', cause, atMs: this.clock.nowMs(), message });
  }
}
