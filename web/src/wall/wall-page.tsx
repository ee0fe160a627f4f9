/**
 * The video wall: views saved on the server (a folder list to pick from, save, save as, share,
 * delete), a layout of 1, 2×2, 3×3, 4×4 tiles or one big tile with 5, 7 or 12 small ones (a CSS
 * grid), cameras dragged from the list (or clicked, to fill the selected or first empty tile),
 * tours that cycle cameras on a tile or over the whole view, keyboard shortcuts (help popover),
 * double-click or Enter to enlarge a tile (main stream), full screen, and the transport choice
 * (kept on the workstation). The route `#/wall/<cameraId>` (from the map) opens that camera
 * enlarged without touching the view.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Camera } from '../api/index.ts';
import { mayWatch, useCameraData, useCameraStatuses } from '../cameras/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import type { TransportChoice } from '../live-player/index.ts';
import { CameraPicker } from './camera-picker.tsx';
import { MapPanel } from '../map/index.ts';
import { isTypingTarget, wallKeyAction } from './hotkeys.ts';
import { geometryOf, LAYOUTS, neighbourOf, tileCountOf, type Layout } from './layout-geometry.ts';
import { loadTransport, saveTransport } from './legacy-wall.ts';
import { TourForm } from './tour-form.tsx';
import { useTourClock } from './use-tour-clock.ts';
import { useWallViews } from './use-wall-views.ts';
import { ViewsPanel } from './views-panel.tsx';
import {
  assign,
  camerasAt,
  changeLayout,
  clearTile,
  firstEmpty,
  setTileTour,
  shownPlaces,
  stepsAfter,
} from './wall-view-model.ts';
import { WallHelp } from './wall-help.tsx';
import { WallTile } from './wall-tile.tsx';

/** How each layout's button reads. */
const LAYOUT_LABELS: Record<Layout, string> = {
  '1': '1',
  '4': '2×2',
  '9': '3×3',
  '16': '4×4',
  '1+5': '1+5',
  '1+7': '1+7',
  '1+12': '1+12',
};

/** The "Schermi" page's address, with the selected tile's camera or the view to push. */
function toDisplays(selected: number | null, cameras: (string | null)[], viewId?: string): string {
  const camera = selected === null ? null : (cameras[selected] ?? null);
  if (camera !== null) return `#/displays/camera:${encodeURIComponent(camera)}`;
  return viewId !== undefined ? `#/displays/view:${encodeURIComponent(viewId)}` : '#/displays';
}

/** The wall page. */
export function WallPage({ user, param, setParam }: SectionPageProps) {
  const { t } = useI18n();
  const { data } = useCameraData();
  const wall = useWallViews(user.id, t('wall.views.defaultName'));
  const view = wall.content;
  const [transport, setTransport] = useState<TransportChoice>(() =>
    loadTransport(window.localStorage, user.id),
  );
  const [enlarged, setEnlarged] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [help, setHelp] = useState(false);
  const [tourFor, setTourFor] = useState<'tile' | 'view' | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => saveTransport(window.localStorage, user.id, transport), [user.id, transport]);

  const cameras = data.state === 'ready' ? data.cameras : [];
  const byId = useMemo(() => new Map(cameras.map((c) => [c.id, c])), [cameras]);
  const focused: Camera | undefined = param === null ? undefined : byId.get(param);

  const touring = view.tour !== null || view.places.some((p) => p.tour !== null);
  const elapsed = useTourClock(
    touring,
    `${wall.current?.id ?? ''}|${view.layout}|${JSON.stringify([view.tour, view.places.map((p) => p.tour)])}`,
  );
  const tileCameras = camerasAt(view, stepsAfter(elapsed));
  const places = shownPlaces(view);
  const count = tileCountOf(view.layout);
  const geometry = geometryOf(view.layout);

  // The recording dot: the status of the cameras on the tiles only (and only those this user may
  // watch live), refreshed every 30 s; no request for any other camera.
  const tileKey = tileCameras.map((id) => id ?? '').join(',');
  const shownIds = useMemo(() => {
    const shown = focused ? [focused] : tileKey.split(',').map((id) => byId.get(id));
    return [
      ...new Set(shown.filter((c): c is Camera => c !== undefined && mayWatch(c)).map((c) => c.id)),
    ];
  }, [focused, tileKey, byId]);
  const statuses = useCameraStatuses(shownIds);
  const recordingOf = (id: string | undefined) =>
    id === undefined ? null : (statuses.byId.get(id)?.recording ?? null);

  const setLayout = (layout: Layout) => {
    setEnlarged(null);
    if (selected !== null && selected >= tileCountOf(layout)) setSelected(null);
    wall.change(changeLayout(view, layout));
  };
  const [side, setSide] = useState<'list' | 'map'>('list');
  const place = (cameraId: string) => {
    const target = selected !== null && selected < count ? selected : firstEmpty(view);
    wall.change(assign(view, target < 0 ? 0 : target, cameraId));
  };
  const fullScreen = () => {
    const el = gridRef.current;
    if (el === null) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else void el.requestFullscreen().catch(() => undefined);
  };

  // The shortcuts (see hotkeys.ts), on the whole page while the wall is shown.
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e: KeyboardEvent) => {
    const action = wallKeyAction({
      key: e.key,
      code: e.code,
      altKey: e.altKey,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      inField: isTypingTarget(e.target),
    });
    if (action === null || focused) return;
    e.preventDefault();
    switch (action.kind) {
      case 'layout':
        setLayout(action.layout);
        break;
      case 'view': {
        const v = wall.views[action.index];
        if (v) {
          setEnlarged(null);
          wall.select(v.id);
        }
        break;
      }
      case 'move':
        setSelected(selected === null ? 0 : neighbourOf(view.layout, selected, action.direction));
        break;
      case 'enlarge':
        if (selected !== null && tileCameras[selected] != null)
          setEnlarged(enlarged === selected ? null : selected);
        break;
      case 'shrink':
        setEnlarged(null);
        setHelp(false);
        break;
      case 'help':
        setHelp(!help);
        break;
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const tileOf = (i: number) => {
    const id = tileCameras[i] ?? null;
    const camera = id === null ? undefined : byId.get(id);
    const rect = geometry.tiles[i];
    const area =
      enlarged !== null || rect === undefined
        ? undefined
        : {
            gridColumn: `${rect.col} / span ${rect.colSpan}`,
            gridRow: `${rect.row} / span ${rect.rowSpan}`,
          };
    return (
      <WallTile
        permissions={user.permissions}
        userId={user.id}
        key={i}
        index={i}
        camera={camera}
        recording={recordingOf(camera?.id)}
        missingId={id !== null && camera === undefined && data.state === 'ready' ? id : null}
        enlarged={enlarged === i}
        selected={selected === i}
        transport={transport}
        gridArea={area}
        big={rect !== undefined && rect.colSpan > 1}
        touring={places[i]?.tour != null || view.tour !== null}
        onDropCamera={(index, cameraId) => wall.change(assign(view, index, cameraId))}
        onToggleEnlarge={(index) => setEnlarged(enlarged === index ? null : index)}
        onSelect={setSelected}
        onClear={(index) => wall.change(clearTile(view, index))}
      />
    );
  };

  return (
    <div className="wall-page">
      <h1 className="visually-hidden">{t('wall.title')}</h1>
      <div className="wall-side">
        <ViewsPanel
          wall={wall}
          userId={user.id}
          mayShare={user.permissions.includes('view.share')}
        />
        <div className="wall-side-switch" role="group" aria-label={t('wall.side.label')}>
          <button
            type="button"
            aria-pressed={side === 'list'}
            data-testid="wall-side-list"
            onClick={() => setSide('list')}
          >
            {t('wall.side.list')}
          </button>
          <button
            type="button"
            aria-pressed={side === 'map'}
            data-testid="wall-side-map"
            onClick={() => setSide('map')}
          >
            {t('wall.side.map')}
          </button>
        </div>
        {side === 'map' ? (
          <MapPanel onPick={place} />
        ) : (
          <CameraPicker cameras={cameras} loading={data.state === 'loading'} onPick={place} />
        )}
      </div>
      <div className="wall-main">
        <div className="wall-toolbar" role="toolbar" aria-label={t('wall.toolbar')}>
          <span className="wall-toolbar-label">{t('wall.layout')}</span>
          {LAYOUTS.map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={view.layout === l}
              data-layout={l}
              disabled={wall.state === 'loading'}
              title={t('wall.layoutTiles', { n: String(tileCountOf(l)) })}
              onClick={() => setLayout(l)}
            >
              {LAYOUT_LABELS[l]}
            </button>
          ))}
          <button
            type="button"
            disabled={selected === null || wall.state === 'loading'}
            onClick={() => setTourFor(tourFor === 'tile' ? null : 'tile')}
          >
            {t('wall.tour.tileButton')}
          </button>
          <button
            type="button"
            disabled={wall.state === 'loading'}
            onClick={() => setTourFor(tourFor === 'view' ? null : 'view')}
          >
            {t('wall.tour.viewButton')}
          </button>
          <label className="wall-transport">
            {t('wall.transport')}
            <select
              value={transport}
              onChange={(e) => setTransport(e.target.value as TransportChoice)}
            >
              <option value="auto">{t('wall.transport.auto')}</option>
              <option value="webrtc">WebRTC</option>
              <option value="mse">MSE</option>
            </select>
          </label>
          <button type="button" onClick={fullScreen}>
            {t('wall.fullScreen')}
          </button>
          {user.permissions.includes('display.push') && (
            // The room's displays: the selected tile's camera, else this view, ready to push.
            <a
              className="wall-to-displays"
              href={toDisplays(selected, tileCameras, wall.current?.id)}
            >
              {t('wall.toDisplays')}
            </a>
          )}
          <WallHelp open={help} onToggle={() => setHelp(!help)} />
          {focused && (
            <button type="button" onClick={() => setParam(null)}>
              {t('wall.backToWall')}
            </button>
          )}
        </div>
        {tourFor !== null && (
          <TourForm
            key={`${tourFor}-${selected ?? ''}`}
            cameras={cameras.filter(mayWatch)}
            initial={tourFor === 'tile' ? (places[selected ?? 0]?.tour ?? null) : view.tour}
            target={tourFor === 'tile' ? { kind: 'tile', index: selected ?? 0 } : { kind: 'view' }}
            onCancel={() => setTourFor(null)}
            onSubmit={(tour) => {
              wall.change(
                tourFor === 'tile' ? setTileTour(view, selected ?? 0, tour) : { ...view, tour },
              );
              setTourFor(null);
            }}
          />
        )}
        <div
          ref={gridRef}
          className="wall-grid"
          data-wall-layout={focused ? '1' : view.layout}
          data-view-id={wall.current?.id ?? ''}
          style={{
            ['--wall-columns' as string]: String(
              focused || enlarged !== null ? 1 : geometry.columns,
            ),
            ['--wall-rows' as string]: String(focused || enlarged !== null ? 1 : geometry.rows),
          }}
        >
          {focused ? (
            <WallTile
              permissions={user.permissions}
              userId={user.id}
              index={0}
              camera={focused}
              recording={recordingOf(focused.id)}
              missingId={null}
              enlarged
              selected={false}
              transport={transport}
              onDropCamera={() => undefined}
              onToggleEnlarge={() => setParam(null)}
              onSelect={() => undefined}
              onClear={() => setParam(null)}
            />
          ) : wall.state === 'loading' ? null : (
            places.map((_, i) => (enlarged !== null && enlarged !== i ? null : tileOf(i)))
          )}
        </div>
      </div>
    </div>
  );
}
