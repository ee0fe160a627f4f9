/**
 * A bare RTSP client for the tests of answers (401, 403, 461, 400): one connection, requests
 * written with the media layer, answers read with its stream parser, Digest answered when asked.
 * The video itself is read by clients Vedetta did not write (ffmpeg, ffprobe, GStreamer).
 */
import net from 'node:net';
import {
  authorizationFor,
  parseAuthChallenges,
  pickChallenge,
  RtspStreamParser,
  writeRequest,
  type RtspResponse,
} from '../../src/media/index.ts';

/** One RTSP connection. */
export class RawRtsp {
  private readonly parser = new RtspStreamParser();
  private readonly answers: RtspResponse[] = [];
  private waiter: (() => void) | undefined;
  private cseq = 0;
  /** Interleaved frames received. */
  frames = 0;
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const item of this.parser.push(chunk)) {
        if (item.kind === 'response') this.answers.push(item);
        else if (item.kind === 'interleaved') this.frames++;
      }
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
    socket.on('error', () => undefined);
  }

  /** Connects to 127.0.0.1:port. */
  static connect(port: number): Promise<RawRtsp> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new RawRtsp(s)));
      s.once('error', reject);
    });
  }

  /** Writes raw bytes. */
  send(bytes: string | Uint8Array): void {
    this.socket.write(bytes);
  }

  /** The next answer; rejects if the connection closes first. */
  async next(): Promise<RtspResponse> {
    for (;;) {
      const a = this.answers.shift();
      if (a !== undefined) return a;
      if (this.closed) throw new Error('connection closed without an answer');
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** Sends a request and returns its answer. */
  async request(
    method: string,
    uri: string,
    headers: Record<string, string> = {},
  ): Promise<RtspResponse> {
    this.send(writeRequest({ method, uri, headers: { CSeq: ++this.cseq, ...headers } }));
    return this.next();
  }

  /** Sends a request, answering a Digest challenge with `user`/`password` once. */
  async authorized(
    method: string,
    uri: string,
    user: string,
    password: string,
    headers: Record<string, string> = {},
  ): Promise<RtspResponse> {
    const first = await this.request(method, uri, headers);
    if (first.statusCode !== 401) return first;
    const challenge = pickChallenge(parseAuthChallenges(first.headers.getAll('WWW-Authenticate')));
    if (challenge === undefined) throw new Error('401 without a challenge');
    const authorization = authorizationFor(
      challenge,
      { username: user, password },
      { method, uri, cnonce: 'c0ffee', nc: 1 },
    );
    return this.request(method, uri, { ...headers, Authorization: authorization });
  }

  close(): void {
    this.socket.destroy();
  }
}
