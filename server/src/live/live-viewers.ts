/**
 * Every live stream being watched, whatever carries it (MSE WebSocket, WebRTC). Writes the audit
 * trail: `live.start` when a stream opens, `live.stop` with its duration and reason when it ends,
 * and `live.start` denied for every refusal. While streams run, each one's session and
 * permission are asked again every `recheckMs` (and at once on `recheckNow()`, which the access
 * module's revocation event calls): a stream whose session ended, or whose user may no longer
 * watch the camera, is ended by the server.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle, Logger } from '../app/index.ts';
import type { AuditRecordInput } from '../audit/index.ts';
import type { StreamKind } from '../ingest/index.ts';
import type { LiveAccess } from './live-access.ts';
import type { StreamGrant } from './stream-tokens.ts';

/** How a stream reaches the browser. */
export type LiveTransport = 'mse' | 'webrtc';

/** Why a stream ended. */
export type StopReason =
  'client_closed' | 'session_ended' | 'permission_revoked' | 'server_shutdown' | 'error';

/** The one call of the audit log the live module makes. */
export interface LiveAudit {
  record(input: AuditRecordInput): Promise<unknown>;
}

/** A stream being watched. */
export interface Viewer {
  readonly id: string;
  readonly grant: StreamGrant;
  readonly transport: LiveTransport;
  readonly startedMs: number;
  /** Ends the stream (idempotent): audited as `live.stop`; the transport is told if it did not ask. */
  end(reason: StopReason): void;
  readonly ended: boolean;
}

/** A refused attempt to open or prepare a stream. */
export interface Refusal {
  cameraId: string;
  stream: StreamKind | null;
  transport: LiveTransport | 'token';
  /** Why, in words for the auditor (never sent to the caller). */
  reason: string;
  principal: StreamGrant['principal'] | null;
  sourceAddress: string;
}

/** Options of the registry. */
export interface LiveViewersOptions {
  clock: Clock;
  logger: Logger;
  access: LiveAccess;
  audit: LiveAudit;
  /** How often sessions and permissions are asked again while streams run, ms (default 5000). */
  recheckMs?: number;
}

/** Figures for the status API. */
export interface ViewerSummary {
  id: string;
  userId: string;
  username: string;
  cameraId: string;
  stream: StreamKind;
  transport: LiveTransport;
  startedMs: number;
}

class ViewerEntry implements Viewer {
  ended = false;
  readonly id = randomUUID();
  constructor(
    readonly grant: StreamGrant,
    readonly transport: LiveTransport,
    readonly startedMs: number,
    private readonly terminate: (reason: StopReason) => void,
    private readonly onEnd: (v: ViewerEntry, reason: StopReason) => void,
  ) {}
  end(reason: StopReason): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this, reason);
    if (reason !== 'client_closed') this.terminate(reason);
  }
}

/** The registry of live streams being watched. */
export class LiveViewers {
  private readonly viewers = new Set<ViewerEntry>();
  private readonly recheckMs: number;
  private timer: TimerHandle | undefined;
  private checking: Promise<void> | undefined;
  /** The check queued behind the running one, if any. */
  private followUp: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly opts: LiveViewersOptions) {
    this.recheckMs = opts.recheckMs ?? 5000;
  }

  /** Streams being watched now. */
  get count(): number {
    return this.viewers.size;
  }

  /**
   * Registers a stream that has just opened and writes `live.start`; resolves once the entry is
   * committed, so that no video flows unaudited (rejects, with the stream ended, when the audit
   * trail is unavailable). `terminate` closes the transport when the server ends the stream.
   */
  async open(
    grant: StreamGrant,
    transport: LiveTransport,
    terminate: (r: StopReason) => void,
  ): Promise<Viewer> {
    const v = new ViewerEntry(grant, transport, this.opts.clock.nowMs(), terminate, (e, r) =>
      this.ended(e, r),
    );
    if (this.closed) {
      v.ended = true;
      terminate('server_shutdown');
      return v;
    }
    this.viewers.add(v);
    try {
      await this.opts.audit.record({
        action: 'live.start',
        outcome: 'granted',
        principal: principalOf(grant),
        sourceAddress: grant.sourceAddress,
        cameraId: grant.cameraId,
        details: {
          stream: grant.stream,
          transport,
          viewer: v.id,
          ...(grant.transcode ? { transcode: 'h265-to-h264' } : {}),
        },
      });
    } catch (err) {
      this.opts.logger.error({ err }, 'live: live.start could not be audited; stream refused');
      this.viewers.delete(v);
      v.ended = true;
      terminate('error');
      throw err;
    }
    this.schedule();
    return v;
  }

  /** Audits a refusal as `live.start` denied. */
  refuse(r: Refusal): void {
    this.audit({
      action: 'live.start',
      outcome: 'denied',
      principal: r.principal ? principalOf({ principal: r.principal }) : null,
      sourceAddress: r.sourceAddress,
      cameraId: r.cameraId,
      reason: r.reason,
      details: { stream: r.stream, transport: r.transport },
    });
  }

  /** The streams being watched. */
  list(): ViewerSummary[] {
    return [...this.viewers].map((v) => ({
      id: v.id,
      userId: v.grant.principal.userId,
      username: v.grant.principal.username,
      cameraId: v.grant.cameraId,
      stream: v.grant.stream,
      transport: v.transport,
      startedMs: v.startedMs,
    }));
  }

  /** Ends every stream of a session at once (logout). */
  endSession(sessionToken: string): void {
    for (const v of [...this.viewers]) {
      if (v.grant.sessionToken === sessionToken) v.end('session_ended');
    }
  }

  /**
   * Asks every running stream's session and permission again now; resolves when done. Called on
   * the timer and by whoever learns that access changed (agreement revoked, user disabled).
   */
  recheckNow(): Promise<void> {
    if (this.checking === undefined) {
      this.checking = this.recheck().finally(() => {
        this.checking = undefined;
      });
      return this.checking;
    }
    // A check already running may have read access before the change that prompts this call:
    // one more check follows it (shared by every caller meanwhile), so the change is never missed.
    this.followUp ??= this.checking
      .catch(() => undefined)
      .then(() => {
        this.followUp = undefined;
        return this.recheckNow();
      });
    return this.followUp;
  }

  /** Ends every stream and stops re-checking. */
  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
    for (const v of [...this.viewers]) v.end('server_shutdown');
  }

  private ended(v: ViewerEntry, reason: StopReason): void {
    this.viewers.delete(v);
    const now = this.opts.clock.nowMs();
    this.audit({
      action: 'live.stop',
      outcome: 'granted',
      principal: principalOf(v.grant),
      sourceAddress: v.grant.sourceAddress,
      cameraId: v.grant.cameraId,
      fromMs: v.startedMs,
      toMs: Math.max(now, v.startedMs),
      reason,
      details: {
        stream: v.grant.stream,
        transport: v.transport,
        viewer: v.id,
        durationMs: Math.max(0, now - v.startedMs),
      },
    });
  }

  private schedule(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = undefined;
      this.recheckNow()
        .catch((err: unknown) => this.opts.logger.error({ err }, 'live: access re-check failed'))
        .finally(() => {
          if (this.viewers.size > 0) this.schedule();
        });
    }, this.recheckMs);
  }

  private async recheck(): Promise<void> {
    const bySession = new Map<string, ViewerEntry[]>();
    for (const v of this.viewers) {
      const list = bySession.get(v.grant.sessionToken) ?? [];
      list.push(v);
      bySession.set(v.grant.sessionToken, list);
    }
    for (const [token, list] of bySession) {
      const principal = await this.opts.access.resolveSession(token);
      for (const v of list) {
        if (v.ended) continue;
        if (principal === undefined || principal.userId !== v.grant.principal.userId) {
          v.end('session_ended');
        } else if (!(await this.opts.access.mayWatch(principal, v.grant.cameraId))) {
          v.end('permission_revoked');
        }
      }
    }
  }

  private audit(input: AuditRecordInput): void {
    this.opts.audit.record(input).catch((err: unknown) => {
      this.opts.logger.error({ err, action: input.action }, 'live: audit record failed');
    });
  }
}

function principalOf(g: Pick<StreamGrant, 'principal'>): AuditRecordInput['principal'] {
  return {
    userId: g.principal.userId,
    username: g.principal.username,
    agencyId: g.principal.agencyId,
  };
}
