/**
 * The wall display's screen, for a display account: full screen, no navigation, what operators
 * push to it — one camera, a view's tiles in its layout, or an instant replay — and, when nothing
 * is pushed, an idle screen with the display's name and the time (site time zone). A thin bar at
 * the bottom names the display, says who pushed what and when, and shows the link's state; after
 * a network drop the content stays and everything reconnects by itself.
 */
import { useEffect, useState } from 'react';
import './displays.css';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { DisplayReplay } from './display-replay.tsx';
import { DisplayTile } from './display-tile.tsx';
import { DisplayView } from './display-view.tsx';
import type { DisplayContent } from './displays-api.ts';
import { useDisplayStream, type LinkState } from './use-display-stream.ts';

/** Props of the display page. */
export interface DisplayPageProps {
  /** The display the session is bound to (from the session), shown until the stream answers. */
  name: string;
  onLogout: () => void;
}

const LINK_KEYS = {
  connecting: 'display.link.connecting',
  connected: 'display.link.connected',
  reconnecting: 'display.link.reconnecting',
  gone: 'display.link.gone',
} as const satisfies Record<LinkState, string>;

/** The current time, once a second. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function Content({ content, pushedMs }: { content: DisplayContent; pushedMs: number | null }) {
  const name = (id: string | null) =>
    id === null ? null : ((content.kind === 'none' ? null : content.names[id]) ?? id);
  switch (content.kind) {
    case 'none':
      return null;
    case 'camera':
      return (
        <div
          className="display-grid"
          style={{ gridTemplateColumns: '1fr', gridTemplateRows: '1fr' }}
        >
          <DisplayTile
            cameraId={content.cameraId}
            stream={content.stream}
            name={name(content.cameraId)}
          />
        </div>
      );
    case 'replay':
      return (
        <div
          className="display-grid"
          style={{ gridTemplateColumns: '1fr', gridTemplateRows: '1fr' }}
        >
          <DisplayReplay
            cameraId={content.cameraId}
            name={name(content.cameraId) ?? content.cameraId}
            fromMs={content.fromMs}
            toMs={content.toMs}
            reason={content.reason}
          />
        </div>
      );
    case 'view':
      return <DisplayView content={content} pushedMs={pushedMs} />;
  }
}

/** What the bar says the display shows. */
function useShowing(content: DisplayContent | undefined): string {
  const { t } = useI18n();
  if (content === undefined || content.kind === 'none') return t('display.showing.none');
  if (content.kind === 'view') return t('display.showing.view', { name: content.name });
  const camera = content.names[content.cameraId] ?? content.cameraId;
  return t(content.kind === 'camera' ? 'display.showing.camera' : 'display.showing.replay', {
    name: camera,
  });
}

/** The display's screen. */
export function DisplayPage({ name, onLogout }: DisplayPageProps) {
  const { t } = useI18n();
  const siteTime = useSiteTime();
  const now = useNow();
  const { display, link } = useDisplayStream();
  const content = display?.content;
  const showing = useShowing(content);
  const idle = content === undefined || content.kind === 'none' || link === 'gone';

  return (
    <main
      className="display-page"
      data-content={link === 'gone' ? 'gone' : (content?.kind ?? 'none')}
      data-link={link}
    >
      {idle ? (
        <div className="display-idle" role="status">
          <p className="display-idle-name">{display?.name ?? name}</p>
          {display !== null && display.room !== '' && (
            <p className="display-idle-room">{display.room}</p>
          )}
          <p className="display-idle-clock">{siteTime.time(now)}</p>
          <p className="display-idle-date">{siteTime.date(now)}</p>
          <p className="display-idle-note">
            {link === 'gone' ? t('display.link.gone') : t('display.idle')}
          </p>
        </div>
      ) : (
        <Content content={content} pushedMs={display?.pushedMs ?? null} />
      )}
      <footer className="display-bar">
        <span className="display-bar-name">{display?.name ?? name}</span>
        <span className="display-bar-showing" data-testid="display-showing">
          {showing}
          {display?.pushedBy != null && display.pushedMs !== null && (
            <>
              {' · '}
              {t('display.pushedBy', {
                user: display.pushedBy,
                time: siteTime.time(display.pushedMs),
              })}
            </>
          )}
        </span>
        <span className={`display-bar-link display-link-${link}`} role="status">
          {t(LINK_KEYS[link])}
        </span>
        <span className="display-bar-clock">{siteTime.time(now)}</span>
        <button type="button" className="display-bar-logout" onClick={onLogout}>
          {t('display.logout')}
        </button>
      </footer>
    </main>
  );
}
