/**
 * The video wall: a camera list to drag from (or click, to fill the selected or first empty
 * tile), a grid of 1, 4, 9 or 16 live tiles saved per user, double-click to enlarge a tile (main
 * stream), full screen, and a transport choice (automatic: WebRTC with MSE fallback). The route
 * `#/wall/<cameraId>` (from the map) opens that camera enlarged.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Camera } from '../api/index.ts';
import { mayWatch, useCameraData, useCameraStatuses } from '../cameras/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import type { TransportChoice } from '../live-player/index.ts';
import { CameraPicker } from './camera-picker.tsx';
import {
  assign,
  clearTile,
  columnsOf,
  firstEmpty,
  LAYOUT_SIZES,
  loadWall,
  resize,
  saveWall,
  type WallState,
} from './wall-layout.ts';
import { WallTile } from './wall-tile.tsx';

/** The wall page. */
export function WallPage({ user, param, setParam }: SectionPageProps) {
  const { t } = useI18n();
  const { data } = useCameraData();
  const [wall, setWall] = useState<WallState>(() => loadWall(window.localStorage, user.id));
  const [enlarged, setEnlarged] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => saveWall(window.localStorage, user.id, wall), [user.id, wall]);

  const cameras = data.state === 'ready' ? data.cameras : [];
  const byId = useMemo(() => new Map(cameras.map((c) => [c.id, c])), [cameras]);

  // `#/wall/<id>`: show that camera enlarged, without changing the saved wall.
  const focused: Camera | undefined = param === null ? undefined : byId.get(param);

  // The recording dot: the status of the cameras on the tiles only, and only of those this user
  // may watch live (`mayWatch`), refreshed every 30 s; no request for any other camera.
  const shownIds = useMemo(() => {
    const shown = focused
      ? [focused]
      : wall.tiles.map((id) => (id === null ? undefined : byId.get(id)));
    return [
      ...new Set(shown.filter((c): c is Camera => c !== undefined && mayWatch(c)).map((c) => c.id)),
    ];
  }, [focused, wall.tiles, byId]);
  const statuses = useCameraStatuses(shownIds);
  const recordingOf = (id: string | undefined) =>
    id === undefined ? null : (statuses.byId.get(id)?.recording ?? null);

  const update = (next: WallState) => {
    setWall(next);
    if (enlarged !== null && next.tiles[enlarged] === null) setEnlarged(null);
  };
  const place = (cameraId: string) => {
    const target = selected !== null && selected < wall.size ? selected : firstEmpty(wall);
    update(assign(wall, target < 0 ? 0 : target, cameraId));
  };
  const fullScreen = () => {
    const el = gridRef.current;
    if (el === null) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else void el.requestFullscreen().catch(() => undefined);
  };

  return (
    <div className="wall-page">
      <h1 className="visually-hidden">{t('wall.title')}</h1>
      <CameraPicker cameras={cameras} loading={data.state === 'loading'} onPick={place} />
      <div className="wall-main">
        <div className="wall-toolbar" role="toolbar" aria-label={t('wall.toolbar')}>
          <span className="wall-toolbar-label">{t('wall.layout')}</span>
          {LAYOUT_SIZES.map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={wall.size === n}
              data-layout={n}
              title={t('wall.layoutTiles', { n: String(n) })}
              onClick={() => {
                setEnlarged(null);
                update(resize(wall, n));
              }}
            >
              {n}
            </button>
          ))}
          <label className="wall-transport">
            {t('wall.transport')}
            <select
              value={wall.transport}
              onChange={(e) => update({ ...wall, transport: e.target.value as TransportChoice })}
            >
              <option value="auto">{t('wall.transport.auto')}</option>
              <option value="webrtc">WebRTC</option>
              <option value="mse">MSE</option>
            </select>
          </label>
          <button type="button" onClick={fullScreen}>
            {t('wall.fullScreen')}
          </button>
          {focused && (
            <button type="button" onClick={() => setParam(null)}>
              {t('wall.backToWall')}
            </button>
          )}
        </div>
        <div
          ref={gridRef}
          className="wall-grid"
          data-wall-layout={focused ? 1 : wall.size}
          style={{
            ['--wall-columns' as string]: String(
              focused || enlarged !== null ? 1 : columnsOf(wall.size),
            ),
          }}
        >
          {focused ? (
            <WallTile
              permissions={user.permissions}
              index={0}
              camera={focused}
              recording={recordingOf(focused.id)}
              missingId={null}
              enlarged
              selected={false}
              transport={wall.transport}
              onDropCamera={() => undefined}
              onToggleEnlarge={() => setParam(null)}
              onSelect={() => undefined}
              onClear={() => setParam(null)}
            />
          ) : (
            wall.tiles.map((id, i) => {
              if (enlarged !== null && enlarged !== i) return null;
              const camera = id === null ? undefined : byId.get(id);
              return (
                <WallTile
                  permissions={user.permissions}
                  key={i}
                  index={i}
                  camera={camera}
                  recording={recordingOf(camera?.id)}
                  missingId={
                    id !== null && camera === undefined && data.state === 'ready' ? id : null
                  }
                  enlarged={enlarged === i}
                  selected={selected === i}
                  transport={wall.transport}
                  onDropCamera={(index, cameraId) => update(assign(wall, index, cameraId))}
                  onToggleEnlarge={(index) => setEnlarged(enlarged === index ? null : index)}
                  onSelect={setSelected}
                  onClear={(index) => update(clearTile(wall, index))}
                />
              );
            })
          )}
        </div>
      </div>
    </div>
  );
}
