/**
 * Stream tokens: what a browser shows to open a live stream (MSE WebSocket or WebRTC offer). A
 * token is issued by an authenticated, authorised request and is bound to one user, one session,
 * one camera and one of its streams; it is short-lived and single-use, so that a copied address
 * cannot be replayed. Tokens live in memory only (never in the database or a log).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { StreamKind } from '../ingest/index.ts';

/** What a token was issued for: who may open which stream. */
export interface StreamGrant {
  principal: Principal;
  /** The session that asked for it; the stream ends when this session ends. */
  sessionToken: string;
  cameraId: string;
  stream: StreamKind;
  /** Watch the H.264 transcode of an H.265 camera (for browsers without H.265). */
  transcode: boolean;
  /** The address the request came from, for the audit trail. */
  sourceAddress: string;
}

/** A freshly issued token. */
export interface IssuedToken {
  token: string;
  /** UTC ms after which the token is refused. */
  expiresMs: number;
}

/** Why a token was refused (for the audit trail; the caller only learns "refused"). */
export type TokenRefusal = 'unknown_token' | 'expired_token' | 'wrong_camera' | 'wrong_user';

/** The result of `take`. */
export type TokenCheck =
  { ok: true; grant: StreamGrant } | { ok: false; reason: TokenRefusal; grant?: StreamGrant };

/** Tunables of the token store. */
export interface StreamTokenOptions {
  clock: Clock;
  /** Lifetime of a token, ms (default 30 s). */
  ttlMs?: number;
  /** Most tokens outstanding at once; the oldest are dropped beyond it (default 10 000). */
  maxOutstanding?: number;
}

interface Entry {
  grant: StreamGrant;
  expiresMs: number;
}

/** Issues and checks stream tokens. */
export class StreamTokens {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(private readonly opts: StreamTokenOptions) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.max = opts.maxOutstanding ?? 10_000;
  }

  /** Number of tokens issued and not yet used or expired. */
  get outstanding(): number {
    this.purge();
    return this.entries.size;
  }

  /** Issues a token for `grant`. */
  issue(grant: StreamGrant): IssuedToken {
    this.purge();
    while (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    const token = randomBytes(24).toString('base64url');
    const expiresMs = this.opts.clock.nowMs() + this.ttlMs;
    this.entries.set(token, { grant, expiresMs });
    return { token, expiresMs };
  }

  /**
   * Uses up a token for `cameraId`/`stream`, asked by the holder of `userId` (when the request
   * has a session). The token is gone afterwards, whatever the answer.
   */
  take(token: string, cameraId: string, stream: StreamKind, userId?: string): TokenCheck {
    const entry = this.entries.get(token);
    if (entry === undefined) return { ok: false, reason: 'unknown_token' };
    this.entries.delete(token);
    const { grant } = entry;
    if (this.opts.clock.nowMs() >= entry.expiresMs) {
      return { ok: false, reason: 'expired_token', grant };
    }
    if (grant.cameraId !== cameraId || grant.stream !== stream) {
      return { ok: false, reason: 'wrong_camera', grant };
    }
    if (userId !== undefined && grant.principal.userId !== userId) {
      return { ok: false, reason: 'wrong_user', grant };
    }
    return { ok: true, grant };
  }

  /** Drops every outstanding token of a user (account disabled, permission revoked). */
  revokeUser(userId: string): void {
    for (const [token, e] of this.entries) {
      if (e.grant.principal.userId === userId) this.entries.delete(token);
    }
  }

  private purge(): void {
    const now = this.opts.clock.nowMs();
    for (const [token, e] of this.entries) if (now >= e.expiresMs) this.entries.delete(token);
  }
}
