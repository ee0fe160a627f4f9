/**
 * Playback as the API offers it: the timeline of cameras (spans, gaps, holds), playback
 * sessions and their media (segment listings, init segments, recorded fragments), and stills
 * from recordings and from live video. Every answer is authorized; opening a session and taking
 * a still are audited with the reason given, and what a session actually showed is written to
 * the audit trail as `playback.watched` ranges (`watch-log.ts`).
 */
import { authorize } from '../permissions/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { AccessService } from '../access/index.ts';
import { checkJustification, type AuditRecorder } from '../audit/index.ts';
import type { Clock, Logger } from '../app/index.ts';
import { AppError, DEFAULT_TIME_ZONE, invalidArgument } from '../app/index.ts';
import type { HoldsDb } from '../holds/index.ts';
import type { RecordingDb } from '../recording/index.ts';
import type { StreamKind } from '../ingest/index.ts';
import { burnInMasksImage } from '../privacy/index.ts';
import type { MaskService } from '../privacy/index.ts';
import {
  liveStill,
  type LiveStill,
  type StillHub,
  recordedStill,
  type RecordedStill,
} from '../stills/index.ts';
import type { StillFormat } from '../stills/index.ts';
import { fragmentBytes, initBytes, listMedia, segmentOf, type MediaSegment } from './media.ts';
import { PlaybackSessions, type OpenPlayback, type PlaybackSession } from './playback-sessions.ts';
import { RecordedFiles } from '../recording/index.ts';
import { timelines, type CameraTimeline } from './timeline.ts';
import { WatchLog } from './watch-log.ts';
import { ThumbnailCache, type Thumbnail } from './thumbnails.ts';
import { TimelineIndex, type TimelineIndexSources } from './timeline-index.ts';
import type { CameraEventService, CameraEventView } from '../camera-events/index.ts';

/** What playback needs. */
export interface PlaybackDeps {
  /** The recording index: segments and gaps. */
  recordingDb: RecordingDb;
  /** The latest deletion run, if any (see `TimelineIndexSources`). */
  latestDeletionRun: TimelineIndexSources['latestDeletionRun'];
  /** The legal holds shown on the timeline. */
  holdsDb: HoldsDb;
  clock: Clock;
  access: Pick<AccessService, 'checkCamera'>;
  /** Where the watched ranges of sessions are written. */
  audit: AuditRecorder;
  logger?: Logger | undefined;
  /** Absolute folder of the recordings. */
  recordingsRoot: string;
  /** The live hub of a camera's main stream (for live stills); undefined when not ingested. */
  liveHub(cameraId: string): StillHub | undefined;
  /** Privacy masks to burn into stills (unless the user has lifted them); none when left out. */
  masks?: Pick<MaskService, 'masksFor'>;
  /** The site's IANA time zone (calendar days of the recordings); Europe/Rome when left out. */
  timeZone?: string;
  /** The cameras' events shown on the timeline (motion, tamper, inputs); none when left out. */
  cameraEvents?: Pick<CameraEventService, 'overlapping'>;
}

/** A camera's timeline with its events (motion, tamper, inputs), newest first. */
export interface CameraTimelineWithEvents extends CameraTimeline {
  events: CameraEventView[];
}

/** Longest timeline window. */
export const MAX_TIMELINE_MS = 8 * 24 * 3_600_000;
/** Most cameras in one timeline request. */
export const MAX_TIMELINE_CAMERAS = 500;
/** Most camera events in one timeline answer (the newest; `eventsMore` says when cut). */
export const MAX_TIMELINE_EVENTS = 10_000;

/** The playback service. */
export class PlaybackService {
  /** The span index of the main streams. */
  readonly index: TimelineIndex;
  /** The span index of the sub-streams. */
  readonly subIndex: TimelineIndex;
  readonly sessions: PlaybackSessions;
  readonly files: RecordedFiles;
  /** The site's IANA time zone, for local days and times. */
  readonly timeZone: string;
  /** Writes what sessions showed to the audit trail. */
  readonly watchLog: WatchLog;
  /** Timeline thumbnails (key frames decoded small), cached in memory. */
  readonly thumbnails: ThumbnailCache;

  constructor(private readonly deps: PlaybackDeps) {
    this.index = new TimelineIndex(deps, deps.clock);
    this.subIndex = new TimelineIndex(deps, deps.clock, { stream: 'sub' });
    this.sessions = new PlaybackSessions(deps.clock, deps.access);
    this.files = new RecordedFiles(deps.recordingsRoot);
    this.timeZone = deps.timeZone ?? DEFAULT_TIME_ZONE;
    this.thumbnails = new ThumbnailCache(deps.recordingDb, this.files);
    this.watchLog = new WatchLog({
      audit: deps.audit,
      clock: deps.clock,
      sessions: this.sessions,
      logger: deps.logger,
    });
  }

  /**
   * Timelines of cameras over a window, of their main or sub stream. The window's start is
   * moved up to the principal's look-back limit; a camera without `playback.view` is refused
   * (`AccessDenied`).
   */
  async timeline(
    principal: Principal,
    cameraIds: string[],
    fromMs: number,
    toMs: number,
    stream: StreamKind = 'main',
  ): Promise<{ fromMs: number; cameras: CameraTimelineWithEvents[]; eventsMore: boolean }> {
    const ids = [...new Set(cameraIds)];
    if (ids.length === 0) throw invalidArgument('cameras: at least one camera is required');
    if (ids.length > MAX_TIMELINE_CAMERAS)
      throw invalidArgument(`cameras: at most ${MAX_TIMELINE_CAMERAS}`);
    if (!(toMs > fromMs)) throw invalidArgument('to: must be after from');
    if (toMs - fromMs > MAX_TIMELINE_MS) throw invalidArgument('to: at most 8 days after from');
    const lookback = principal.access.playbackLookbackMs;
    const from = lookback === null ? fromMs : Math.max(fromMs, principal.access.atMs - lookback);
    for (const id of ids)
      authorize(principal, 'playback.view', {
        kind: 'camera',
        id,
        fromMs: Math.min(from, toMs - 1),
      });
    if (from >= toMs)
      return {
        fromMs: from,
        cameras: ids.map((cameraId) => ({ cameraId, spans: [], gaps: [], holds: [], events: [] })),
        eventsMore: false,
      };
    const found = await timelines(
      this.deps,
      stream === 'sub' ? this.subIndex : this.index,
      ids,
      from,
      toMs,
      this.deps.clock.nowMs(),
    );
    const ev = this.deps.cameraEvents
      ? await this.deps.cameraEvents.overlapping(ids, from, toMs, MAX_TIMELINE_EVENTS)
      : { events: [], more: false };
    return {
      fromMs: from,
      cameras: found.map((c) => ({
        ...c,
        events: ev.events.filter((e) => e.cameraId === c.cameraId),
      })),
      eventsMore: ev.more,
    };
  }

  /** Opens a playback session (audited). */
  async openSession(
    principal: Principal,
    req: OpenPlayback,
    sourceAddress: string | null,
  ): Promise<PlaybackSession> {
    const s = await this.sessions.open(principal, req, sourceAddress);
    this.watchLog.arm();
    return s;
  }

  /** Closes the principal's session and writes what it showed to the audit trail. */
  async closeSession(principal: Principal, sessionId: string): Promise<void> {
    await this.watchLog.write(this.sessions.close(principal, sessionId), 'closed', true);
  }

  /** At shutdown: writes what every open session showed. */
  stop(): Promise<void> {
    return this.watchLog.stop();
  }

  /** The segments of a session's camera in a window, of its main or sub stream. */
  async media(
    principal: Principal,
    sessionId: string,
    cameraId: string,
    fromMs: number,
    toMs: number,
    stream: StreamKind = 'main',
  ): Promise<MediaSegment[]> {
    const s = this.sessions.use(principal, sessionId, cameraId, fromMs);
    return listMedia(
      this.deps.recordingDb,
      cameraId,
      Math.max(fromMs, s.fromMs - 3_600_000),
      Math.min(toMs, s.toMs),
      stream,
    );
  }

  /** A segment's init segment. */
  async init(
    principal: Principal,
    sessionId: string,
    cameraId: string,
    segmentId: number,
  ): Promise<Buffer> {
    const row = await segmentOf(this.deps.recordingDb, cameraId, segmentId);
    this.sessions.use(principal, sessionId, cameraId, row.start_ms);
    return initBytes(this.files, row);
  }

  /** Recorded fragments of a segment. */
  async fragments(
    principal: Principal,
    sessionId: string,
    cameraId: string,
    segmentId: number,
    first: number,
    count: number,
  ): Promise<Buffer> {
    const row = await segmentOf(this.deps.recordingDb, cameraId, segmentId);
    const s = this.sessions.use(principal, sessionId, cameraId, row.start_ms);
    const served = await fragmentBytes(this.files, row, first, count);
    s.watched.add(cameraId, served.startMs, served.endMs);
    return served.bytes;
  }

  /**
   * A small JPEG of the key frame at or before `atMs` of a session's camera, for hovering along
   * the timeline (cached; the session is the audited access, so no audit entry of its own).
   * Privacy masks are burned in unless the principal lifted them. `not_found` when nothing was
   * recorded then.
   */
  async thumbnail(
    principal: Principal,
    sessionId: string,
    cameraId: string,
    atMs: number,
  ): Promise<Thumbnail> {
    this.sessions.use(principal, sessionId, cameraId, atMs);
    const polygons = (await this.deps.masks?.masksFor(cameraId, principal)) ?? [];
    const maskKey = polygons.length === 0 ? '' : JSON.stringify(polygons);
    return this.thumbnails.thumbnail(cameraId, atMs, maskKey, (thumb) =>
      this.masked(principal, cameraId, thumb, 'jpeg'),
    );
  }

  /** The recorded frame at `atMs` as an image (audited as `still.create`). */
  async recordedStill(
    principal: Principal,
    cameraId: string,
    atMs: number,
    format: StillFormat,
    justification: { reason?: string | null; caseReference?: string | null },
    sourceAddress: string | null,
  ): Promise<RecordedStill> {
    await this.deps.access.checkCamera({
      principal,
      cameraId,
      permission: 'playback.view',
      action: 'still.create',
      sourceAddress,
      fromMs: atMs,
      toMs: atMs,
      reason: justification.reason ?? null,
      caseReference: justification.caseReference ?? null,
      details: { source: 'recording', format },
    });
    const still = await recordedStill(this.deps.recordingDb, this.files, cameraId, atMs, format);
    return { ...still, image: await this.masked(principal, cameraId, still, format) };
  }

  /**
   * The live picture now as an image (audited as `still.create`). A still leaves the screen, so
   * it is an extraction: a reason is required (as for recorded stills; `invalid_argument` naming
   * `reason` otherwise) and recorded with the case reference, if any, in the audit entry.
   */
  async liveStill(
    principal: Principal,
    cameraId: string,
    format: StillFormat,
    justification: { reason?: string | null; caseReference?: string | null },
    sourceAddress: string | null,
  ): Promise<LiveStill> {
    const { reason, caseReference } = checkJustification(justification, false);
    await this.deps.access.checkCamera({
      principal,
      cameraId,
      permission: 'live.view',
      action: 'still.create',
      sourceAddress,
      reason,
      caseReference,
      details: { source: 'live', format },
    });
    const hub = this.deps.liveHub(cameraId);
    if (!hub) throw new AppError('unavailable', `camera ${cameraId} is not streaming`);
    const still = await liveStill(hub, this.deps.clock, format);
    return { ...still, image: await this.masked(principal, cameraId, still, format) };
  }

  /** The image with the camera's privacy masks burned in, unless the principal lifted them. */
  private async masked(
    principal: Principal,
    cameraId: string,
    still: { image: Buffer; width: number; height: number },
    format: StillFormat,
  ): Promise<Buffer> {
    const polygons = await this.deps.masks?.masksFor(cameraId, principal);
    if (!polygons || polygons.length === 0) return still.image;
    return burnInMasksImage({
      image: still.image,
      format,
      polygons,
      width: still.width,
      height: still.height,
    });
  }
}
