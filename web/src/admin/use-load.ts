/** Loads data for a page, with a reload; stale answers (after unmount or reload) are dropped. */
import { useCallback, useEffect, useState } from 'react';

/** What is loaded: loading, failed, or ready. */
export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T };

/** Runs `load` now and on every `reload()`. `load` must be stable (useCallback). */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): {
  loaded: Loaded<T>;
  reload: () => void;
} {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ state: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ state: 'error', error });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { loaded, reload };
}
