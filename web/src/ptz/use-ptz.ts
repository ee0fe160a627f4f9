/**
 * A tile's PTZ control: the camera's control state (pushed by the server's event stream when who
 * controls or waits changes — a user waiting in line learns at once that control passed to them —
 * and asked again every few seconds for the holder's time), its presets, and the commands, sent one after another in order. A
 * velocity is sent when it changes, and again every `KEEP_MS` while held (cameras stop a
 * continuous move after a timeout, and the session lapses without commands); the still velocity
 * sends a stop. Closing the controls stops the camera and gives control back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  gotoPreset,
  ptzHome,
  ptzMove,
  ptzPresets,
  ptzStatus,
  ptzStop,
  ptzEventsUrl,
  releaseControl,
  removePreset,
  savePreset,
  takeControl,
  type PtzPreset,
  type PtzStatus,
  type PtzVelocity,
} from './ptz-api.ts';
import { sameVelocity, STILL } from './ptz-input.ts';

/** A held velocity is sent again this often, ms. */
export const KEEP_MS = 2000;
/** The control state is asked again this often while the controls are open, ms. */
const POLL_MS = 10_000;

/** What the controls show and do. */
export interface PtzControl {
  status: PtzStatus | null;
  presets: PtzPreset[];
  /** The last failure (busy, no PTZ, camera unreachable…), until the next success. */
  error: unknown;
  setVelocity: (v: PtzVelocity) => void;
  take: (queue?: boolean) => void;
  release: () => void;
  home: () => void;
  goto: (token: string) => void;
  save: (name: string) => void;
  remove: (token: string) => void;
}

/** The PTZ control of `cameraId` while `open`. */
export function usePtz(cameraId: string, open: boolean): PtzControl {
  const [status, setStatus] = useState<PtzStatus | null>(null);
  const [presets, setPresets] = useState<PtzPreset[]>([]);
  const [error, setError] = useState<unknown>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const sent = useRef<PtzVelocity>(STILL);
  const keep = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  /** Runs `call` after the commands before it; a success clears the error. */
  const run = useCallback(<T>(call: () => Promise<T>, after?: (v: T) => void): void => {
    chain.current = chain.current.then(
      () =>
        call().then(
          (v) => {
            setError(null);
            after?.(v);
          },
          (e: unknown) => setError(e),
        ),
      () => undefined,
    );
  }, []);

  const refresh = useCallback(() => {
    run(
      () => ptzStatus(cameraId),
      (s) => setStatus(s),
    );
  }, [cameraId, run]);

  useEffect(() => {
    if (!open) return;
    refresh();
    run(
      () => ptzPresets(cameraId),
      (p) => setPresets(p),
    );
    const poll = setInterval(refresh, POLL_MS);
    // The browser's EventSource reconnects by itself (the server ends each stream after minutes).
    const events = new EventSource(ptzEventsUrl(cameraId));
    events.addEventListener('status', (e) => {
      setStatus(JSON.parse((e as MessageEvent<string>).data) as PtzStatus);
    });
    return () => {
      events.close();
      clearInterval(poll);
      clearInterval(keep.current);
      keep.current = undefined;
      const wasMoving = !sameVelocity(sent.current, STILL);
      sent.current = STILL;
      // Leaving the controls: stop what moves and give control back.
      if (wasMoving) run(() => ptzStop(cameraId));
      run(() => releaseControl(cameraId));
    };
  }, [cameraId, open, refresh, run]);

  const setVelocity = useCallback(
    (v: PtzVelocity) => {
      if (sameVelocity(v, sent.current)) return;
      sent.current = v;
      clearInterval(keep.current);
      keep.current = undefined;
      if (sameVelocity(v, STILL)) {
        run(() => ptzStop(cameraId), refresh);
        return;
      }
      run(() => ptzMove(cameraId, v), refresh);
      keep.current = setInterval(() => run(() => ptzMove(cameraId, sent.current)), KEEP_MS);
    },
    [cameraId, refresh, run],
  );

  return {
    status,
    presets,
    error,
    setVelocity,
    take: (queue = false) => run(() => takeControl(cameraId, queue), setStatus),
    release: () => run(() => releaseControl(cameraId), setStatus),
    home: () => run(() => ptzHome(cameraId), refresh),
    goto: (token) => run(() => gotoPreset(cameraId, token), refresh),
    save: (name) =>
      run(
        () => savePreset(cameraId, name),
        () =>
          run(
            () => ptzPresets(cameraId),
            (p) => setPresets(p),
          ),
      ),
    remove: (token) =>
      run(
        () => removePreset(cameraId, token),
        () => setPresets((list) => list.filter((p) => p.token !== token)),
      ),
  };
}
