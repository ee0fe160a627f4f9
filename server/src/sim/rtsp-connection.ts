/**
 * One RTSP client connection to the simulator: reads requests with the shared RTSP stream parser,
 * answers OPTIONS, DESCRIBE, SETUP (TCP interleaved), PLAY, PAUSE, TEARDOWN, GET_PARAMETER and
 * SET_PARAMETER, checks credentials, keeps one session with a timeout, and hands PLAY to an
 * `RtpSender`. A connection to an offline camera is closed without an answer, as if the camera
 * were unreachable.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Clock, TimerHandle, Logger } from '../app/index.ts';
import {
  RtspParseError,
  RtspStreamParser,
  formatRtpInfo,
  formatSession,
  formatTransport,
  parseSession,
  parseTransport,
  writeResponse,
  type RtspHeadersInit,
  type RtspItem,
  type RtspRequest,
  type TransportSpec,
  writeSdp,
} from '../media/index.ts';
import type { Mount, MountListener } from './mount.ts';
import type { Pacer } from './pacer.ts';
import { VIDEO_PAYLOAD_TYPE } from './prepared-clip.ts';
import type { RtspAuthenticator } from './rtsp-auth.ts';
import { RtpSender } from './rtp-sender.ts';

/** What connections share with their server. */
export interface ConnectionContext {
  clock: Clock;
  pacer: Pacer;
  logger: Logger;
  /** Undefined when the cameras need no credentials. */
  auth: RtspAuthenticator | undefined;
  /** The mount for a path such as `cam-001` or `cam-001/sub`. */
  findMount(path: string): Mount | undefined;
  sessionTimeoutSeconds: number;
  senderReportMs: number;
  softLimitBytes: number;
  hardLimitBytes: number;
}

const PUBLIC = 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER';
const SERVER = 'Vedetta-Simulator/1.0';
/** The video track's control URL, relative to the Content-Base. */
const TRACK_CONTROL = 'trackID=0';

interface SimSession {
  id: string;
  mount: Mount;
  transport: TransportSpec;
  rtpChannel: number;
  ssrc: number;
  /** The URL the client set the track up with, for RTP-Info. */
  trackUrl: string;
  sender: RtpSender | undefined;
}

/** The mount path named by a request URI: no scheme, host, query, slashes or track suffix. */
export function mountPathOf(uri: string): string | undefined {
  let path: string;
  if (uri.startsWith('/')) path = uri;
  else {
    try {
      path = new URL(uri).pathname;
    } catch {
      return undefined;
    }
  }
  try {
    path = decodeURIComponent(path.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  path = path.replace(/^\/+|\/+$/g, '');
  path = path.replace(/\/?trackID=\d+$/i, '').replace(/\/+$/, '');
  return path;
}

/** A client connection and its (at most one) session. */
export class RtspConnection implements MountListener {
  private readonly parser = new RtspStreamParser();
  private session: SimSession | undefined;
  private lastActiveMs: number;
  private timeoutTimer: TimerHandle | undefined;
  private closed = false;
  private readonly log: Logger;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: ConnectionContext,
  ) {
    this.log = ctx.logger.child({ remote: `${socket.remoteAddress}:${socket.remotePort}` });
    this.lastActiveMs = ctx.clock.monotonicMs();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.log.debug({ err }, 'rtsp connection error'));
    socket.on('close', () => this.cleanup());
    this.armTimeout();
  }

  /** Closes the connection now (a fault, a timeout, a slow client, or server shutdown). */
  disconnect(): void {
    this.socket.destroy();
    this.cleanup();
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    this.timeoutTimer?.cancel();
    this.endSession();
  }

  private endSession(): void {
    const s = this.session;
    if (s === undefined) return;
    s.sender?.stop();
    s.mount.listeners.delete(this);
    this.session = undefined;
  }

  private armTimeout(): void {
    const limitMs = this.ctx.sessionTimeoutSeconds * 1000;
    this.timeoutTimer = this.ctx.clock.setTimeout(
      () => {
        if (this.closed) return;
        if (this.ctx.clock.monotonicMs() - this.lastActiveMs >= limitMs) {
          this.log.info('rtsp session timed out without keep-alive');
          this.disconnect();
        } else this.armTimeout();
      },
      Math.max(100, limitMs / 4),
    );
  }

  private onData(chunk: Buffer): void {
    let items: RtspItem[];
    try {
      items = this.parser.push(chunk);
    } catch (err) {
      if (!(err instanceof RtspParseError)) throw err;
      this.log.info({ err: err.message }, 'malformed rtsp input; closing');
      this.reply(undefined, 400);
      this.socket.end();
      return;
    }
    this.lastActiveMs = this.ctx.clock.monotonicMs();
    for (const item of items) {
      if (this.closed) return;
      if (item.kind === 'request') this.handle(item);
      // Interleaved frames (client RTCP receiver reports) only count as activity.
    }
  }

  private reply(
    req: RtspRequest | undefined,
    statusCode: number,
    headers: Record<string, string | number> = {},
    body?: string,
  ): void {
    if (this.closed) return;
    const cseq = req?.headers.get('CSeq');
    const all: RtspHeadersInit = {
      ...(cseq === undefined ? {} : { CSeq: cseq }),
      Server: SERVER,
      Date: new Date(this.ctx.clock.nowMs()).toUTCString(),
      ...headers,
    };
    this.socket.write(writeResponse({ statusCode, headers: all, body }));
  }

  private handle(req: RtspRequest): void {
    const path = mountPathOf(req.uri);
    const mount = path === undefined ? undefined : this.ctx.findMount(path);
    if (mount?.faults.isOffline(this.ctx.clock.monotonicMs()) === true) {
      this.disconnect();
      return;
    }
    if (req.method === 'OPTIONS') {
      this.reply(req, 200, { Public: PUBLIC });
      return;
    }
    if (mount === undefined) {
      this.reply(req, 404);
      return;
    }
    if (!this.authorised(req)) return;
    try {
      this.dispatch(req, mount);
    } catch (err) {
      if (err instanceof RtspParseError) {
        this.reply(req, 400, {}, `${err.message}\r\n`);
      } else {
        // One bad request must not take the simulator down.
        this.log.error({ err, method: req.method }, 'rtsp request failed');
        this.reply(req, 500);
      }
    }
  }

  private authorised(req: RtspRequest): boolean {
    const auth = this.ctx.auth;
    if (auth === undefined) return true;
    const outcome = auth.check(req.method, req.headers.get('Authorization'));
    if (outcome === 'ok') return true;
    if (outcome !== 'missing')
      this.log.info({ outcome, uri: req.uri }, 'rtsp authentication failed');
    this.reply(req, 401, { 'WWW-Authenticate': auth.challenge(outcome === 'stale') });
    return false;
  }

  private dispatch(req: RtspRequest, mount: Mount): void {
    switch (req.method) {
      case 'DESCRIBE':
        return this.describe(req, mount);
      case 'SETUP':
        return this.setup(req, mount);
      case 'PLAY':
        return this.play(req);
      case 'PAUSE':
        return this.pause(req);
      case 'TEARDOWN':
        if (!this.checkSession(req)) return;
        this.endSession();
        return this.reply(req, 200);
      case 'GET_PARAMETER':
      case 'SET_PARAMETER':
        if (req.headers.has('Session') && !this.checkSession(req)) return;
        return this.reply(req, 200);
      default:
        return this.reply(req, 501, { Public: PUBLIC });
    }
  }

  private describe(req: RtspRequest, mount: Mount): void {
    const clip = mount.clip;
    const sdp = writeSdp({
      codec: clip.spec.codec,
      payloadType: VIDEO_PAYLOAD_TYPE,
      params: clip.params,
      control: TRACK_CONTROL,
      sessionName: clip.spec.label || mount.path,
      sessionId: String(randomInt(1, 2 ** 47)),
      originAddress: this.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      framerate: clip.spec.fps,
    });
    const base = req.uri.endsWith('/') ? req.uri : `${req.uri}/`;
    this.reply(req, 200, { 'Content-Base': base, 'Content-Type': 'application/sdp' }, sdp);
  }

  private setup(req: RtspRequest, mount: Mount): void {
    const header = req.headers.get('Transport');
    if (header === undefined) return this.reply(req, 400, {}, 'SETUP without Transport\r\n');
    const tcp = parseTransport(header).find((t) => t.lowerTransport === 'TCP');
    if (tcp === undefined) return this.reply(req, 461);
    if (this.session !== undefined) {
      if (!this.checkSession(req)) return;
      if (this.session.mount !== mount) return this.reply(req, 459);
    } else if (req.headers.has('Session')) {
      return this.reply(req, 454);
    }
    const rtpChannel = tcp.interleaved?.rtp ?? 0;
    const transport: TransportSpec = {
      protocol: 'RTP',
      profile: 'AVP',
      lowerTransport: 'TCP',
      delivery: 'unicast',
      interleaved: { rtp: rtpChannel, rtcp: tcp.interleaved?.rtcp ?? rtpChannel + 1 },
      ssrc: this.session?.ssrc ?? randomInt(0, 2 ** 32),
      extra: [],
    };
    this.session?.sender?.stop();
    this.session = {
      id: this.session?.id ?? randomBytes(8).toString('hex').toUpperCase(),
      mount,
      transport,
      rtpChannel,
      ssrc: transport.ssrc ?? 0,
      trackUrl: req.uri,
      sender: undefined,
    };
    mount.listeners.add(this);
    this.reply(req, 200, {
      Transport: formatTransport(transport),
      Session: this.sessionHeader(),
    });
  }

  private sessionHeader(): string {
    const id = this.session?.id ?? '';
    return formatSession({ id, timeoutSeconds: this.ctx.sessionTimeoutSeconds });
  }

  /** True if the request names the connection's session; otherwise answers 454. */
  private checkSession(req: RtspRequest): boolean {
    const value = req.headers.get('Session');
    const id = value === undefined ? undefined : parseSession(value).id;
    if (this.session !== undefined && id === this.session.id) return true;
    this.reply(req, 454);
    return false;
  }

  private play(req: RtspRequest): void {
    if (!this.checkSession(req)) return;
    const s = this.session;
    if (s === undefined) return;
    if (s.sender === undefined) {
      s.sender = new RtpSender({
        mount: s.mount,
        clock: this.ctx.clock,
        pacer: this.ctx.pacer,
        sink: this.socket,
        rtpChannel: s.rtpChannel,
        ssrc: s.ssrc,
        firstSeq: randomInt(0, 0x10000),
        baseTimestamp: randomInt(0, 2 ** 32),
        senderReportMs: this.ctx.senderReportMs,
        softLimitBytes: this.ctx.softLimitBytes,
        hardLimitBytes: this.ctx.hardLimitBytes,
        onTooSlow: () => {
          this.log.warn({ mount: s.mount.path }, 'rtsp client too slow; closing its connection');
          this.disconnect();
        },
      });
    }
    const sender = s.sender;
    this.reply(req, 200, {
      Session: this.sessionHeader(),
      Range: 'npt=now-',
      'RTP-Info': formatRtpInfo([
        { url: s.trackUrl, seq: sender.firstSeq, rtptime: sender.firstTimestamp },
      ]),
    });
    sender.start();
  }

  private pause(req: RtspRequest): void {
    if (!this.checkSession(req)) return;
    const s = this.session;
    s?.sender?.stop();
    if (s !== undefined) s.sender = undefined;
    this.reply(req, 200, { Session: this.sessionHeader() });
  }
}
