/**
 * Plays a live stream from the MSE WebSocket (`/api/live/{camera}/{stream}/mse`): a MediaSource
 * per init segment, fragments appended in order, and the playhead kept at the live edge — when
 * it falls more than `maxLagSeconds` behind the newest buffered frame it jumps ahead instead of
 * drifting. Old media is removed as it plays, and an append queue that grows (a slow tab) is
 * emptied and restarted at the next key frame, so memory stays bounded.
 */
import type { PlayerEvents } from './player-state.ts';

/** Tunables of the MSE player. */
export interface MsePlayerOptions {
  /**
   * Behind the newest frame by more than this, the playhead jumps ahead (default 0.5 s); less
   * far behind than that but past the target, it plays 10 % faster until it catches up.
   */
  maxLagSeconds?: number;
  /** Where the jump lands, and where the playhead is kept, behind the newest frame (default 0.1 s). */
  targetLagSeconds?: number;
  /** Media kept behind the playhead (default 6 s). */
  keepSeconds?: number;
  /** Fragments waiting to be appended beyond which the queue restarts at a key frame (default 60). */
  maxQueued?: number;
}

interface ServerMessage {
  type?: string;
  mimeType?: string;
  codec?: string;
  cause?: string;
  reason?: string;
  mediaTime?: number;
  wallMs?: number;
}

/** WebSocket close codes sent by the server. */
const CLOSE_SESSION_ENDED = 4001;
const CLOSE_PERMISSION_REVOKED = 4003;

/** One MSE live stream into one video element. */
export class MsePlayer {
  private ws: WebSocket | undefined;
  private mediaSource: MediaSource | undefined;
  private buffer: SourceBuffer | undefined;
  private objectUrl: string | undefined;
  private queue: ArrayBuffer[] = [];
  private waitingForInit = false;
  private dropUntilKey = false;
  private nextIsKey = false;
  private clock: { mediaTime: number; wallMs: number } | undefined;
  private stopped = false;
  private readonly maxLag: number;
  private readonly targetLag: number;
  private readonly keep: number;
  private readonly maxQueued: number;
  /** Fragments received (for the tile's diagnostics and the tests). */
  fragments = 0;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly events: PlayerEvents,
    options: MsePlayerOptions = {},
  ) {
    this.maxLag = options.maxLagSeconds ?? 0.5;
    this.targetLag = options.targetLagSeconds ?? 0.1;
    this.keep = options.keepSeconds ?? 6;
    this.maxQueued = options.maxQueued ?? 60;
  }

  /** Opens the WebSocket. */
  start(): void {
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
      if (typeof e.data === 'string') this.onText(e.data);
      else this.onBinary(e.data);
    };
    ws.onclose = (e) => {
      if (this.stopped) return;
      if (e.code === CLOSE_SESSION_ENDED) this.events.onState({ kind: 'signed-out' });
      else if (e.code === CLOSE_PERMISSION_REVOKED) this.events.onState({ kind: 'denied' });
      else this.events.onState({ kind: 'error', message: `connection closed (${e.code})` });
    };
  }

  /** Closes the stream and releases the media. */
  stop(): void {
    this.stopped = true;
    this.ws?.close();
    this.ws = undefined;
    this.resetMedia();
  }

  /** The camera's wall clock of the frame at `mediaTime`, once the server sent a clock. */
  captureWallMs(mediaTime: number): number | undefined {
    const c = this.clock;
    return c === undefined ? undefined : c.wallMs + (mediaTime - c.mediaTime) * 1000;
  }

  private onText(text: string): void {
    let m: ServerMessage;
    try {
      m = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    switch (m.type) {
      case 'init':
        this.onInit(m.mimeType ?? '', m.codec ?? '');
        return;
      case 'clock':
        if (typeof m.mediaTime === 'number' && typeof m.wallMs === 'number') {
          this.clock = { mediaTime: m.mediaTime, wallMs: m.wallMs };
        }
        this.nextIsKey = true;
        return;
      case 'waiting':
        this.events.onState({ kind: 'waiting' });
        return;
      case 'offline':
        this.resetMedia();
        this.events.onState({ kind: 'offline', cause: m.cause ?? 'offline' });
        return;
      case 'ended':
        return;
    }
  }

  private onInit(mimeType: string, codec: string): void {
    this.resetMedia();
    if (typeof MediaSource === 'undefined' || !MediaSource.isTypeSupported(mimeType)) {
      this.events.onState({ kind: 'unsupported', codec });
      this.stopped = true;
      this.ws?.close();
      return;
    }
    this.events.onState({ kind: 'connecting' });
    const ms = new MediaSource();
    this.mediaSource = ms;
    this.objectUrl = URL.createObjectURL(ms);
    this.video.src = this.objectUrl;
    this.waitingForInit = true;
    ms.addEventListener(
      'sourceopen',
      () => {
        if (this.mediaSource !== ms) return;
        const sb = ms.addSourceBuffer(mimeType);
        sb.mode = 'segments';
        sb.addEventListener('updateend', () => this.afterAppend());
        this.buffer = sb;
        this.pump();
      },
      { once: true },
    );
  }

  private onBinary(data: ArrayBuffer): void {
    if (this.mediaSource === undefined) return;
    if (this.waitingForInit) {
      // The init segment always comes right after the init message.
      this.waitingForInit = false;
      this.queue.unshift(data);
      this.pump();
      return;
    }
    this.fragments++;
    const isKey = this.nextIsKey;
    this.nextIsKey = false;
    if (this.dropUntilKey) {
      if (!isKey) return;
      this.dropUntilKey = false;
    }
    if (this.queue.length >= this.maxQueued) {
      this.queue = [];
      this.dropUntilKey = !isKey;
      if (!isKey) return;
    }
    this.queue.push(data);
    this.pump();
  }

  private pump(): void {
    const sb = this.buffer;
    if (sb === undefined || sb.updating || this.mediaSource?.readyState !== 'open') return;
    const next = this.queue.shift();
    if (next === undefined) return;
    try {
      sb.appendBuffer(next);
    } catch (e) {
      // QuotaExceeded or a decode error: start over at the next key frame.
      this.queue = [];
      this.dropUntilKey = true;
      this.events.onState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private afterAppend(): void {
    const sb = this.buffer;
    const v = this.video;
    if (sb === undefined) return;
    const ranges = sb.buffered;
    if (ranges.length > 0) {
      const end = ranges.end(ranges.length - 1);
      const start = ranges.start(0);
      const lag = end - v.currentTime;
      if (lag > this.maxLag || v.currentTime < ranges.start(ranges.length - 1)) {
        v.currentTime = Math.max(ranges.start(ranges.length - 1), end - this.targetLag);
      } else {
        // A little behind: play slightly faster until back at the target, without a jump.
        v.playbackRate = lag > this.targetLag * 1.5 ? 1.1 : 1;
      }
      if (v.paused) v.play().catch(() => undefined);
      if (v.currentTime - start > this.keep * 2 && !sb.updating) {
        sb.remove(start, v.currentTime - this.keep);
        return;
      }
    }
    this.pump();
  }

  private resetMedia(): void {
    this.queue = [];
    this.buffer = undefined;
    this.waitingForInit = false;
    this.dropUntilKey = false;
    const ms = this.mediaSource;
    this.mediaSource = undefined;
    if (ms?.readyState === 'open') {
      try {
        ms.endOfStream();
      } catch {
        // Already ending.
      }
    }
    if (this.objectUrl !== undefined) {
      this.video.removeAttribute('src');
      this.video.load();
      URL.revokeObjectURL(this.objectUrl);
      this.objectUrl = undefined;
    }
  }
}
