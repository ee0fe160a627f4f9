/**
 * What an ffmpeg re-encoder writes on stdout — H.264 Annex B, one picture per input picture and
 * in order (`-vsync 0`) — turned back into a hub's events: each output picture takes the times of
 * the oldest input picture not yet matched, and the first key frame with its parameter sets
 * starts the output (`started`). Shared by the H.265 → H.264 transcode (`transcoder.ts`) and the
 * masked stream (`masking/`).
 */
import type { StreamEvent, TimedAccessUnit } from '../ingest/index.ts';
import { streamInfoOf } from '../ingest/index.ts';
import { AnnexBReader } from './annexb-reader.ts';

/** The output side of one re-encoder process. */
export class ReencodedOutput {
  private reader = new AnnexBReader();
  private pending: TimedAccessUnit[] = [];
  private params: { sps?: Uint8Array; pps?: Uint8Array } = {};
  private flowing = false;

  /** Whether `started` was given and pictures flow (until `stopped()`). */
  get live(): boolean {
    return this.flowing;
  }

  /** Input pictures written to the encoder and not matched yet. */
  get waiting(): number {
    return this.pending.length;
  }

  /** An input picture was written to the encoder: its times wait for its output picture. */
  sent(frame: TimedAccessUnit): void {
    this.pending.push(frame);
  }

  /** The encoder is gone (killed, exited): nothing waits, the next one's parameter sets differ. */
  reset(): void {
    this.reader = new AnnexBReader();
    this.pending = [];
    this.params = {};
  }

  /** The output was declared stopped: the next key frame starts it again. */
  stopped(): void {
    this.flowing = false;
  }

  /** Bytes from the encoder → the events to publish. Throws when the output cannot be read. */
  push(chunk: Buffer): StreamEvent[] {
    const events: StreamEvent[] = [];
    for (const unit of this.reader.push(chunk)) {
      const src = this.pending.shift();
      if (src === undefined) continue;
      for (const n of unit.nalus) {
        const type = (n[0] ?? 0) & 0x1f;
        if (type === 7) this.params.sps = n;
        if (type === 8) this.params.pps = n;
      }
      if (!this.flowing) {
        const { sps, pps } = this.params;
        if (!unit.isKey || sps === undefined || pps === undefined) continue;
        this.flowing = true;
        const info = streamInfoOf({ codec: 'h264', sps, pps });
        events.push({ type: 'started', info, atMs: src.wallMs });
      }
      events.push({
        type: 'frame',
        frame: {
          codec: 'h264',
          nalus: unit.nalus,
          isKey: unit.isKey,
          rtpTimestamp: src.rtpTimestamp,
          pts90k: src.pts90k,
          wallMs: src.wallMs,
        },
      });
    }
    return events;
  }
}
