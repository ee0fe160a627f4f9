/** Loads the camera registry and the camera groups for the camera pages. */
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/index.ts';
import type { Camera, CameraGroup } from '../api/index.ts';

/** The registry as loaded: still loading, failed, or ready (groups null when not offered). */
export type CameraData =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; cameras: Camera[]; groups: CameraGroup[] | null };

/** The cameras and groups, plus `reload` to fetch them again. */
export function useCameraData(): { data: CameraData; reload: () => void } {
  const api = useApi();
  const [data, setData] = useState<CameraData>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    // Groups are optional: a server without them (or failing on them) still shows the cameras.
    const groups = api.listCameraGroups(signal).catch(() => null);
    api.listCameras(signal).then(
      async (cameras) => {
        const loadedGroups = await groups;
        if (!signal.aborted) setData({ state: 'ready', cameras, groups: loadedGroups });
      },
      (error: unknown) => {
        if (!signal.aborted) setData({ state: 'error', error });
      },
    );
    return () => controller.abort();
  }, [api, attempt]);

  const reload = useCallback(() => {
    setData({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { data, reload };
}
