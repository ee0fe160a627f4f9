/**
 * The real `StreamOpener`: an RTSP session (rtsp-client.ts) feeding a MediaPipeline. Each packet
 * is stamped with the clock's wall and monotonic time as it is taken off the socket.
 */
import type { Clock, Logger } from '../app/index.ts';
import type { Credentials } from '../media/index.ts';
import type { StreamOpener } from './connection.ts';
import { IngestError } from './errors.ts';
import { MediaPipeline } from './media-pipeline.ts';
import type { ReadBatcher } from './read-batcher.ts';
import { openRtspSession } from './rtsp-client.ts';
import type { TimelineOptions } from './timeline.ts';

/** Where a camera stream is and how to talk to it. */
export interface RtspOpenerOptions {
  /** `rtsp://host[:port]/path`, without credentials. */
  url: string;
  credentials?: Credentials;
  /** See `RtspClientOptions.allowBasicOverPlainRtsp`. */
  allowBasicOverPlainRtsp?: boolean;
  clock: Clock;
  logger: Logger;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  timeline?: Partial<TimelineOptions>;
  /** Frames are lent (see `MediaPipelineOptions.lendFrames`): for a hub. Default false. */
  lendFrames?: boolean;
  /** Makes batched reads possible (`StreamConnection.setBatchedReads`). */
  readBatcher?: ReadBatcher;
}

/** An opener that plays a camera stream over RTSP with TCP interleaved transport. */
export function rtspOpener(opts: RtspOpenerOptions): StreamOpener {
  const { clock } = opts;
  return async (handlers) => {
    let pipeline: MediaPipeline | undefined;
    const session = await openRtspSession({
      url: opts.url,
      credentials: opts.credentials,
      allowBasicOverPlainRtsp: opts.allowBasicOverPlainRtsp,
      clock,
      logger: opts.logger,
      connectTimeoutMs: opts.connectTimeoutMs,
      requestTimeoutMs: opts.requestTimeoutMs,
      readBatcher: opts.readBatcher,
      onDescribed(video) {
        const codec = video.codec;
        if (codec === undefined) {
          throw new IngestError('error', `unsupported video codec ${video.encodingName}`, {
            definitive: true,
          });
        }
        const p = new MediaPipeline(
          {
            codec,
            payloadType: video.payloadType,
            sdpParams: video.params,
            timeline: opts.timeline,
            lendFrames: opts.lendFrames ?? false,
          },
          (event) => handlers.event(event),
        );
        pipeline = p;
        return {
          rtp: (data, start, end, at) => p.rtpAt(data, start, end, at.wallMs, at.monoMs),
          rtcp: (data, start, end, at) => p.rtcp(data.subarray(start, end), at.wallMs),
        };
      },
      onClose: (error) => handlers.closed(error),
    });
    const p = pipeline;
    if (!p) {
      await session.close();
      throw new IngestError('error', 'RTSP session opened without a video pipeline');
    }
    return {
      counters: p.counters,
      close: () => session.close(),
      fail: (error) => session.fail(error),
      setBatchedReads: (on) => session.setBatchedReads(on),
    };
  };
}
