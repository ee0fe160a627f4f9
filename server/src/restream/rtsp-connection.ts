/**
 * One client connection of the re-stream (RTSP over TCP, or over TLS for RTSPS): reads requests
 * with the shared RTSP stream parser (bounded heads and bodies; a malformed request is answered
 * 400 and the connection closed), handles them one at a time, keeps at most one session with a
 * timeout, and sends the video through an `RtpOut`. What RTSP methods do is in `rtsp-methods.ts`.
 */
import type { Socket } from 'node:net';
import type { Clock, Logger, TimerHandle } from '../app/index.ts';
import type { StreamHub, Subscription } from '../ingest/index.ts';
import {
  RtspParseError,
  RtspStreamParser,
  writeResponse,
  type RtspHeadersInit,
  type RtspItem,
  type RtspRequest,
} from '../media/index.ts';
import type { DigestAuthenticator } from './digest-auth.ts';
import type { StreamPath } from './paths.ts';
import type { RestreamAudit, RestreamStopReason, SessionRecord } from './restream-audit.ts';
import type { RestreamRefusal } from './restream-access.ts';
import type { RtpOut } from './rtp-out.ts';
import type { ServiceAccount } from './service-accounts.ts';
import { handleRequest } from './rtsp-methods.ts';

/** What opening a camera stream for an account gives: its hub, or why not. */
export type Admission = { hub: StreamHub } | { refused: RestreamRefusal };

/** What connections share with their server. */
export interface ConnectionContext {
  clock: Clock;
  logger: Logger;
  authenticator: DigestAuthenticator;
  audit: RestreamAudit;
  /** RTSPS (TLS) listener. */
  secure: boolean;
  sessionTimeoutSeconds: number;
  /** How long DESCRIBE waits for a camera that is not streaming yet, ms. */
  describeWaitMs: number;
  softLimitBytes: number;
  hardLimitBytes: number;
  /** Access (agreements, the account) and the video source (masks), in that order. */
  admit(account: ServiceAccount, path: StreamPath): Promise<Admission>;
  /** The account as stored now; undefined when it was removed. */
  reload(account: ServiceAccount): Promise<ServiceAccount | undefined>;
  /** Wait before answering wrong credentials, ms (slows guessing). */
  failedAuthDelayMs(): number;
}

/** The camera stream a connection has opened (DESCRIBE or SETUP) and holds demand on. */
export interface OpenStream {
  path: StreamPath;
  hub: StreamHub;
  subscription: Subscription;
  out: RtpOut | undefined;
}

/** The connection's RTSP session (after SETUP). */
export interface RtspSessionState {
  id: string;
  channel: number;
  ssrc: number;
  firstSeq: number;
  baseTimestamp: number;
  trackUrl: string;
  /** Set while playing (after the first PLAY): what the audit trail names. */
  record: SessionRecord | undefined;
}

/** A connection that has not signed in by then is closed, so idle strangers hold no slot. */
export const SIGN_IN_TIMEOUT_MS = 15_000;
const MAX_HEADER_BYTES = 8 * 1024;
const MAX_BODY_BYTES = 4 * 1024;

/** A client connection. */
export class RestreamConnection {
  private readonly parser = new RtspStreamParser({
    maxHeaderBytes: MAX_HEADER_BYTES,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  private queue: Promise<void> = Promise.resolve();
  private lastActiveMs: number;
  private readonly openedMs: number;
  private timeoutTimer: TimerHandle | undefined;
  closed = false;
  readonly log: Logger;
  readonly sourceAddress: string | null;
  /** The account that last authenticated on this connection. */
  account: ServiceAccount | undefined;
  stream: OpenStream | undefined;
  session: RtspSessionState | undefined;

  constructor(
    readonly socket: Socket,
    readonly ctx: ConnectionContext,
  ) {
    this.sourceAddress = socket.remoteAddress?.replace(/^::ffff:/, '') ?? null;
    this.log = ctx.logger.child({ remote: `${this.sourceAddress ?? '?'}:${socket.remotePort}` });
    this.lastActiveMs = ctx.clock.monotonicMs();
    this.openedMs = this.lastActiveMs;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.log.debug({ err }, 'restream connection error'));
    socket.on('close', () => this.cleanup('client_closed'));
    this.armTimeout();
  }

  /** Closes the connection now, ending its session for `reason`. */
  disconnect(reason: RestreamStopReason): void {
    this.cleanup(reason);
    this.socket.destroy();
  }

  /** True while a session is playing (what the re-check looks at). */
  get playing(): boolean {
    return this.session?.record !== undefined;
  }

  /**
   * Asks again whether the playing session may go on (account, agreements, and the same source:
   * masks drawn or removed change it); ends it when not. Called every `recheckSeconds` and at once on an access change.
   */
  async recheck(): Promise<void> {
    const record = this.session?.record;
    const stream = this.stream;
    if (record === undefined || stream === undefined || this.closed) return;
    const account = await this.ctx.reload(record.account);
    let refused: RestreamRefusal | undefined =
      account === undefined ? 'account_disabled' : undefined;
    if (account !== undefined) {
      const admission = await this.ctx.admit(account, stream.path);
      if ('refused' in admission) refused = admission.refused;
      // Another source now (masks drawn or removed): end it; the client reconnects to that one.
      else if (admission.hub !== stream.hub) refused = 'masked';
    }
    if (refused === undefined || this.closed || this.session?.record !== record) return;
    this.log.info({ cameraId: record.cameraId, refused }, 'restream session no longer allowed');
    this.ctx.audit.denied({
      account: record.account,
      cameraId: record.cameraId,
      stream: record.stream,
      sourceAddress: this.sourceAddress,
      reason: refused,
    });
    this.disconnect(refused === 'not_granted' ? 'permission_revoked' : refused);
  }

  /** Ends the session (TEARDOWN, close): audits its end when it was playing. */
  endSession(reason: RestreamStopReason): void {
    const s = this.session;
    this.session = undefined;
    const out = this.stream?.out;
    if (this.stream !== undefined) this.stream.out = undefined;
    out?.pause();
    if (s?.record !== undefined) {
      this.ctx.audit.stopped(s.record, this.ctx.clock.nowMs(), out?.bytesSent ?? 0, reason);
    }
  }

  /** Releases the open stream (its demand on the camera). */
  closeStream(): void {
    this.stream?.subscription.close();
    this.stream = undefined;
  }

  private cleanup(reason: RestreamStopReason): void {
    if (this.closed) return;
    this.closed = true;
    this.timeoutTimer?.cancel();
    this.endSession(reason);
    this.closeStream();
  }

  private armTimeout(): void {
    const limitMs = this.ctx.sessionTimeoutSeconds * 1000;
    const checkMs = Math.max(100, Math.min(limitMs, SIGN_IN_TIMEOUT_MS) / 4);
    this.timeoutTimer = this.ctx.clock.setTimeout(() => {
      if (this.closed) return;
      const now = this.ctx.clock.monotonicMs();
      if (this.account === undefined && now - this.openedMs >= SIGN_IN_TIMEOUT_MS) {
        this.log.info('restream connection closed: no sign-in');
        this.disconnect('timeout');
      } else if (now - this.lastActiveMs >= limitMs) {
        this.log.info('restream session timed out without keep-alive');
        this.disconnect('timeout');
      } else this.armTimeout();
    }, checkMs);
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let items: RtspItem[];
    try {
      items = this.parser.push(chunk);
    } catch (err) {
      if (!(err instanceof RtspParseError)) throw err;
      this.log.info({ err: err.message }, 'malformed rtsp input; closing');
      this.reply(undefined, 400, {}, `${err.message}\r\n`);
      this.cleanup('client_closed');
      this.socket.end();
      return;
    }
    this.lastActiveMs = this.ctx.clock.monotonicMs();
    for (const item of items) {
      // Interleaved frames (the client's RTCP receiver reports) only count as activity.
      if (item.kind !== 'request') continue;
      this.queue = this.queue.then(() => this.handle(item));
    }
  }

  private async handle(req: RtspRequest): Promise<void> {
    if (this.closed) return;
    try {
      await handleRequest(this, req);
    } catch (err) {
      if (err instanceof RtspParseError) {
        this.reply(req, 400, {}, `${err.message}\r\n`);
      } else {
        // One bad request must not take the server down.
        this.log.error({ err, method: req.method }, 'restream request failed');
        this.reply(req, 500);
      }
    }
    this.lastActiveMs = this.ctx.clock.monotonicMs();
  }

  /** Writes an answer (CSeq copied from the request). */
  reply(
    req: RtspRequest | undefined,
    statusCode: number,
    headers: Record<string, string | number> = {},
    body?: string,
  ): void {
    if (this.closed || this.socket.destroyed) return;
    const cseq = req?.headers.get('CSeq');
    const all: RtspHeadersInit = {
      ...(cseq === undefined ? {} : { CSeq: cseq }),
      Server: 'Vedetta',
      Date: new Date(this.ctx.clock.nowMs()).toUTCString(),
      ...headers,
      ...(body === undefined ? {} : { 'Content-Type': headers['Content-Type'] ?? 'text/plain' }),
    };
    this.socket.write(writeResponse({ statusCode, headers: all, body }));
  }
}
