/**
 * `useBookmarks(cameras, fromMs, toMs)`: the bookmarks on some cameras over a window, for a
 * timeline (the recordings page) — reloaded when the cameras or the window change, and on
 * `reload()` after a bookmark is made or deleted.
 */
import { useCallback, useEffect, useState } from 'react';
import { listBookmarks, type Bookmark } from './bookmarks-api.ts';

/** What the hook gives. */
export interface BookmarksState {
  bookmarks: Bookmark[];
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** The bookmarks of `cameraIds` overlapping `[fromMs, toMs)`; none while no camera is chosen. */
export function useBookmarks(
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
): BookmarksState {
  const [bookmarks, setBookmarks] = useState<Bookmark[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const key = cameraIds.join(',');

  useEffect(() => {
    if (key === '') {
      setBookmarks([]);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    listBookmarks({ cameraIds: key.split(','), fromMs, toMs }, controller.signal).then(
      (list) => {
        setBookmarks(list);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, fromMs, toMs, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { bookmarks, loading, error, reload };
}
