/**
 * WebRTC live view: the server answers a browser's offer with one send-only H.264 video track
 * (node-datachannel, i.e. libdatachannel: ICE, DTLS-SRTP in native code) and passes the camera's
 * H.264 through from the hub as RTP, without transcoding. One peer connection per viewer; it
 * starts at a key frame, skips to the next key frame when the transport refuses a packet, and
 * ends when the browser hangs up, the connection fails, or the registry ends the stream.
 */
import { randomInt, randomUUID } from 'node:crypto';
import nodeDataChannel from 'node-datachannel';
import type { DataChannel, PeerConnection, Track } from 'node-datachannel';
import { failedPrecondition, AppError } from '../app/index.ts';
import type { Logger } from '../app/index.ts';
import type { HubSubscriber, StreamHub, Subscription, StreamEvent } from '../ingest/index.ts';
import type { LiveViewers, StopReason, Viewer } from './live-viewers.ts';
import type { StreamGrant } from './stream-tokens.ts';
import { chooseH264, parseVideoOffer } from './webrtc-offer.ts';
import { H264RtpSender } from './webrtc-packets.ts';

/** WebRTC settings (config `live.webrtc`). */
export interface WebRtcSettings {
  /** Local address ICE binds and offers as its host candidate; all interfaces when absent. */
  bindAddress?: string;
  /** UDP port range for ICE; any when absent. */
  portRangeBegin?: number;
  portRangeEnd?: number;
  /** STUN/TURN servers as `stun:host:port` URLs; none on a closed network. */
  iceServers: string[];
  /** How long ICE gathering may take before the answer is sent with what was found, ms. */
  gatherTimeoutMs: number;
  /** A connection not established within this time is dropped, ms. */
  connectTimeoutMs: number;
}

/** Defaults of `WebRtcSettings`. */
export const DEFAULT_WEBRTC_SETTINGS: WebRtcSettings = {
  iceServers: [],
  gatherTimeoutMs: 3000,
  connectTimeoutMs: 15_000,
};

/** How long an ended stream's connection waits for the page to close it, ms. */
const ENDED_GRACE_MS = 5000;

/** An answered offer. */
export interface WebRtcAnswer {
  sessionId: string;
  sdp: string;
}

interface Session {
  id: string;
  userId: string;
  pc: PeerConnection;
  track: Track;
  viewer: Viewer | undefined;
  subscription: Subscription | undefined;
  /** The page's `status` data channel, when it opened one. */
  status: DataChannel | undefined;
  closed: boolean;
}

/** Creates and tracks the peer connections of WebRTC viewers. */
export class WebRtcGateway {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly deps: { viewers: LiveViewers; logger: Logger; settings: WebRtcSettings },
  ) {}

  /** Peer connections open now. */
  get count(): number {
    return this.sessions.size;
  }

  /**
   * Answers `offerSdp` for an admitted stream from `hub`. Throws `invalid_argument` for an offer
   * without usable H.264 and `failed_precondition` for an H.265 stream (the page then uses MSE).
   */
  async answer(grant: StreamGrant, hub: StreamHub, offerSdp: string): Promise<WebRtcAnswer> {
    const info = hub.info;
    if (info !== undefined && info.params.codec !== 'h264') {
      throw failedPrecondition('WebRTC carries H.264 only: this stream is H.265, use MSE');
    }
    const offer = parseVideoOffer(offerSdp);
    const profileIdc = info?.params.codec === 'h264' ? (info.params.sps[1] ?? 66) : 66;
    const codec = chooseH264(offer, profileIdc);
    const s = this.deps.settings;
    const id = randomUUID();
    const pc = new nodeDataChannel.PeerConnection(`live-${id.slice(0, 8)}`, {
      iceServers: s.iceServers,
      ...(s.bindAddress !== undefined ? { bindAddress: s.bindAddress } : {}),
      ...(s.portRangeBegin !== undefined ? { portRangeBegin: s.portRangeBegin } : {}),
      ...(s.portRangeEnd !== undefined ? { portRangeEnd: s.portRangeEnd } : {}),
    });
    const ssrc = randomInt(1, 0x7fffffff);
    const video = new nodeDataChannel.Video(offer.mid, 'SendOnly');
    video.addH264Codec(codec.payloadType, codec.fmtp);
    video.addSSRC(ssrc, 'vedetta', `vedetta-${grant.cameraId}`, 'video');
    const track = pc.addTrack(video);
    const session: Session = {
      id,
      userId: grant.principal.userId,
      pc,
      track,
      viewer: undefined,
      subscription: undefined,
      status: undefined,
      closed: false,
    };
    pc.onDataChannel((dc) => {
      session.status = dc;
      const now = (): void => {
        dc.sendMessage(JSON.stringify({ type: hub.live ? 'online' : 'waiting' }));
      };
      if (dc.isOpen()) now();
      else dc.onOpen(now);
    });
    this.sessions.set(id, session);
    const logger = this.deps.logger.child({ webrtc: id, cameraId: grant.cameraId });
    const connectTimer = setTimeout(() => {
      if (session.viewer === undefined) this.finish(session, 'error');
    }, s.connectTimeoutMs);
    pc.onStateChange((state) => {
      if (state === 'failed' || state === 'closed' || state === 'disconnected') {
        clearTimeout(connectTimer);
        this.finish(session, 'client_closed');
      }
    });
    track.onOpen(() => {
      clearTimeout(connectTimer);
      if (session.closed) return;
      const sender = new H264RtpSender(ssrc, codec.payloadType);
      const subscriber = new TrackSubscriber(session, sender, logger);
      this.deps.viewers
        .open(grant, 'webrtc', (reason) => this.finish(session, reason))
        .then(
          (viewer) => {
            session.viewer = viewer;
            if (session.closed) {
              viewer.end('client_closed');
              return;
            }
            session.subscription = hub.subscribe(subscriber, { name: `live:${viewer.id}` });
          },
          () => this.finish(session, 'error'),
        );
    });
    track.onClosed(() => this.finish(session, 'client_closed'));
    try {
      pc.setRemoteDescription(offerSdp, 'offer');
      const sdp = await this.gathered(pc, s.gatherTimeoutMs);
      return { sessionId: id, sdp };
    } catch (e) {
      clearTimeout(connectTimer);
      this.finish(session, 'error');
      if (e instanceof AppError) throw e;
      throw new AppError('invalid_argument', `sdp: the offer was not accepted (${String(e)})`);
    }
  }

  /**
   * Ends a viewer's connection at its request. Idempotent: a session already gone (the page
   * closing its peer connection often ends it first), unknown, or another user's is left as it
   * is, with the same silence, so the call never tells whether someone else's session exists.
   * Returns whether a session of this user was ended now.
   */
  hangUp(sessionId: string, userId: string): boolean {
    const session = this.sessions.get(sessionId);
    if (session === undefined || session.userId !== userId) return false;
    this.finish(session, 'client_closed');
    return true;
  }

  /** Closes every peer connection. */
  close(): void {
    for (const s of [...this.sessions.values()]) this.finish(s, 'server_shutdown');
  }

  private finish(session: Session, reason: StopReason): void {
    if (session.closed) return;
    session.closed = true;
    this.sessions.delete(session.id);
    session.subscription?.close();
    session.viewer?.end(reason);
    const close = (): void => {
      try {
        session.track.close();
        session.pc.close();
      } catch (err) {
        this.deps.logger.debug({ err }, 'webrtc: close failed');
      }
    };
    // The page learns why from the status channel: a closed peer connection alone may take it
    // many seconds to notice. Closing at once could drop the message (SCTP sends it from another
    // thread), so the connection stays open until the page, told, closes it (its data channel
    // closes), or `ENDED_GRACE_MS` at most: no media flows meanwhile, the subscription is gone.
    const dc = session.status;
    if (reason !== 'client_closed' && dc?.isOpen() === true) {
      const timer = setTimeout(close, ENDED_GRACE_MS);
      dc.onClosed(() => {
        clearTimeout(timer);
        close();
      });
      dc.sendMessage(JSON.stringify({ type: 'ended', reason }));
    } else {
      close();
    }
  }

  private gathered(pc: PeerConnection, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        const d = pc.localDescription();
        if (d === null) reject(failedPrecondition('WebRTC: no local description was produced'));
        else resolve(d.sdp);
      };
      const timer = setTimeout(done, timeoutMs);
      if (pc.gatheringState() === 'complete') done();
      else
        pc.onGatheringStateChange((state) => {
          if (state === 'complete') done();
        });
    });
  }
}

/**
 * Sends a hub's frames as RTP on one session's track, and the stream's state as JSON on its
 * `status` data channel: `{type:'offline', cause, message}` when video stops,
 * `{type:'online'}` when it starts again; `{type:'ended', reason}` when the server ends the stream.
 */
class TrackSubscriber implements HubSubscriber {
  constructor(
    private readonly session: Session,
    private readonly sender: H264RtpSender,
    private readonly logger: Logger,
  ) {}

  /** A send failed (the socket refused the packet): skip to the next key frame. */
  private failed = false;

  onEvent(event: StreamEvent): void {
    const track = this.session.track;
    switch (event.type) {
      case 'started':
      case 'info-changed':
        if (event.info.params.codec === 'h264') this.sender.setParams(event.info.params);
        this.status({ type: 'online' });
        return;
      case 'stopped':
        this.status({ type: 'offline', cause: event.cause, message: event.message });
        return;
      case 'frame':
        if (event.frame.codec !== 'h264' || !track.isOpen()) return;
        for (const packet of this.sender.packets(event.frame)) {
          const buf = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength);
          if (!track.sendMessageBinary(buf)) this.failed = true;
        }
    }
  }

  /**
   * Media goes out over UDP as soon as it is handed over: nothing queues here. A packet the
   * transport refused makes the viewer skip to the next key frame rather than show a broken
   * picture until then.
   */
  isBehind(): boolean {
    const behind = this.failed;
    this.failed = false;
    return behind;
  }

  onSkipped(frames: number): void {
    this.logger.debug({ frames }, 'webrtc viewer behind: skipped to a key frame');
  }

  private status(message: Record<string, unknown>): void {
    const dc = this.session.status;
    if (dc?.isOpen() === true) dc.sendMessage(JSON.stringify(message));
  }
}
