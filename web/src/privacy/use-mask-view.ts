/**
 * The masks of a camera for the signed-in user, kept current: loaded on mount, reloaded when the
 * user's lift lapses (so the masks come back on time without a page reload) and on `reload()`
 * after a lift or a restore. `polygons` is what to draw: empty while the user's lift is in force.
 * On an error (no permission, server unreachable) nothing is known: `polygons` stays null, and
 * callers showing video should not show it unmasked.
 */
import { useCallback, useEffect, useState } from 'react';
import { getMaskView, type MaskPoint, type MaskView } from './privacy-api.ts';

/** Window event (detail: the camera id) after a lift or restore: every view of it reloads. */
export const MASKS_CHANGED_EVENT = 'vedetta:masks-changed';

/** Tells every `useMaskView` of `cameraId` to reload. */
export function announceMasksChanged(cameraId: string): void {
  window.dispatchEvent(new CustomEvent(MASKS_CHANGED_EVENT, { detail: cameraId }));
}

/** What the hook gives. */
export interface MaskViewState {
  view: MaskView | null;
  /** Polygons to draw; null until loaded (or when loading failed). */
  polygons: MaskPoint[][] | null;
  error: unknown;
  reload: () => void;
}

/** The masks of `cameraId` as the signed-in user must see them. */
export function useMaskView(cameraId: string): MaskViewState {
  const [view, setView] = useState<MaskView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getMaskView(cameraId, controller.signal).then(
      (v) => {
        setView(v);
        setError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [cameraId, attempt]);

  // Reload when the lift lapses, so the masks are drawn again exactly then.
  const expiresMs = view?.lift?.expiresMs;
  useEffect(() => {
    if (expiresMs === undefined) return;
    const timer = window.setTimeout(
      () => setAttempt((n) => n + 1),
      Math.max(0, expiresMs - Date.now()) + 250,
    );
    return () => window.clearTimeout(timer);
  }, [expiresMs]);

  // Another component (a lift control) changed this camera's masks for the user.
  useEffect(() => {
    const onChange = (e: Event) => {
      if (e instanceof CustomEvent && e.detail === cameraId) setAttempt((n) => n + 1);
    };
    window.addEventListener(MASKS_CHANGED_EVENT, onChange);
    return () => window.removeEventListener(MASKS_CHANGED_EVENT, onChange);
  }, [cameraId]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const polygons = view === null ? null : view.draw ? view.masks.map((m) => m.points) : [];
  return { view, polygons, error, reload };
}
