/**
 * Fetches the live status of cameras from `GET /api/cameras/{id}/status`, a few at a time, and
 * again every 30 s. While the server answers 404 (the endpoint is not there yet) it stops and
 * reports the statuses as unavailable, so the list shows "—" rather than an error.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../api/index.ts';
import type { Camera, CameraStatus } from '../api/index.ts';

/** How many status requests run at once. */
const CONCURRENCY = 4;
/** How long to wait between two rounds of status requests. */
const REFRESH_MS = 30_000;

/** The known statuses by camera id; `available` is false once the server said it has none. */
export interface CameraStatuses {
  available: boolean;
  byId: ReadonlyMap<string, CameraStatus>;
}

/**
 * True when the caller may watch `camera` live (its `callerPermissions` from the server), so
 * that its status may be asked for: a refused request would be audited as a denied `live.view`.
 */
export function mayWatch(camera: Pick<Camera, 'callerPermissions'>): boolean {
  return camera.callerPermissions?.includes('live.view') ?? false;
}

/** The statuses of the given cameras (only those the caller may watch), refreshed periodically. */
export function useCameraStatuses(cameraIds: readonly string[]): CameraStatuses {
  const api = useApi();
  const [statuses, setStatuses] = useState<CameraStatuses>({ available: true, byId: new Map() });
  const key = cameraIds.join('\n');

  useEffect(() => {
    const ids = key === '' ? [] : key.split('\n');
    const controller = new AbortController();
    const { signal } = controller;
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function round(): Promise<void> {
      const found = new Map<string, CameraStatus>();
      let unavailable = false;
      let next = 0;
      async function worker(): Promise<void> {
        while (!unavailable && !signal.aborted && next < ids.length) {
          const id = ids[next++];
          if (id === undefined) return;
          try {
            const status = await api.getCameraStatus(id, signal);
            if (status === null) unavailable = true;
            else found.set(id, status);
          } catch {
            // One camera's failure leaves its badge at "—"; the others go on.
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
      if (signal.aborted) return;
      setStatuses({ available: !unavailable, byId: unavailable ? new Map() : found });
      if (!unavailable) timer = setTimeout(() => void round(), REFRESH_MS);
    }

    void round();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, key]);

  return statuses;
}
