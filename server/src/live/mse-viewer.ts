/**
 * One browser watching a stream over MSE: a hub subscriber that writes JSON control messages and
 * fMP4 bytes to a WebSocket. The socket's `bufferedAmount` is the back-pressure signal: above
 * `maxBufferedBytes` the viewer reports itself behind and the hub drops its frames up to the next
 * key frame, so a slow browser costs at most that much memory here and then skips ahead.
 *
 * Messages to the page (text is JSON, binary is MP4):
 * - `{type:'init', codec, mimeType, width, height}` then the binary init segment;
 * - `{type:'clock', mediaTime, wallMs}` before each key frame's fragment;
 * - binary fragments, one per frame;
 * - `{type:'waiting'}` (no video yet), `{type:'offline', cause, message}` (video stopped),
 *   `{type:'skipped', frames}` (frames dropped because the page fell behind),
 *   `{type:'ended', reason}` (the server ends the stream; the socket closes next).
 */
import type { HubSubscriber, StreamEvent } from '../ingest/index.ts';
import { LiveMuxer } from './live-muxer.ts';

/** The part of a WebSocket the viewer uses. */
export interface LiveSocket {
  send(data: string | Uint8Array): void;
  readonly bufferedAmount: number;
}

/** Counters of one MSE viewer. */
export interface MseViewerStats {
  fragments: number;
  bytes: number;
  skippedFrames: number;
  inits: number;
}

/** Tunables of an MSE viewer. */
export interface MseViewerOptions {
  /** Above this many unsent bytes the viewer skips to the next key frame (default 1 MiB). */
  maxBufferedBytes?: number;
}

/** A hub subscriber that streams fMP4 to one WebSocket. */
export class MseViewer implements HubSubscriber {
  private readonly muxer = new LiveMuxer();
  private readonly maxBuffered: number;
  readonly stats: MseViewerStats = { fragments: 0, bytes: 0, skippedFrames: 0, inits: 0 };

  constructor(
    private readonly socket: LiveSocket,
    opts: MseViewerOptions = {},
  ) {
    this.maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  }

  /** Says that no video is flowing yet (sent when the subscription starts on an idle stream). */
  waiting(): void {
    this.json({ type: 'waiting' });
  }

  /** Says the server is ending the stream, and why. */
  ended(reason: string): void {
    this.json({ type: 'ended', reason });
  }

  onEvent(event: StreamEvent): void {
    switch (event.type) {
      case 'started':
      case 'info-changed': {
        const init = this.muxer.init(event.info);
        this.stats.inits++;
        this.json({
          type: 'init',
          codec: init.codec,
          mimeType: init.mimeType,
          width: init.width,
          height: init.height,
        });
        this.binary(init.segment);
        return;
      }
      case 'stopped':
        this.muxer.stop();
        this.json({ type: 'offline', cause: event.cause, message: event.message });
        return;
      case 'frame': {
        const fragment = this.muxer.fragment(event.frame);
        if (fragment === undefined) return;
        if (fragment.isKey) {
          this.json({ type: 'clock', mediaTime: fragment.mediaTime, wallMs: fragment.wallMs });
        }
        this.binary(fragment.bytes);
        this.stats.fragments++;
        return;
      }
    }
  }

  isBehind(): boolean {
    return this.socket.bufferedAmount > this.maxBuffered;
  }

  onSkipped(frames: number): void {
    this.stats.skippedFrames += frames;
    this.json({ type: 'skipped', frames });
  }

  private json(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  private binary(bytes: Uint8Array): void {
    this.stats.bytes += bytes.byteLength;
    this.socket.send(bytes);
  }
}
