/**
 * An instant replay on a wall display: the display opens its own audited playback session for
 * the replay's camera and span with the reason the operator gave (its account may do so only
 * while the replay is pushed), and plays the recording from the start, with the camera's privacy
 * masks over it (the whole picture until they are known). At the end it stays on the last frame
 * and says so.
 */
import { useEffect, useRef, useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { MaskOverlay, useMaskView } from '../privacy/index.ts';
import { openSession, RecordedPlayer } from '../recorded-player/index.ts';
import { useSiteTime } from '../time/index.ts';

const WHOLE_PICTURE: [number, number][][] = [
  [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ],
];

/** Props of the replay. */
export interface DisplayReplayProps {
  cameraId: string;
  name: string;
  fromMs: number;
  toMs: number;
  reason: string;
}

/** The replay, filling the display. */
export function DisplayReplay({ cameraId, name, fromMs, toMs, reason }: DisplayReplayProps) {
  const { t } = useI18n();
  const siteTime = useSiteTime();
  const videoRef = useRef<HTMLVideoElement>(null);
  const masks = useMaskView(cameraId);
  const [error, setError] = useState<unknown>(null);
  const [wallMs, setWallMs] = useState<number | null>(null);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    const video = videoRef.current;
    if (video === null) return;
    let player: RecordedPlayer | null = null;
    let timer: number | undefined;
    let stopped = false;
    openSession([cameraId], fromMs, toMs, reason, '').then(
      async (session) => {
        if (stopped) return;
        player = new RecordedPlayer(video, { session: session.id, camera: cameraId }, fromMs, {
          onError: (m) => setError(new Error(m)),
        });
        const p = player;
        timer = window.setInterval(() => {
          p.tick();
          if (video.currentTime > 0) setWallMs(p.wallOf(video.currentTime));
          const r = video.buffered;
          const end = r.length > 0 ? r.end(r.length - 1) : 0;
          setEnded(video.currentTime > 0 && p.endReached && end - video.currentTime < 0.3);
        }, 250);
        await p.seek(fromMs);
        if (!stopped) await video.play();
      },
      (e: unknown) => setError(e),
    );
    return () => {
      stopped = true;
      window.clearInterval(timer);
      player?.destroy();
    };
  }, [cameraId, fromMs, toMs, reason]);

  return (
    <section className="display-tile display-replay" data-camera={cameraId} aria-label={name}>
      <header className="display-tile-bar">
        <span className="display-tile-name">
          {t('display.replay')} · {name}
        </span>
        <span className="display-tile-state" data-testid="display-replay-time">
          {wallMs !== null ? siteTime.dateTime(wallMs) : t('live.state.connecting')}
        </span>
      </header>
      <div className="display-tile-video">
        <video ref={videoRef} muted playsInline data-testid="display-replay-video" />
        <MaskOverlay polygons={masks.polygons ?? WHOLE_PICTURE} />
        {(ended || error !== null) && (
          <div className="live-overlay" role="status">
            <span className="live-message">
              {error !== null ? <ErrorText error={error} /> : t('display.replayEnded')}
            </span>
          </div>
        )}
      </div>
    </section>
  );
}
