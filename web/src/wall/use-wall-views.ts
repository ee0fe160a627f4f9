/**
 * The wall's views, kept on the server: the list (the user's own and those shared with their
 * agency or role), the one shown, and its content as the user changes it. On first use a layout
 * kept by earlier versions in localStorage becomes a personal view ("Il mio wall"), and
 * localStorage no longer holds layouts. The user's own personal view is saved as it changes
 * (requests in order, the latest content winning); a shared view is saved on request ("Salva"),
 * and one the user may not change only as a copy ("Salva come").
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { readLegacyWall, removeLegacyWall } from './legacy-wall.ts';
import {
  createView,
  deleteView,
  inputOf,
  listViews,
  updateView,
  wallViewOf,
  type SavedView,
  type Sharing,
} from './views-api.ts';
import { EMPTY_VIEW, type WallView } from './wall-view-model.ts';

/** Where the id of the view last shown on this workstation is kept (a pointer, not a layout). */
const lastViewKey = (userId: string) => `vedetta.wall.view.${userId}`;

/** The wall's views and the one shown. */
export interface WallViews {
  state: 'loading' | 'ready' | 'error';
  error: unknown;
  views: SavedView[];
  current: SavedView | null;
  /** What the wall shows: the current view as changed. */
  content: WallView;
  /** Changes not saved (a shared view, or one the user may only copy). */
  dirty: boolean;
  /** Changes what the wall shows (saved at once for the user's own personal view). */
  change(next: WallView): void;
  select(id: string): void;
  /** Saves the changes into the current view. */
  save(): Promise<void>;
  /** Saves what the wall shows as a new view, and shows it. */
  saveAs(name: string, folder: string, sharing: Sharing, role: string | null): Promise<void>;
  /** Changes the current view's name, folder and sharing. */
  share(name: string, folder: string, sharing: Sharing, role: string | null): Promise<void>;
  remove(): Promise<void>;
}

/** The wall's views for `userId`; `defaultName` names the first personal view. */
export function useWallViews(userId: string, defaultName: string): WallViews {
  const [state, setState] = useState<WallViews['state']>('loading');
  const [error, setError] = useState<unknown>(null);
  const [views, setViews] = useState<SavedView[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [content, setContent] = useState<WallView>(EMPTY_VIEW);
  const [dirty, setDirty] = useState(false);
  const queue = useRef<{ busy: boolean; next: { id: string; view: WallView } | null }>({
    busy: false,
    next: null,
  });

  const current = views.find((v) => v.id === currentId) ?? null;

  const show = useCallback(
    (v: SavedView) => {
      setCurrentId(v.id);
      setContent(wallViewOf(v));
      setDirty(false);
      try {
        window.localStorage.setItem(lastViewKey(userId), v.id);
      } catch {
        // Only the workstation's memory of the last view is lost.
      }
    },
    [userId],
  );
  const replace = (v: SavedView) =>
    setViews((list) => {
      const i = list.findIndex((x) => x.id === v.id);
      const next = i < 0 ? [...list, v] : list.map((x) => (x.id === v.id ? v : x));
      return next.sort((a, b) => a.folder.localeCompare(b.folder) || a.name.localeCompare(b.name));
    });

  useEffect(() => {
    const ac = new AbortController();
    void (async () => {
      try {
        let list = await listViews(ac.signal);
        if (list.length === 0) {
          if (ac.signal.aborted) return;
          const legacy = readLegacyWall(window.localStorage, userId);
          const first = await createView({
            name: defaultName,
            folder: '',
            sharing: 'personal',
            role: null,
            view: legacy?.view ?? EMPTY_VIEW,
          });
          removeLegacyWall(window.localStorage, userId);
          list = [first];
        }
        if (ac.signal.aborted) return;
        setViews(list);
        let last: string | null = null;
        try {
          last = window.localStorage.getItem(lastViewKey(userId));
        } catch {
          last = null;
        }
        const first =
          list.find((v) => v.id === last) ??
          list.find((v) => v.ownerId === userId && v.sharing === 'personal') ??
          list[0];
        if (first) show(first);
        setState('ready');
      } catch (e) {
        if (ac.signal.aborted) return;
        setError(e);
        setState('error');
      }
    })();
    return () => ac.abort();
  }, [userId, defaultName, show]);

  const flush = useCallback(async () => {
    const q = queue.current;
    if (q.busy) return;
    q.busy = true;
    try {
      while (q.next !== null) {
        const { id, view } = q.next;
        q.next = null;
        const base = views.find((v) => v.id === id);
        if (!base) continue;
        try {
          replace(await updateView(id, inputOf(base, view)));
        } catch (e) {
          setError(e);
          setDirty(true);
        }
      }
    } finally {
      q.busy = false;
    }
  }, [views]);

  const autosaves = current !== null && current.editable && current.sharing === 'personal';

  return {
    state,
    error,
    views,
    current,
    content,
    dirty,
    change(next) {
      setContent(next);
      if (current === null) return;
      if (autosaves) {
        queue.current.next = { id: current.id, view: next };
        void flush();
      } else {
        setDirty(true);
      }
    },
    select(id) {
      const v = views.find((x) => x.id === id);
      if (v) show(v);
    },
    async save() {
      if (current === null) return;
      const saved = await updateView(current.id, inputOf(current, content));
      replace(saved);
      setDirty(false);
      setError(null);
    },
    async saveAs(name, folder, sharing, role) {
      const saved = await createView({ name, folder, sharing, role, view: content });
      replace(saved);
      show(saved);
      setError(null);
    },
    async share(name, folder, sharing, role) {
      if (current === null) return;
      const saved = await updateView(current.id, { name, folder, sharing, role, view: content });
      replace(saved);
      setDirty(false);
      setError(null);
    },
    async remove() {
      if (current === null) return;
      await deleteView(current.id);
      const rest = views.filter((v) => v.id !== current.id);
      setViews(rest);
      const next = rest[0];
      if (next) show(next);
      else {
        setCurrentId(null);
        setContent(EMPTY_VIEW);
      }
    },
  };
}
