/**
 * The bookmarks side of the recordings page as one hook: the bookmarks of the chosen cameras
 * (`useBookmarks` of `bookmarks/`), the popover (a bookmark shown, or the form), the range
 * selected on the timeline, what was just done (for a status line), and the values the export
 * panel is prefilled with from a bookmark.
 */
import { useCallback, useState } from 'react';
import { useBookmarks, type Bookmark } from '../bookmarks/index.ts';
import type { ExportPrefill } from '../export/index.ts';
import type { BookmarkCardState } from './bookmark-card.tsx';
import { exportRangeOf, type Selection } from './bookmark-model.ts';

/** What the hook gives the page. */
export interface PlaybackBookmarks {
  bookmarks: Bookmark[];
  /** The last listing's failure, if any. */
  error: unknown;
  card: BookmarkCardState | null;
  /** The bookmark the popover is about (shown or edited). */
  openId: string | null;
  selection: Selection | null;
  setSelection: (s: Selection | null) => void;
  /** What was just done, for the status line. */
  done: 'saved' | 'deleted' | null;
  exportPrefill: ExportPrefill | null;
  show: (b: Bookmark) => void;
  showId: (id: string) => void;
  startNew: (cameraIds: string[], fromMs: number, toMs: number, caseReference: string) => void;
  edit: (b: Bookmark) => void;
  close: () => void;
  saved: (b: Bookmark) => void;
  deleted: (b: Bookmark) => void;
  prefillExport: (b: Bookmark) => void;
}

/** The hook, over the bookmarks of `cameraIds` overlapping `[fromMs, toMs)`. */
export function usePlaybackBookmarks(
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
): PlaybackBookmarks {
  const list = useBookmarks(cameraIds, fromMs, toMs);
  const [card, setCard] = useState<BookmarkCardState | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [done, setDone] = useState<'saved' | 'deleted' | null>(null);
  const [exportPrefill, setExportPrefill] = useState<ExportPrefill | null>(null);
  const { reload } = list;

  const showId = useCallback((id: string) => {
    setDone(null);
    setCard({ kind: 'view', id });
  }, []);
  return {
    bookmarks: list.bookmarks,
    error: list.error,
    card,
    openId: card?.kind === 'view' ? card.id : card?.kind === 'edit' ? card.bookmark.id : null,
    selection,
    setSelection,
    done,
    exportPrefill,
    show: (b) => showId(b.id),
    showId,
    startNew: (ids, from, to, caseReference) => {
      setDone(null);
      setCard({ kind: 'new', cameraIds: ids, fromMs: from, toMs: to, caseReference });
    },
    edit: (b) => setCard({ kind: 'edit', bookmark: b }),
    close: () => setCard(null),
    saved: (b) => {
      reload();
      setSelection(null);
      setDone('saved');
      setCard({ kind: 'view', id: b.id });
    },
    deleted: () => {
      reload();
      setDone('deleted');
      setCard(null);
    },
    prefillExport: (b) => {
      const range = exportRangeOf(b);
      setExportPrefill((p) => ({
        key: (p?.key ?? 0) + 1,
        cameras: b.cameraIds,
        fromMs: range.fromMs,
        toMs: range.toMs,
        caseReference: b.caseReference,
      }));
    },
  };
}
