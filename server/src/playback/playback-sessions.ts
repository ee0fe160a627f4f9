/**
 * Playback sessions: opening one is the audited act of watching recorded video (each camera
 * checked for `playback.view` within the look-back limit, with the reason and case reference, one
 * audit entry per camera); the media requests that follow name the session and are re-authorized
 * each time against the session's owner, cameras and range. Each session notes the recorded
 * ranges it actually served (`watched`), which `watch-log.ts` writes to the audit trail. Sessions
 * live in memory, are closed by their owner or lapse after `ttlMs` without use; after a restart
 * the browser simply opens a new one.
 */
import { randomBytes } from 'node:crypto';
import { authorize, ForeignResource } from '../permissions/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { AccessService } from '../access/index.ts';
import type { AuditPrincipal } from '../audit/index.ts';
import type { Clock } from '../app/index.ts';
import { invalidArgument, notFound } from '../app/index.ts';
import { WatchedRanges } from './watched-ranges.ts';

/** An open playback session. */
export interface PlaybackSession {
  id: string;
  userId: string;
  cameras: string[];
  fromMs: number;
  toMs: number;
  reason: string;
  caseReference: string | null;
  lastUsedMono: number;
  /** Who opened it, as the audit trail names them. */
  principal: AuditPrincipal;
  /** The address it was opened from. */
  sourceAddress: string | null;
  /** The recorded ranges served and not yet written to the audit trail. */
  watched: WatchedRanges;
}

/** What opening a session takes. */
export interface OpenPlayback {
  cameras: string[];
  fromMs: number;
  toMs: number;
  reason: string;
  caseReference?: string | null;
}

/** Most cameras played together (a grid of 4×4; the grid plays their sub-streams). */
export const MAX_SYNC_CAMERAS = 16;
/** Longest range of one session. */
export const MAX_SESSION_MS = 8 * 24 * 3_600_000;

/** The open sessions. */
export class PlaybackSessions {
  private readonly sessions = new Map<string, PlaybackSession>();

  constructor(
    private readonly clock: Clock,
    private readonly access: Pick<AccessService, 'checkCamera'>,
    private readonly ttlMs = 30 * 60_000,
  ) {}

  /** Opens a session; throws `AccessDenied` or `invalid_argument` (both audited). */
  async open(
    principal: Principal,
    req: OpenPlayback,
    sourceAddress: string | null,
  ): Promise<PlaybackSession> {
    const cameras = [...new Set(req.cameras)];
    if (cameras.length === 0) throw invalidArgument('cameras: at least one camera is required');
    if (cameras.length > MAX_SYNC_CAMERAS) {
      throw invalidArgument(`cameras: at most ${MAX_SYNC_CAMERAS} play together`);
    }
    if (!(req.toMs > req.fromMs)) throw invalidArgument('to: must be after from');
    if (req.toMs - req.fromMs > MAX_SESSION_MS)
      throw invalidArgument('to: at most 8 days after from');
    let reason = req.reason;
    let caseReference = req.caseReference ?? null;
    for (const cameraId of cameras) {
      const grant = await this.access.checkCamera({
        principal,
        cameraId,
        permission: 'playback.view',
        sourceAddress,
        fromMs: req.fromMs,
        toMs: req.toMs,
        reason: req.reason,
        caseReference: req.caseReference ?? null,
      });
      reason = grant.reason ?? reason;
      caseReference = grant.caseReference;
    }
    const session: PlaybackSession = {
      id: randomBytes(16).toString('base64url'),
      userId: principal.userId,
      cameras,
      fromMs: req.fromMs,
      toMs: req.toMs,
      reason,
      caseReference,
      lastUsedMono: this.clock.monotonicMs(),
      principal: {
        userId: principal.userId,
        username: principal.username,
        agencyId: principal.agencyId,
      },
      sourceAddress,
      watched: new WatchedRanges(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /**
   * The session, for a media request by `principal` on `cameraId` at `atMs`: it must be the
   * principal's, name the camera and cover the instant, and the principal must still hold
   * `playback.view` there. `not_found` otherwise (never revealing someone else's session, whose
   * use is a `ForeignResource`: recorded in the audit trail as denied).
   */
  use(principal: Principal, id: string, cameraId: string, atMs: number): PlaybackSession {
    const s = this.own(principal, id);
    const now = this.clock.monotonicMs();
    if (!s.cameras.includes(cameraId))
      throw notFound(`camera ${cameraId} in this playback session`);
    if (atMs < s.fromMs - 3_600_000 || atMs >= s.toMs) {
      throw invalidArgument('this playback session does not cover that time; open another');
    }
    authorize(principal, 'playback.view', {
      kind: 'camera',
      id: cameraId,
      fromMs: Math.max(atMs, s.fromMs),
    });
    s.lastUsedMono = now;
    return s;
  }

  /** Closes the principal's session and returns it; `not_found` as for `use`. */
  close(principal: Principal, id: string): PlaybackSession {
    const s = this.own(principal, id);
    this.sessions.delete(id);
    return s;
  }

  /** The sessions open now (lapsed ones included until `takeLapsed`). */
  list(): PlaybackSession[] {
    return [...this.sessions.values()];
  }

  /** Removes and returns the sessions unused for longer than the ttl. */
  takeLapsed(): PlaybackSession[] {
    const now = this.clock.monotonicMs();
    const out: PlaybackSession[] = [];
    for (const [id, s] of this.sessions) {
      if (now - s.lastUsedMono > this.ttlMs) {
        this.sessions.delete(id);
        out.push(s);
      }
    }
    return out;
  }

  /** The principal's live session `id`; another's is a `ForeignResource`, a lapsed one `not_found`. */
  private own(principal: Principal, id: string): PlaybackSession {
    const s = this.sessions.get(id);
    if (s !== undefined && s.userId !== principal.userId) {
      throw new ForeignResource('playback session', {
        permission: 'playback.view',
        resource: `playback_session:${id}`,
        owner: 'another user',
      });
    }
    if (!s || this.clock.monotonicMs() - s.lastUsedMono > this.ttlMs) {
      throw notFound('playback session');
    }
    return s;
  }
}
