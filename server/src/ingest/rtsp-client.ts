/**
 * The RTSP client of one camera stream: OPTIONS, DESCRIBE (answering a 401 with Digest or Basic;
 * Basic over plain `rtsp://`, which puts the password on the network in clear, only when the
 * camera allows it explicitly: `allowBasicOverPlainRtsp`),
 * SETUP of the video track over TCP interleaved transport, PLAY; then keep-alive at half the
 * session timeout and TEARDOWN on close. The media arrives through the `MediaSink` the caller
 * returns from `onDescribed`, which is in place before PLAY so that no packet is missed.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, TimerHandle, Logger } from '../app/index.ts';
import {
  authorizationFor,
  bodyText,
  formatTransport,
  interleavedTransport,
  parseAuthChallenges,
  parseSession,
  parseTransport,
  pickChallenge,
  type AuthChallenge,
  type Credentials,
  type RtspResponse,
  parseSdp,
  sdpBaseUrl,
  sessionControl,
  videoStreams,
  type SdpVideoStream,
} from '../media/index.ts';
import { parseCameraUrl } from './camera-url.ts';
import { IngestError, toIngestError } from './errors.ts';
import type { ReadBatcher } from './read-batcher.ts';
import { RtspConnection, type ReadTime } from './rtsp-connection.ts';

/** Where the media of a playing session goes. Called inside the connection's error boundary. */
export interface MediaSink {
  /** One RTP packet, `data[start, end)`, valid only during the call, read at `at`. */
  rtp(data: Uint8Array, start: number, end: number, at: ReadTime): void;
  /** One RTCP packet, `data[start, end)`, valid only during the call, read at `at`. */
  rtcp(data: Uint8Array, start: number, end: number, at: ReadTime): void;
}

/** How to open a camera stream. */
export interface RtspClientOptions {
  /** `rtsp://host[:port]/path`; user information in it is used as credentials and stripped. */
  url: string;
  credentials?: Credentials;
  /**
   * Answer a Basic challenge over plain `rtsp://` (user and password in clear). Default false:
   * the session fails, offline, with an authentication error. Digest and `rtsps://` need no leave.
   */
  allowBasicOverPlainRtsp?: boolean;
  clock: Clock;
  logger: Logger;
  /** Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Default 5000 ms. */
  requestTimeoutMs?: number;
  /** Called with the chosen video stream after DESCRIBE; returns where its packets go. */
  onDescribed: (video: SdpVideoStream) => MediaSink;
  /** The session ended after it was opened (not called when opening fails). */
  onClose: (error: IngestError) => void;
  /** For batched reads (`RtspPlaySession.setBatchedReads`); none: always read at once. */
  readBatcher?: ReadBatcher;
}

/** A playing RTSP session. */
export interface RtspPlaySession {
  /** The video stream being played. */
  readonly video: SdpVideoStream;
  /** Session timeout announced by the camera, seconds (60 when not stated). */
  readonly timeoutSeconds: number;
  /** Bytes received on the connection so far. */
  readonly bytesIn: number;
  /** Sends TEARDOWN (waiting at most 1 s) and closes; `onClose` is not called. Idempotent. */
  close(): Promise<void>;
  /** Closes at once with an error; `onClose` gets it. */
  fail(error: IngestError): void;
  /** Batched reads on or off (see `RtspConnection.setBatchedReads`). */
  setBatchedReads(on: boolean): void;
}

const USER_AGENT = 'Vedetta';

class Handshake {
  private challenge: AuthChallenge | undefined;
  private nc = 0;
  private sessionId: string | undefined;

  constructor(
    private readonly conn: RtspConnection,
    private readonly credentials: Credentials | undefined,
    private readonly url: string,
    /** False on plain `rtsp://` unless the camera allows Basic there. */
    private readonly basicAllowed: boolean,
  ) {}

  setSession(id: string): void {
    this.sessionId = id;
  }

  /** Sends a request, answering one 401 challenge; non-2xx becomes an IngestError. */
  async send(
    method: string,
    uri: string,
    extra: [string, string][] = [],
    timeoutMs?: number,
    requireSuccess = true,
  ): Promise<RtspResponse> {
    let res = await this.conn.request(method, uri, this.headers(method, uri, extra), timeoutMs);
    if (res.statusCode === 401) {
      const fresh = pickChallenge(parseAuthChallenges(res.headers.getAll('WWW-Authenticate')));
      if (!this.credentials) {
        throw new IngestError(
          'offline',
          `${method}: camera requires authentication and no credentials are configured (401)`,
          { definitive: true },
        );
      }
      if (!fresh)
        throw new IngestError('offline', `${method}: 401 without a Basic or Digest challenge`, {
          definitive: true,
        });
      if (fresh.scheme === 'Basic' && !this.basicAllowed) {
        throw new IngestError(
          'offline',
          `authentication refused: the camera asks for Basic authentication, which would send the password in clear over plain rtsp:// (use Digest or rtsps://, or set allowBasicOverPlainRtsp on the camera)`,
          { definitive: true },
        );
      }
      const retry = !this.challenge || (fresh.scheme === 'Digest' && fresh.stale);
      this.challenge = fresh;
      this.nc = 0;
      if (retry)
        res = await this.conn.request(method, uri, this.headers(method, uri, extra), timeoutMs);
      if (res.statusCode === 401) {
        throw new IngestError(
          'offline',
          `authentication failed: camera refused the credentials of user "${this.credentials.username}" (401 ${res.reason})`,
          { definitive: true },
        );
      }
    }
    if (requireSuccess && (res.statusCode < 200 || res.statusCode > 299)) {
      const definitive = res.statusCode === 403 || res.statusCode === 404 || res.statusCode === 461;
      throw new IngestError(
        'offline',
        `${method} ${this.url}: camera answered ${res.statusCode} ${res.reason}`,
        { definitive },
      );
    }
    return res;
  }

  private headers(method: string, uri: string, extra: [string, string][]): [string, string][] {
    const h: [string, string][] = [['User-Agent', USER_AGENT], ...extra];
    if (this.sessionId !== undefined) h.push(['Session', this.sessionId]);
    if (this.challenge && this.credentials) {
      const cnonce = randomBytes(8).toString('hex');
      h.push([
        'Authorization',
        authorizationFor(this.challenge, this.credentials, { method, uri, cnonce, nc: ++this.nc }),
      ]);
    }
    return h;
  }
}

/** Opens and plays the video stream of a camera. Rejects with an IngestError. */
export async function openRtspSession(opts: RtspClientOptions): Promise<RtspPlaySession> {
  const address = parseCameraUrl(opts.url);
  const credentials = opts.credentials ?? address.credentials;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 5000;
  let sink: MediaSink | undefined;
  let channels = { rtp: 0, rtcp: 1 };
  let opened = false;
  let closeError: IngestError | undefined;
  let keepAliveTimer: TimerHandle | undefined;
  let session: RtspPlaySession | undefined;

  const conn = await RtspConnection.open({
    host: address.host,
    port: address.port,
    clock: opts.clock,
    readBatcher: opts.readBatcher,
    connectTimeoutMs: opts.connectTimeoutMs ?? 5000,
    requestTimeoutMs,
    onFrame(channel, data, start, end, at) {
      if (!sink) return;
      if (channel === channels.rtp) sink.rtp(data, start, end, at);
      else if (channel === channels.rtcp) sink.rtcp(data, start, end, at);
    },
    onClose(error) {
      closeError = error;
      keepAliveTimer?.cancel();
      if (opened) opts.onClose(error);
    },
  });
  const basicAllowed =
    opts.allowBasicOverPlainRtsp === true || new URL(address.url).protocol === 'rtsps:';
  const hs = new Handshake(conn, credentials, address.url, basicAllowed);
  try {
    // Some cameras do not implement OPTIONS; only an authentication failure is fatal here.
    const options = await hs.send('OPTIONS', address.url, [], undefined, false);
    const publicMethods = (options.headers.get('Public') ?? '').toUpperCase();
    const describe = await hs.send('DESCRIBE', address.url, [['Accept', 'application/sdp']]);
    const base = sdpBaseUrl(
      address.url,
      describe.headers.get('Content-Base'),
      describe.headers.get('Content-Location'),
    );
    const sdp = parseSdp(bodyText(describe));
    const streams = videoStreams(sdp, base);
    const video = streams.find((s) => s.codec !== undefined);
    if (!video) {
      const found = streams.map((s) => s.encodingName || '?').join(', ') || 'no video';
      throw new IngestError('error', `camera offers no H.264 or H.265 video (found: ${found})`, {
        definitive: true,
      });
    }
    sink = opts.onDescribed(video);
    const setup = await hs.send('SETUP', video.control, [
      ['Transport', formatTransport(interleavedTransport(0))],
    ]);
    const sessionValue = setup.headers.get('Session');
    if (sessionValue === undefined)
      throw new IngestError('error', 'SETUP answer has no Session header');
    const sessionHeader = parseSession(sessionValue);
    hs.setSession(sessionHeader.id);
    const transport = setup.headers.get('Transport');
    if (transport !== undefined) {
      const spec = parseTransport(transport)[0];
      if (spec?.lowerTransport === 'UDP') {
        throw new IngestError('error', 'camera refused RTP over TCP (answered a UDP transport)', {
          definitive: true,
        });
      }
      if (spec?.interleaved)
        channels = {
          rtp: spec.interleaved.rtp,
          rtcp: spec.interleaved.rtcp ?? spec.interleaved.rtp + 1,
        };
    }
    const playUrl = sessionControl(sdp.attributes, base);
    await hs.send('PLAY', playUrl, [['Range', 'npt=0.000-']]);
    const timeoutSeconds = sessionHeader.timeoutSeconds ?? 60;
    let useGetParameter = publicMethods.includes('GET_PARAMETER');
    const keepAlive = (): void => {
      keepAliveTimer = opts.clock.setTimeout(
        () => {
          if (conn.isClosed) return;
          const method = useGetParameter ? 'GET_PARAMETER' : 'OPTIONS';
          hs.send(method, method === 'OPTIONS' ? address.url : playUrl).then(
            () => undefined,
            (e: unknown) => {
              if (method === 'GET_PARAMETER') useGetParameter = false;
              opts.logger.debug({ err: e, url: address.url }, 'keep-alive not answered');
            },
          );
          keepAlive();
        },
        Math.max(5, timeoutSeconds / 2) * 1000,
      );
    };
    keepAlive();
    let closing = false;
    session = {
      video,
      timeoutSeconds,
      get bytesIn() {
        return conn.bytesIn;
      },
      async close() {
        if (closing || conn.isClosed) return;
        closing = true;
        opened = false;
        keepAliveTimer?.cancel();
        await hs.send('TEARDOWN', playUrl, [], 1000).then(
          () => undefined,
          () => undefined,
        );
        conn.close();
      },
      fail(error) {
        conn.close(error);
      },
      setBatchedReads(on) {
        conn.setBatchedReads(on);
      },
    };
    opened = true;
    if (closeError) throw closeError;
    return session;
  } catch (e) {
    keepAliveTimer?.cancel();
    const err = closeError ?? toIngestError(e, 'RTSP handshake');
    conn.close(err);
    throw e instanceof IngestError ? e : err;
  }
}
