/**
 * A minimal RTSP client for tests of the simulator (and of anything served by it): connects over
 * TCP, sends requests built with the shared RTSP writer, answers 401 challenges, runs
 * DESCRIBE/SETUP/PLAY, and records every interleaved RTP and RTCP packet with its arrival time.
 */
import net from 'node:net';
import {
  RtspStreamParser,
  authorizationFor,
  bodyText,
  parseAuthChallenges,
  parseRtpInfo,
  parseSession,
  pickChallenge,
  writeRequest,
  type AuthChallenge,
  type Credentials,
  type RtpInfoEntry,
  type RtspResponse,
  parseRtpPacket,
  sdpBaseUrl,
  videoStreams,
  type SdpVideoStream,
} from '../media/index.ts';

/** An RTP packet as received: header fields and payload. */
export interface ReceivedRtp {
  seq: number;
  timestamp: number;
  marker: boolean;
  ssrc: number;
  payloadType: number;
  payload: Uint8Array;
  /** `performance.now()` at arrival. */
  arrivalMs: number;
  /** True when the packet's RTP header was malformed (the corrupt fault); read with version 2. */
  malformed: boolean;
}

/** What `play()` learnt. */
export interface PlayResult {
  stream: SdpVideoStream;
  session: string;
  rtpInfo: RtpInfoEntry[];
}

function readRtp(bytes: Uint8Array): ReceivedRtp {
  const malformed = bytes.length > 0 && ((bytes[0] ?? 0) & 0xc0) !== 0x80;
  const fixed = malformed ? Uint8Array.from(bytes) : bytes;
  if (malformed) fixed[0] = ((fixed[0] ?? 0) & 0x3f) | 0x80;
  const p = parseRtpPacket(fixed);
  return {
    malformed,
    seq: p.sequenceNumber,
    timestamp: p.timestamp,
    marker: p.marker,
    payloadType: p.payloadType,
    ssrc: p.ssrc,
    payload: p.payload,
    arrivalMs: performance.now(),
  };
}

/** A test RTSP client over one TCP connection. */
export class TestRtspClient {
  readonly rtp: ReceivedRtp[] = [];
  readonly rtcp: Uint8Array[] = [];
  /** Resolves when the server closes the connection (or it fails). */
  readonly closed: Promise<void>;
  private readonly parser = new RtspStreamParser();
  private readonly waiting: { cseq: string; resolve: (r: RtspResponse) => void }[] = [];
  private readonly watchers = new Set<() => void>();
  private cseq = 0;
  private challenge: AuthChallenge | undefined;
  private nc = 0;
  private isClosed = false;

  private constructor(
    private readonly socket: net.Socket,
    readonly url: string,
    private readonly credentials: Credentials | undefined,
  ) {
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.isClosed = true;
        this.notify();
        resolve();
      });
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      for (const item of this.parser.push(chunk)) {
        if (item.kind === 'interleaved') {
          if (item.channel % 2 === 0) this.rtp.push(readRtp(item.payload));
          else this.rtcp.push(item.payload);
        } else if (item.kind === 'response') {
          const cseq = item.headers.get('CSeq');
          const i = this.waiting.findIndex((w) => w.cseq === cseq);
          const [w] = i >= 0 ? this.waiting.splice(i, 1) : [];
          w?.resolve(item);
        }
      }
      this.notify();
    });
  }

  /** Connects to the host and port of an `rtsp://` URL. */
  static connect(url: string, credentials?: Credentials): Promise<TestRtspClient> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(u.port || 554), u.hostname, () => {
        socket.off('error', reject);
        resolve(new TestRtspClient(socket, url, credentials));
      });
      socket.once('error', reject);
    });
  }

  /** True once the server has closed the connection. */
  get isClosedNow(): boolean {
    return this.isClosed;
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }

  /** Sends a request and waits for its answer; with credentials, answers one 401 challenge. */
  async request(
    method: string,
    uri = this.url,
    headers: Record<string, string> = {},
  ): Promise<RtspResponse> {
    const res = await this.send(method, uri, headers);
    if (res.statusCode !== 401 || this.credentials === undefined) return res;
    this.challenge = pickChallenge(parseAuthChallenges(res.headers.getAll('WWW-Authenticate')));
    this.nc = 0;
    return this.send(method, uri, headers);
  }

  private send(
    method: string,
    uri: string,
    headers: Record<string, string>,
  ): Promise<RtspResponse> {
    const cseq = String(++this.cseq);
    const all: Record<string, string> = { CSeq: cseq, ...headers };
    if (this.challenge !== undefined && this.credentials !== undefined) {
      all.Authorization = authorizationFor(this.challenge, this.credentials, {
        method,
        uri,
        cnonce: 'c0ffee',
        nc: ++this.nc,
      });
    }
    const answer = new Promise<RtspResponse>((resolve, reject) => {
      this.waiting.push({ cseq, resolve });
      void this.closed.then(() =>
        reject(new Error(`connection closed before the ${method} answer`)),
      );
    });
    this.socket.write(writeRequest({ method, uri, headers: all }));
    return answer;
  }

  /** DESCRIBE, SETUP (interleaved 0-1) and PLAY; throws if any answer is not 200. */
  async play(): Promise<PlayResult> {
    const described = await this.request('DESCRIBE', this.url, { Accept: 'application/sdp' });
    if (described.statusCode !== 200) throw new Error(`DESCRIBE answered ${described.statusCode}`);
    const base = sdpBaseUrl(this.url, described.headers.get('Content-Base'));
    const [stream] = videoStreams(bodyText(described), base);
    if (stream === undefined) throw new Error('no video stream in the SDP');
    const setup = await this.request('SETUP', stream.control, {
      Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1',
    });
    if (setup.statusCode !== 200) throw new Error(`SETUP answered ${setup.statusCode}`);
    const session = parseSession(setup.headers.get('Session') ?? '').id;
    const played = await this.request('PLAY', base, { Session: session, Range: 'npt=0.000-' });
    if (played.statusCode !== 200) throw new Error(`PLAY answered ${played.statusCode}`);
    return { stream, session, rtpInfo: parseRtpInfo(played.headers.get('RTP-Info') ?? '') };
  }

  /** Resolves once `done()` is true (checked on every arrival), rejects after `timeoutMs`. */
  waitFor(done: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.watchers.delete(check);
      };
      this.watchers.add(check);
    });
  }

  /** Frames received so far: the index after each packet with the marker bit. */
  frameEnds(): number[] {
    return this.rtp.flatMap((p, i) => (p.marker ? [i] : []));
  }

  /** Closes the connection. */
  close(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }
}
