/**
 * The recordings page: pick up to four cameras, see their timelines (spans, gaps, holds; zoom
 * from 7 days to 1 minute, click to seek), open an audited playback with a reason, and play the
 * recorded video synchronised — play, pause, 0.5×–16×, frame steps, go to a wall-clock instant,
 * jump across gaps — with the wall-clock time of the frame on screen; take a still; export.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/index.ts';
import { useCameraData } from '../cameras/index.ts';
import { ExportPanel } from '../export/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { fromLocalInput, localClock, tickLabel, utcClock } from '../time/index.ts';
import {
  getTimeline,
  openSession,
  stillUrl,
  type CameraTimeline,
  type PlaybackSession,
} from './playback-api.ts';
import { PlaybackGroup, SPEEDS } from './playback-group.ts';
import { RecordedPlayer } from './recorded-player.ts';
import { PlaybackTile } from './playback-tile.tsx';
import { TimelineBar } from './timeline-bar.tsx';
import {
  nextRecorded,
  previousRecordedStart,
  ticks,
  windowAround,
  ZOOM_LEVELS,
  type TimeWindow,
} from './timeline-model.ts';
import './playback.css';

const DAY = 86_400_000;
const MAX_CAMERAS = 4;

/** The recordings page. */
export function PlaybackPage({ user, param }: SectionPageProps) {
  const { t } = useI18n();
  const { data } = useCameraData();
  const cameras = useMemo(() => (data.state === 'ready' ? data.cameras : []), [data]);
  const [selected, setSelected] = useState<string[]>(() => (param ? [param] : []));
  const [now, setNow] = useState(() => Date.now());
  const [zoom, setZoom] = useState(3);
  const [center, setCenter] = useState(() => Date.now() - 30 * 60_000);
  const [timelines, setTimelines] = useState<CameraTimeline[]>([]);
  const [limitFrom, setLimitFrom] = useState(() => Date.now() - 7 * DAY);
  const [reason, setReason] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [session, setSession] = useState<PlaybackSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [clockMs, setClockMs] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [goto, setGoto] = useState('');
  const videoRefs = useRef<(HTMLVideoElement | null)[]>([]);
  const groupRef = useRef<PlaybackGroup | null>(null);

  const minMs = Math.max(limitFrom, now - 7 * DAY);
  const view: TimeWindow = windowAround(center, ZOOM_LEVELS[zoom] ?? DAY, minMs, now);
  const canPlayback = user.permissions.includes('playback.view');

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
          if (!controller.signal.aborted) setError(e instanceof ApiError ? e.message : String(e));
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

  // Players for an open session.
  useEffect(() => {
    if (!session) return;
    const origin = Date.parse(session.from);
    const players = session.cameras.map((camera, i) => {
      const video = videoRefs.current[i];
      if (!video) throw new Error('video element missing');
      return new RecordedPlayer(video, { session: session.id, camera }, origin, {
        onError: (m) => setError(m),
      });
    });
    const group = new PlaybackGroup(players);
    groupRef.current = group;
    group.start();
    const master = players[0]?.video;
    let frameHandle = 0;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      const p = players[0];
      if (p) setClockMs(p.wallOf(meta.mediaTime));
      group.frameShown(meta.mediaTime);
      if (master) frameHandle = master.requestVideoFrameCallback(onFrame);
    };
    if (master) frameHandle = master.requestVideoFrameCallback(onFrame);
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    master?.addEventListener('play', onPlay);
    master?.addEventListener('pause', onPause);
    void group.seek(center);
    return () => {
      master?.cancelVideoFrameCallback(frameHandle);
      master?.removeEventListener('play', onPlay);
      master?.removeEventListener('pause', onPause);
      group.destroy();
      groupRef.current = null;
    };
    // The session alone decides when players are rebuilt (the start instant is read once).
  }, [session]);

  // The clock is not set to the requested instant: it shows the frame on screen, and only a
  // presented frame (requestVideoFrameCallback) moves it. A seek that lands on the frame already
  // shown presents no new frame, and the clock rightly stays where it is.
  const seek = useCallback((wallMs: number) => {
    setCenter(wallMs);
    const group = groupRef.current;
    if (group) void group.seek(wallMs).catch((e: unknown) => setError(String(e)));
  }, []);

  const toggle = (id: string) => {
    setSession(null);
    setSelected((s) =>
      s.includes(id) ? s.filter((x) => x !== id) : s.length >= MAX_CAMERAS ? s : [...s, id],
    );
  };

  const open = async () => {
    setError(null);
    try {
      setSession(await openSession(selected, minMs, now + 3_600_000, reason, caseRef));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const masterSpans = timelines[0]?.spans ?? [];
  const playhead = clockMs ?? center;
  const names = new Map(cameras.map((c) => [c.id, c.name]));

  if (!canPlayback) {
    return <p className="page-message">{t('playback.noPermission')}</p>;
  }
  return (
    <div className="pb-page">
      <h1>{t('playback.title')}</h1>
      <section className="pb-cameras" aria-label={t('playback.cameras')}>
        <h2>{t('playback.cameras')}</h2>
        <p className="pb-hint">{t('playback.pickHint', { n: String(MAX_CAMERAS) })}</p>
        <ul>
          {cameras.map((c) => (
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
        {error && (
          <p className="pb-error" role="alert">
            {error}
          </p>
        )}
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
              videoRef={(el) => {
                videoRefs.current[i] = el;
              }}
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
              {clockMs === null ? '—' : `${localClock(clockMs)} · ${utcClock(clockMs)}`}
            </output>
            <button
              type="button"
              title={t('playback.previousRecording')}
              onClick={() => {
                const p = previousRecordedStart(masterSpans, playhead);
                if (p !== undefined) seek(p);
              }}
            >
              «
            </button>
            <button
              type="button"
              title={t('playback.frameBack')}
              onClick={() => groupRef.current?.step(-1)}
              data-testid="frame-back"
            >
              ◀|
            </button>
            <button
              type="button"
              data-testid="play-pause"
              onClick={() => {
                const g = groupRef.current;
                if (!g) return;
                if (playing) g.pause();
                else void g.play();
              }}
            >
              {playing ? t('playback.pause') : t('playback.play')}
            </button>
            <button
              type="button"
              title={t('playback.frameForward')}
              onClick={() => groupRef.current?.step(1)}
              data-testid="frame-forward"
            >
              |▶
            </button>
            <button
              type="button"
              title={t('playback.nextRecording')}
              onClick={() => {
                const n = nextRecorded(
                  masterSpans.filter(([a]) => a > playhead + 1000),
                  playhead + 1000,
                );
                if (n !== undefined) seek(n);
              }}
            >
              »
            </button>
            <label>
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
            <form
              className="pb-goto"
              onSubmit={(e) => {
                e.preventDefault();
                const ms = fromLocalInput(goto);
                if (Number.isFinite(ms)) seek(ms);
              }}
            >
              <label>
                {t('playback.goTo')}
                <input
                  type="datetime-local"
                  step="0.001"
                  value={goto}
                  onChange={(e) => setGoto(e.target.value)}
                  data-testid="goto-input"
                />
              </label>
              <button type="submit" data-testid="goto-submit">
                {t('playback.go')}
              </button>
            </form>
            {clockMs !== null &&
              session.cameras.map((id) => (
                <a
                  key={id}
                  className="pb-still"
                  href={stillUrl(id, clockMs, reason, caseRef)}
                  target="_blank"
                  rel="noreferrer"
                  download={`${id}-${Math.round(clockMs)}.jpg`}
                >
                  {t('playback.still', { camera: names.get(id) ?? id })}
                </a>
              ))}
          </div>
        )}

        {selected.length > 0 && (
          <div className="pb-timeline">
            <div className="pb-zoom" role="toolbar" aria-label={t('playback.zoom')}>
              <button
                type="button"
                onClick={() => setZoom((z) => Math.max(0, z - 1))}
                disabled={zoom === 0}
              >
                −
              </button>
              <select
                value={zoom}
                onChange={(e) => setZoom(Number(e.target.value))}
                aria-label={t('playback.zoom')}
              >
                {ZOOM_LEVELS.map((w, i) => (
                  <option key={w} value={i}>
                    {t(`playback.zoom.${i}` as 'playback.zoom.0')}
                  </option>
                ))}
              </select>
              <button
                type="button"
                onClick={() => setZoom((z) => Math.min(ZOOM_LEVELS.length - 1, z + 1))}
                disabled={zoom === ZOOM_LEVELS.length - 1}
              >
                +
              </button>
              <button type="button" onClick={() => setCenter(view.fromMs)}>
                ◀
              </button>
              <button type="button" onClick={() => setCenter(view.toMs)}>
                ▶
              </button>
              <span className="pb-window">{`${localClock(view.fromMs).slice(0, 16)} – ${localClock(view.toMs).slice(0, 16)}`}</span>
            </div>
            <div className="pb-ruler">
              {ticks(view).map((tk) => (
                <span
                  key={tk}
                  style={{ left: `${((tk - view.fromMs) / (view.toMs - view.fromMs)) * 100}%` }}
                >
                  {tickLabel(tk, view.toMs - view.fromMs)}
                </span>
              ))}
            </div>
            {selected.map((id) => (
              <TimelineBar
                key={id}
                label={names.get(id) ?? id}
                timeline={timelines.find((x) => x.id === id)}
                window={view}
                playheadMs={session ? playhead : null}
                onSeek={seek}
              />
            ))}
            <p className="pb-legend">
              <span className="pb-span-key" /> {t('playback.legend.recorded')}{' '}
              <span className="pb-gap-key" /> {t('playback.legend.gap')}{' '}
              <span className="pb-hold-key" /> {t('playback.legend.hold')}
            </p>
          </div>
        )}
        {selected.length > 0 && user.permissions.includes('export.create') && (
          <ExportPanel
            cameras={selected}
            window={view}
            defaultReason={reason}
            defaultCaseReference={caseRef}
            playheadMs={session ? clockMs : null}
          />
        )}
      </section>
    </div>
  );
}
