/**
 * The recordings page: pick up to 16 cameras (a grid of sub-streams; one enlarged plays its main
 * stream), see their timelines (spans, gaps, holds; zoom
 * from 7 days to 1 minute around the playhead, click to seek), open an audited playback with a
 * reason — it opens on the most recent recorded moment, playing — and play the recorded video
 * synchronised (play, pause, 0.5×–16×, frame steps, jumps across gaps, the keyboard) with the
 * wall-clock time of the frame on screen in the site's time zone; find a moment by typing it or on
 * a calendar of the days with recordings, or in the recent events; a tile over a gap says so;
 * take a still; export. Bookmarks are drawn on the bars and listed in the recent events; a new one
 * marks the playhead or a range selected on the timeline (`use-playback-bookmarks.ts`). The
 * address `#/recordings/<cam,cam>@<ISO>` (a bookmark's link) opens those cameras at that instant.
 */
import { StillLink } from './still-link.tsx';
import { usePlaybackAlarms } from './use-playback-alarms.ts';
import { cameraEventEntries } from './camera-events-model.ts';
import { cameraEventTitle } from './camera-event-text.ts';
import { EventMarks } from './event-marks.tsx';
import { MotionTools } from './motion-tools.tsx';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { parsePlaybackParam, type PlaybackTarget } from '../bookmarks/index.ts';
import { useCameraData } from '../cameras/index.ts';
import { ExportPanel } from '../export/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { useSiteTime, utcClock } from '../time/index.ts';
import { BookmarkCard } from './bookmark-card.tsx';
import { BookmarkMarks } from './bookmark-marks.tsx';
import { bookmarkEvents, selectedRange } from './bookmark-model.ts';
import { recentEvents, gapAt } from './events-model.ts';
import { EventsStrip } from './events-strip.tsx';
import { FindMoment } from './find-moment.tsx';
import { gapNotice } from './gap-text.ts';
import { camerasOfLink } from './link-model.ts';
import { keyAction, nextRate, type KeyAction } from './playback-keys.ts';
import {
  getThumbnail,
  getTimeline,
  openSession,
  stillUrl,
  type CameraTimeline,
  type PlaybackSession,
} from './playback-api.ts';
import { PlaybackGroup, SPEEDS } from './playback-group.ts';
import { RecordedPlayer } from '../recorded-player/index.ts';
import { PlaybackTile } from './playback-tile.tsx';
import { SelectionTools } from './selection-tools.tsx';
import { TimelineBar } from './timeline-bar.tsx';
import { TimelineLegend, TimelineRuler, ZoomControls } from './timeline-parts.tsx';
import { usePlaybackBookmarks } from './use-playback-bookmarks.ts';
import {
  isRecorded,
  latestRecorded,
  nextRecorded,
  openingInstant,
  previousRecordedStart,
  recordedRangeIn,
  windowAround,
  zoomAround,
  ZOOM_LEVELS,
  type TimeWindow,
} from './timeline-model.ts';
import './playback.css';

const DAY = 86_400_000;
const MAX_CAMERAS = 16;
/** The zoom the page opens a playback with (10 minutes). */
const OPENING_ZOOM = 4;
/** How far ← and → move while playing, and on the focused timeline (a fiftieth of the view). */
const JUMP_WHILE_PLAYING_MS = 5_000;

/** The recordings page. */
export function PlaybackPage({ user, param }: SectionPageProps) {
  const { t } = useI18n();
  const site = useSiteTime();
  const { data } = useCameraData();
  const cameras = useMemo(() => (data.state === 'ready' ? data.cameras : []), [data]);
  // Cameras the user may play back (all of them where the server does not say).
  const playable = useMemo(
    () =>
      data.state === 'ready'
        ? new Set(
            data.cameras
              .filter((c) => c.callerPermissions?.includes('playback.view') ?? true)
              .map((c) => c.id),
          )
        : null,
    [data],
  );
  // The address may name cameras and an instant (`cam,cam@ISO`): those are opened there once
  // the camera list says which of them the user may play back.
  const [pendingLink, setPendingLink] = useState<PlaybackTarget | null>(() =>
    param ? parsePlaybackParam(param, site.fromInput) : null,
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [linkAt, setLinkAt] = useState<number | null>(null);
  const linkAtRef = useRef(linkAt);
  linkAtRef.current = linkAt;
  const [leftOut, setLeftOut] = useState<string[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const [zoom, setZoom] = useState(3);
  const [center, setCenter] = useState(() => Date.now() - 30 * 60_000);
  const [timelines, setTimelines] = useState<CameraTimeline[]>([]);
  const [limitFrom, setLimitFrom] = useState(() => Date.now() - 7 * DAY);
  const [reason, setReason] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [session, setSession] = useState<PlaybackSession | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [clockMs, setClockMs] = useState<number | null>(null);
  // The instant asked for (a seek) until a frame at it is on screen; over a gap it stays, and
  // the tile says there is no recording there.
  const [requested, setRequested] = useState<number | null>(null);
  const requestedRef = useRef<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const videoRefs = useRef<(HTMLVideoElement | null)[]>([]);
  const groupRef = useRef<PlaybackGroup | null>(null);
  const [enlarged, setEnlarged] = useState<string | null>(null);
  const [motionOnly, setMotionOnly] = useState(false);
  const timelinesRef = useRef<CameraTimeline[]>([]);
  timelinesRef.current = timelines;

  const widthMs = ZOOM_LEVELS[zoom] ?? DAY;
  const minMs = Math.max(limitFrom, now - 7 * DAY);
  // Half a window past now, so the most recent moment can sit in the middle of the bar.
  const view: TimeWindow = windowAround(center, widthMs, minMs, now + widthMs / 2);
  const canPlayback = user.permissions.includes('playback.view');
  const canExport = user.permissions.includes('export.create');
  const bm = usePlaybackBookmarks(selected, minMs, now + DAY);

  // A new address on the page (a bookmark's link followed from here) opens what it names.
  const lastParam = useRef(param);
  useEffect(() => {
    if (param === lastParam.current) return;
    lastParam.current = param;
    const next = param ? parsePlaybackParam(param, site.fromInput) : null;
    if (next && next.cameraIds.length > 0) setPendingLink(next);
  }, [param, site]);

  // A link opens its cameras the user may play back, and says which it left out: asking for the
  // others would only be refused (and audited as such).
  useEffect(() => {
    if (!pendingLink || !playable) return;
    const { shown, unavailable } = camerasOfLink(pendingLink.cameraIds, playable, MAX_CAMERAS);
    setSession(null);
    setSelected(shown);
    setLeftOut(unavailable);
    setLinkAt(pendingLink.atMs);
    setPendingLink(null);
  }, [pendingLink, playable]);

  const request = useCallback((ms: number | null) => {
    requestedRef.current = ms;
    setRequested(ms);
  }, []);

  // Timelines of the selected cameras over the whole look-back (7 days at most), refreshed.
  useEffect(() => {
    if (selected.length === 0) {
      setTimelines([]);
      return;
    }
    const controller = new AbortController();
    const load = () => {
      const to = Date.now();
      setNow(to);
      getTimeline(selected, to - 7 * DAY, to, controller.signal).then(
        (r) => {
          setTimelines(r.cameras);
          setLimitFrom(Date.parse(r.from));
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setError(e);
        },
      );
    };
    load();
    const timer = setInterval(load, 30_000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [selected]);

  // Before a playback is open, the timeline shows the instant of the link, or else the most
  // recent recording of the cameras.
  const latest = latestRecorded(timelines.map((x) => x.spans));
  const latestEnd = latest?.endMs;
  useEffect(() => {
    if (session) return;
    if (linkAt !== null) setCenter(linkAt);
    else if (latestEnd !== undefined) setCenter(latestEnd);
  }, [session, latestEnd, linkAt]);

  // Players for an open session: they open on the most recent recorded moment, playing.
  useEffect(() => {
    if (!session) return;
    const origin = Date.parse(session.from);
    const players = session.cameras.map((camera, i) => {
      const video = videoRefs.current[i];
      if (!video) throw new Error('video element missing');
      return new RecordedPlayer(video, { session: session.id, camera }, origin, {
        onError: (m) => setError(new Error(m)),
      });
    });
    const group = new PlaybackGroup(players);
    groupRef.current = group;
    group.start();
    setEnlarged(null);
    const master = players[0]?.video;
    // The clock follows the group's reference: the first tile with footage at the playhead.
    const frameHandles = players.map(() => 0);
    const watch = (p: RecordedPlayer, i: number) => {
      frameHandles[i] = p.video.requestVideoFrameCallback((now, meta) => onFrame(p, i, meta));
    };
    const onFrame = (p: RecordedPlayer, i: number, meta: VideoFrameCallbackMetadata) => {
      watch(p, i);
      if (p !== group.master) return;
      const wall = p.wallOf(meta.mediaTime);
      setClockMs(wall);
      const asked = requestedRef.current;
      if (asked !== null && Math.abs(wall - asked) < 1000) request(null);
      group.frameShown(meta.mediaTime);
    };
    players.forEach(watch);
    const onPlay = () => {
      setPlaying(true);
      request(null);
    };
    const onPause = () => setPlaying(false);
    master?.addEventListener('play', onPlay);
    master?.addEventListener('pause', onPause);
    // A link's instant opens paused on its frame; otherwise the latest footage, playing.
    const at = linkAtRef.current;
    const start =
      at ??
      openingInstant(
        timelinesRef.current.filter((x) => session.cameras.includes(x.id)).map((x) => x.spans),
      ) ??
      Date.now() - 60_000;
    setZoom(OPENING_ZOOM);
    setCenter(start);
    if (at !== null) request(at);
    void group
      .seek(start)
      .then(() => (at === null ? group.play() : undefined))
      .catch((e: unknown) => setError(e));
    return () => {
      players.forEach((p, i) => p.video.cancelVideoFrameCallback(frameHandles[i] ?? 0));
      master?.removeEventListener('play', onPlay);
      master?.removeEventListener('pause', onPause);
      group.destroy();
      groupRef.current = null;
    };
    // The session alone decides when players are rebuilt (the timelines are read once).
  }, [session, request]);

  // The clock is not set to the requested instant: it shows the frame on screen, and only a
  // presented frame (requestVideoFrameCallback) moves it. A seek that lands on the frame already
  // shown presents no new frame, and the clock rightly stays where it is.
  // A seek into a gap stops there (paused, the tile saying why); play goes on after the gap.
  const seek = useCallback(
    (wallMs: number) => {
      setCenter(wallMs);
      request(wallMs);
      const group = groupRef.current;
      if (!group) return;
      // Into a gap of every camera (before the latest footage): pause there.
      const all = timelinesRef.current.map((x) => x.spans);
      const lastEnd = Math.max(...all.map((sp) => sp[sp.length - 1]?.[1] ?? -Infinity));
      if (wallMs < lastEnd && !all.some((sp) => isRecorded(sp, wallMs))) group.pause();
      void group.seek(wallMs).catch((e: unknown) => setError(e));
    },
    [request],
  );

  const toggle = (id: string) => {
    setSession(null);
    setLinkAt(null);
    setLeftOut([]);
    setSelected((s) =>
      s.includes(id) ? s.filter((x) => x !== id) : s.length >= MAX_CAMERAS ? s : [...s, id],
    );
  };

  const open = async () => {
    setError(null);
    try {
      setSession(await openSession(selected, minMs, now + 3_600_000, reason, caseRef));
    } catch (e) {
      setError(e);
    }
  };

  const masterSpans = timelines[0]?.spans ?? [];
  const position = requested ?? clockMs ?? center;
  const playhead = session ? position : center;
  const names = useMemo(() => new Map(cameras.map((c) => [c.id, c.name])), [cameras]);
  // Hover thumbnails of the timeline bars: only the open session's cameras have them.
  const thumbnailGetters = useMemo(
    () =>
      new Map(
        (session?.cameras ?? []).map((camera) => [
          camera,
          (atMs: number, signal: AbortSignal) =>
            getThumbnail(session?.id ?? '', camera, atMs, signal),
        ]),
      ),
    [session],
  );
  const hm = (ms: number) => site.time(ms).slice(0, 5);

  // The view follows the playhead: when it leaves the window, the window moves to centre it.
  const outOfView = session !== null && (position < view.fromMs || position > view.toMs);
  useEffect(() => {
    if (outOfView) setCenter(position);
  }, [outOfView, position]);

  const zoomTo = (z: number) => {
    const next = Math.min(ZOOM_LEVELS.length - 1, Math.max(0, z));
    setCenter(zoomAround(playhead, view, ZOOM_LEVELS[next] ?? DAY));
    setZoom(next);
  };

  const act = (a: KeyAction): void => {
    const g = groupRef.current;
    switch (a) {
      case 'toggle':
        if (!g) return;
        if (playing) g.pause();
        else void g.play();
        return;
      case 'pause':
        g?.pause();
        return;
      case 'frameBack':
      case 'frameForward': {
        const dir = a === 'frameBack' ? -1 : 1;
        if (playing) seek(position + dir * JUMP_WHILE_PLAYING_MS);
        else g?.step(dir);
        return;
      }
      case 'slower':
      case 'faster': {
        if (!g) return;
        if (a === 'faster' && !playing) {
          void g.play();
          return;
        }
        const r = nextRate(SPEEDS, rate, a === 'faster' ? 1 : -1);
        setRate(r);
        g.setRate(r);
        return;
      }
      case 'first':
      case 'last': {
        const range = recordedRangeIn(masterSpans, view);
        if (range)
          seek(a === 'first' ? range.firstMs : Math.max(range.firstMs, range.lastMs - 500));
        return;
      }
      case 'zoomIn':
        zoomTo(zoom + 1);
        return;
      case 'zoomOut':
        zoomTo(zoom - 1);
        return;
    }
  };
  const actRef = useRef(act);
  actRef.current = act;

  // The page's keyboard while a playback is open (keys typed into fields are the fields').
  useEffect(() => {
    if (!session) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const a = keyAction({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        targetTag: target?.tagName,
        targetRole: target?.getAttribute('role') ?? null,
      });
      if (!a) return;
      e.preventDefault();
      actRef.current(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);

  // Gaps, bookmarks and alarms of the chosen cameras, newest first.
  const alarms = usePlaybackAlarms(cameras, selected, view.fromMs, view.toMs);
  const events = recentEvents(timelines, [
    ...bookmarkEvents(bm.bookmarks, selected),
    ...alarms.events,
    ...cameraEventEntries(timelines, (e) => cameraEventTitle(t, e)),
  ]);
  // The shown cameras the user may bookmark (the agreement decides for a partner's cameras).
  const markable = (session?.cameras ?? []).filter((id) => {
    const perms = cameras.find((c) => c.id === id)?.callerPermissions;
    return perms ? perms.includes('bookmark.manage') : user.permissions.includes('bookmark.manage');
  });
  const newBookmark = () => {
    const range = selectedRange(bm.selection);
    const at = Math.round(clockMs ?? position);
    bm.startNew(markable, range?.fromMs ?? at, range?.toMs ?? at, caseRef.trim());
  };

  /** What a tile says over the picture at the playhead: the gap, or that nothing was recorded. */
  const noticeFor = (id: string): string | null => {
    if (!session) return null;
    const tl = timelines.find((x) => x.id === id);
    if (!tl) return null;
    const gap = gapAt(tl, position);
    if (gap) return gapNotice(t, gap, hm);
    const last = tl.spans[tl.spans.length - 1];
    // Past the last known span the timeline may just be older than the recording: say nothing.
    if (last && position < last[1] && !isRecorded(tl.spans, position))
      return t('playback.noRecordingHere');
    return null;
  };

  if (!canPlayback) {
    return <p className="page-message">{t('playback.noPermission')}</p>;
  }
  return (
    <div className={session ? 'pb-page pb-page-open' : 'pb-page'}>
      <section className="pb-cameras" aria-label={t('playback.cameras')}>
        <h1>{t('playback.title')}</h1>
        <p className="pb-hint">{t('playback.pickHint', { n: String(MAX_CAMERAS) })}</p>
        <ul>
          {cameras
            .filter((c) => playable?.has(c.id) ?? true)
            .map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={selected.includes(c.id)}
                    onChange={() => toggle(c.id)}
                    data-testid={`pick-${c.id}`}
                  />
                  {c.name} <span className="pb-id">{c.id}</span>
                </label>
              </li>
            ))}
        </ul>
      </section>

      <section className="pb-main">
        {(error ?? bm.error) !== null && (
          <p className="pb-error" role="alert">
            <ErrorText error={error ?? bm.error} />
          </p>
        )}
        {leftOut.length > 0 && (
          <p className="pb-hint" role="note" data-testid="link-left-out">
            {t('playback.linkLeftOut', { cameras: leftOut.join(', ') })}
          </p>
        )}
        {bm.card && (
          <BookmarkCard
            state={bm.card}
            bookmarks={bm.bookmarks}
            names={names}
            markable={markable}
            canExport={canExport}
            mayPlaceHold={(b) =>
              b.cameraIds.every((id) =>
                cameras.find((c) => c.id === id)?.callerPermissions?.includes('hold.manage'),
              )
            }
            onEdit={bm.edit}
            onExport={bm.prefillExport}
            onSaved={bm.saved}
            onDeleted={bm.deleted}
            onClose={bm.close}
          />
        )}
        <p className="visually-hidden" role="status">
          {bm.done === 'saved'
            ? t('playback.bookmark.saved')
            : bm.done === 'deleted'
              ? t('playback.bookmark.deleted')
              : ''}
        </p>
        {!session && selected.length > 0 && (
          <form
            className="pb-justify"
            onSubmit={(e) => {
              e.preventDefault();
              void open();
            }}
          >
            <p>{t('playback.justifyNotice')}</p>
            <label>
              {t('playback.reason')}
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
                minLength={3}
                maxLength={500}
                name="reason"
              />
            </label>
            <label>
              {t('playback.caseReference')}
              <input
                value={caseRef}
                onChange={(e) => setCaseRef(e.target.value)}
                maxLength={100}
                name="caseReference"
              />
            </label>
            <button type="submit" data-testid="open-playback">
              {t('playback.open')}
            </button>
          </form>
        )}

        <div className={`pb-players pb-players-${session?.cameras.length ?? 0}`}>
          {(session?.cameras ?? []).map((id, i) => (
            <PlaybackTile
              key={id}
              cameraId={id}
              name={names.get(id) ?? id}
              notice={noticeFor(id)}
              videoRef={(el) => {
                videoRefs.current[i] = el;
              }}
              enlarged={enlarged === id}
              {...((session?.cameras.length ?? 0) > 1 && {
                onEnlarge: (on: boolean) => {
                  setEnlarged(on ? id : null);
                  void groupRef.current?.enlarge(on ? i : null);
                },
              })}
            />
          ))}
        </div>

        {session && (
          <div className="pb-controls" role="toolbar" aria-label={t('playback.controls')}>
            <output
              className="pb-clock"
              data-testid="playback-clock"
              data-wall-ms={clockMs === null ? '' : String(Math.round(clockMs))}
            >
              {clockMs === null ? '—' : `${site.clock(clockMs)} · ${utcClock(clockMs)}`}
            </output>
            <button
              type="button"
              title={t('playback.previousRecording')}
              aria-label={t('playback.previousRecording')}
              onClick={() => {
                const p = previousRecordedStart(masterSpans, position);
                if (p !== undefined) seek(p);
              }}
            >
              «
            </button>
            <button
              type="button"
              title={t('playback.frameBack')}
              aria-label={t('playback.frameBack')}
              onClick={() => groupRef.current?.step(-1)}
              data-testid="frame-back"
            >
              ◀|
            </button>
            <button
              type="button"
              className="pb-play"
              data-testid="play-pause"
              data-playing={playing ? 'true' : 'false'}
              onClick={() => act('toggle')}
            >
              {playing ? t('playback.pause') : t('playback.play')}
            </button>
            <button
              type="button"
              title={t('playback.frameForward')}
              aria-label={t('playback.frameForward')}
              onClick={() => groupRef.current?.step(1)}
              data-testid="frame-forward"
            >
              |▶
            </button>
            <button
              type="button"
              title={t('playback.nextRecording')}
              aria-label={t('playback.nextRecording')}
              onClick={() => {
                const n = nextRecorded(
                  masterSpans.filter(([a]) => a > position + 1000),
                  position + 1000,
                );
                if (n !== undefined) seek(n);
              }}
            >
              »
            </button>
            <label className="pb-speed">
              {t('playback.speed')}
              <select
                value={rate}
                onChange={(e) => {
                  const r = Number(e.target.value);
                  setRate(r);
                  groupRef.current?.setRate(r);
                }}
                data-testid="speed"
              >
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>{`${s}×`}</option>
                ))}
              </select>
            </label>
            <button
              type="button"
              onClick={() => {
                const start = openingInstant(timelines.map((x) => x.spans));
                if (start !== undefined) seek(start);
              }}
              data-testid="go-latest"
            >
              {t('playback.latest')}
            </button>
            <FindMoment
              cameras={session.cameras}
              playheadMs={position}
              onGo={seek}
              onDay={(startMs, endMs) => {
                setZoom(1);
                seek(nextRecorded(masterSpans, startMs) ?? startMs);
                setCenter((startMs + endMs) / 2);
              }}
            />
            {clockMs !== null && (
              <StillLink
                cameras={session.cameras}
                names={names}
                preferred={enlarged}
                href={(id) => stillUrl(id, clockMs, reason, caseRef)}
                fileName={(id) => `${id}-${Math.round(clockMs)}.jpg`}
              />
            )}
          </div>
        )}

        {selected.length > 0 && (
          <div className="pb-timeline">
            <div className="pb-zoom" role="toolbar" aria-label={t('playback.zoom')}>
              <ZoomControls
                zoom={zoom}
                onZoom={zoomTo}
                onEarlier={() => setCenter(view.fromMs)}
                onLater={() => setCenter(view.toMs)}
              />
              <MotionTools
                timelines={timelines}
                nowMs={now}
                atMs={playhead}
                on={motionOnly}
                onChange={setMotionOnly}
                onSeek={seek}
                keys={session !== null}
              />
              {session && markable.length > 0 && (
                <SelectionTools
                  selection={bm.selection}
                  playheadMs={clockMs ?? position}
                  onChange={bm.setSelection}
                />
              )}
              {session && markable.length > 0 && (
                <button
                  type="button"
                  className="pb-bm-add"
                  onClick={newBookmark}
                  title={t('playback.bookmark.addHint')}
                  aria-haspopup="dialog"
                  data-testid="bookmark-add"
                >
                  {t('playback.bookmark.add')}
                </button>
              )}
              <span className="pb-window" data-testid="timeline-window">
                {site.date(view.fromMs) === site.date(view.toMs)
                  ? `${site.date(view.fromMs)} ${hm(view.fromMs)}–${hm(view.toMs)}`
                  : `${site.date(view.fromMs)} ${hm(view.fromMs)} – ${site.date(view.toMs)} ${hm(view.toMs)}`}
              </span>
            </div>
            <TimelineRuler window={view} />
            <div
              className="pb-timeline-rows"
              data-many={selected.length > 4 ? 'true' : 'false'}
              data-motion-only={motionOnly ? 'true' : 'false'}
            >
              {selected.map((id) => (
                <TimelineBar
                  key={id}
                  label={names.get(id) ?? id}
                  timeline={timelines.find((x) => x.id === id)}
                  window={view}
                  playheadMs={session ? position : null}
                  onSeek={seek}
                  thumbnailOf={thumbnailGetters.get(id)}
                  valueText={site.dateTime(session ? position : view.fromMs)}
                  onKey={(e) => {
                    if (!session) return;
                    const step = (view.toMs - view.fromMs) / 50;
                    const by: Record<string, number> = {
                      ArrowLeft: -step,
                      ArrowRight: step,
                      PageUp: -10 * step,
                      PageDown: 10 * step,
                    };
                    const d = by[e.key];
                    if (d === undefined) return;
                    e.preventDefault();
                    seek(position + d);
                  }}
                  selection={bm.selection}
                  onSelectRange={
                    markable.length > 0
                      ? (fromMs, toMs) => bm.setSelection({ fromMs, toMs })
                      : undefined
                  }
                >
                  <EventMarks
                    timeline={timelines.find((x) => x.id === id)}
                    window={view}
                    nowMs={now}
                    motionOnly={motionOnly}
                    onSeek={seek}
                  />
                  <BookmarkMarks
                    bookmarks={bm.bookmarks}
                    cameraId={id}
                    window={view}
                    openId={bm.openId}
                    onChoose={(b) => {
                      seek(b.fromMs);
                      bm.show(b);
                    }}
                  />
                </TimelineBar>
              ))}
            </div>
            <TimelineLegend
              eventKinds={new Set(timelines.flatMap((x) => (x.events ?? []).map((e) => e.kind)))}
            />
          </div>
        )}
        {selected.length > 0 && (
          <EventsStrip
            events={events}
            alarmsLive={alarms.live}
            names={names}
            showCamera={selected.length > 1}
            onJump={(e) => {
              seek(e.jumpMs);
              if (e.kind === 'bookmark' && e.ref !== undefined) bm.showId(e.ref);
            }}
          />
        )}
        {selected.length > 0 && canExport && (
          <ExportPanel
            cameras={selected}
            window={view}
            defaultReason={reason}
            defaultCaseReference={caseRef}
            playheadMs={session ? clockMs : null}
            prefill={bm.exportPrefill}
          />
        )}
      </section>
    </div>
  );
}
