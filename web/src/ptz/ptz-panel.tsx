/**
 * The PTZ controls of a live tile: a drag surface over the picture (drag to pan and tilt, the
 * wheel to zoom), an on-screen joystick, zoom buttons, the keyboard (arrows, + and −) and a USB
 * gamepad; home and presets (saving and deleting them with `camera.manage`); who controls the
 * camera ("in uso da …, fino alle …"), taking control, waiting in line, giving it back; and, once
 * the camera has left its home position, the warning that privacy masks are drawn for home.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { ApiError, ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { keyVelocity, pointerVelocity, STILL } from './ptz-input.ts';
import { useGamepadVelocity } from './use-gamepad-velocity.ts';
import { usePtz } from './use-ptz.ts';

/** Props: the camera, and whether the user may save and delete presets. */
export interface PtzPanelProps {
  cameraId: string;
  canManagePresets: boolean;
}

/** How long one wheel notch zooms, ms. */
const WHEEL_ZOOM_MS = 300;

/** The controls, over and below the picture of the tile they are in. */
export function PtzPanel({ cameraId, canManagePresets }: PtzPanelProps) {
  const { t } = useI18n();
  const { time } = useSiteTime();
  const ptz = usePtz(cameraId, true);
  const [preset, setPreset] = useState('');
  const [newName, setNewName] = useState('');
  const drag = useRef<{ x: number; y: number; radius: number } | null>(null);
  const wheelStop = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useGamepadVelocity(true, ptz.setVelocity);

  const s = ptz.status;
  const errorKey = ptz.error instanceof ApiError ? ptz.error.details?.['key'] : undefined;
  const busy =
    ptz.error instanceof ApiError && ptz.error.details?.['key'] === 'ptz.busy'
      ? ptz.error.details
      : undefined;

  const onPointerDown = (e: PointerEvent<HTMLElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    drag.current = { x: e.clientX, y: e.clientY, radius: Math.min(box.width, box.height) / 2 };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.stopPropagation();
  };
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (d) ptz.setVelocity(pointerVelocity(e.clientX - d.x, e.clientY - d.y, d.radius));
  };
  const onPointerUp = () => {
    drag.current = null;
    ptz.setVelocity(STILL);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const v = keyVelocity(e.key);
    if (!v) return;
    e.preventDefault();
    e.stopPropagation();
    if (!e.repeat) ptz.setVelocity(v);
  };
  const onKeyUp = (e: KeyboardEvent<HTMLElement>) => {
    if (keyVelocity(e.key)) ptz.setVelocity(STILL);
  };
  const hold = (zoom: number) => ({
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      e.stopPropagation();
      ptz.setVelocity({ ...STILL, zoom });
    },
    onPointerUp: () => ptz.setVelocity(STILL),
    onPointerLeave: () => ptz.setVelocity(STILL),
  });

  return (
    <>
      <div
        className="ptz-surface"
        data-testid="ptz-surface"
        role="application"
        aria-label={t('ptz.surface')}
        tabIndex={0}
        title={t('ptz.surfaceHint')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onClick={(e) => e.stopPropagation()}
        onDoubleClick={(e) => e.stopPropagation()}
        onWheel={(e) => {
          e.stopPropagation();
          ptz.setVelocity({ ...STILL, zoom: e.deltaY < 0 ? 0.5 : -0.5 });
          clearTimeout(wheelStop.current);
          wheelStop.current = setTimeout(() => ptz.setVelocity(STILL), WHEEL_ZOOM_MS);
        }}
      />
      <div
        className="ptz-panel"
        data-testid="ptz-panel"
        onClick={(e) => e.stopPropagation()}
        onDoubleClick={(e) => e.stopPropagation()}
      >
        <p className="ptz-status" data-testid="ptz-status" aria-live="polite">
          {s?.holder == null
            ? t('ptz.free')
            : s.holder.you
              ? t('ptz.yours', { time: time(s.holder.untilMs).slice(0, 5) })
              : t('ptz.inUse', {
                  name: s.holder.name,
                  agency: s.holder.agencyName,
                  time: time(s.holder.untilMs).slice(0, 5),
                })}
          {s?.queuePosition != null && ` · ${t('ptz.queued', { n: s.queuePosition })}`}
        </p>
        {busy !== undefined ? (
          <p className="ptz-error" role="alert" data-testid="ptz-busy">
            {t('ptz.inUse', {
              name: typeof busy['holder'] === 'string' ? busy['holder'] : '',
              agency: typeof busy['agency'] === 'string' ? busy['agency'] : '',
              time: time(Number(busy['untilMs'] ?? 0)).slice(0, 5),
            })}
          </p>
        ) : errorKey === 'ptz.unsupported' || errorKey === 'ptz.camera' ? (
          <p className="ptz-error" role="alert" data-testid="ptz-error">
            {t(errorKey === 'ptz.unsupported' ? 'ptz.unsupported' : 'ptz.unreachable')}
          </p>
        ) : (
          ptz.error != null && (
            <p className="ptz-error" role="alert" data-testid="ptz-error">
              <ErrorText error={ptz.error} />
            </p>
          )
        )}
        {s?.awayFromHome === true && (
          <p className="ptz-warning" data-testid="ptz-away">
            {t('ptz.awayFromHome')}
            {s.homeReturnMinutes !== null && ` ${t('ptz.homeReturn', { n: s.homeReturnMinutes })}`}
          </p>
        )}
        <div className="ptz-row">
          <div
            className="ptz-pad"
            data-testid="ptz-pad"
            role="slider"
            aria-label={t('ptz.pad')}
            aria-valuetext={t('ptz.padHint')}
            tabIndex={0}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onKeyDown}
            onKeyUp={onKeyUp}
          >
            <span className="ptz-pad-knob" />
          </div>
          <button type="button" aria-label={t('ptz.zoomOut')} {...hold(-0.5)}>
            −
          </button>
          <button type="button" aria-label={t('ptz.zoomIn')} {...hold(0.5)}>
            +
          </button>
          <button type="button" data-testid="ptz-home" onClick={ptz.home}>
            {t('ptz.home')}
          </button>
          <select
            aria-label={t('ptz.presets')}
            data-testid="ptz-preset"
            value={preset}
            onChange={(e) => setPreset(e.target.value)}
          >
            <option value="">{t('ptz.choosePreset')}</option>
            {ptz.presets.map((p) => (
              <option key={p.token} value={p.token}>
                {p.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="ptz-goto"
            disabled={preset === ''}
            onClick={() => ptz.goto(preset)}
          >
            {t('ptz.goto')}
          </button>
          {canManagePresets && preset !== '' && (
            <button
              type="button"
              onClick={() => {
                ptz.remove(preset);
                setPreset('');
              }}
            >
              {t('ptz.deletePreset')}
            </button>
          )}
        </div>
        <div className="ptz-row">
          {canManagePresets && (
            <form
              className="ptz-save"
              onSubmit={(e) => {
                e.preventDefault();
                if (newName.trim() === '') return;
                ptz.save(newName.trim());
                setNewName('');
              }}
            >
              <input
                aria-label={t('ptz.presetName')}
                placeholder={t('ptz.presetName')}
                value={newName}
                maxLength={64}
                onChange={(e) => setNewName(e.target.value)}
              />
              <button type="submit">{t('ptz.savePreset')}</button>
            </form>
          )}
          {s?.holder?.you === true ? (
            <button type="button" data-testid="ptz-release" onClick={ptz.release}>
              {t('ptz.release')}
            </button>
          ) : (
            <>
              <button type="button" data-testid="ptz-take" onClick={() => ptz.take(false)}>
                {t('ptz.take')}
              </button>
              {s?.holder != null && s.queuePosition === null && (
                <button type="button" data-testid="ptz-queue" onClick={() => ptz.take(true)}>
                  {t('ptz.queue')}
                </button>
              )}
            </>
          )}
        </div>
      </div>
    </>
  );
}
