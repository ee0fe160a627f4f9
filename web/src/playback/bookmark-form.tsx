/**
 * The form that makes or changes a bookmark on the recordings page: title (required), note, case
 * reference and the cameras it marks (among those shown that the user may bookmark), over an
 * instant or a range given by the page; with the notice that a bookmark keeps nothing from
 * deletion.
 */
import { useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { createBookmark, updateBookmark, type Bookmark } from '../bookmarks/index.ts';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';

/** What the form starts from: a new bookmark's range and cameras, or the bookmark changed. */
export type BookmarkDraft =
  | { kind: 'new'; cameraIds: string[]; fromMs: number; toMs: number; caseReference: string }
  | { kind: 'edit'; bookmark: Bookmark };

/** Props of the form. */
export interface BookmarkFormProps {
  draft: BookmarkDraft;
  /** The cameras the user may mark among those shown, offered as checkboxes. */
  markable: readonly string[];
  names: ReadonlyMap<string, string>;
  onSaved: (b: Bookmark) => void;
  onCancel: () => void;
}

/** The form. */
export function BookmarkForm({ draft, markable, names, onSaved, onCancel }: BookmarkFormProps) {
  const { t } = useI18n();
  const site = useSiteTime();
  const start = draft.kind === 'new' ? draft : draft.bookmark;
  const [title, setTitle] = useState(draft.kind === 'edit' ? draft.bookmark.title : '');
  const [note, setNote] = useState(draft.kind === 'edit' ? draft.bookmark.note : '');
  const [caseRef, setCaseRef] = useState(
    draft.kind === 'edit' ? (draft.bookmark.caseReference ?? '') : draft.caseReference,
  );
  const [cameraIds, setCameraIds] = useState<string[]>(start.cameraIds);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Only the shown cameras are offered; editing keeps the bookmark's others as they are.
  const offered = markable;

  const submit = async () => {
    setError(null);
    setBusy(true);
    const sameCameras =
      cameraIds.length === start.cameraIds.length &&
      cameraIds.every((id) => start.cameraIds.includes(id));
    const fields = {
      title: title.trim(),
      note: note.trim(),
      caseReference: caseRef.trim() === '' ? null : caseRef.trim(),
    };
    try {
      onSaved(
        draft.kind === 'new'
          ? await createBookmark({
              ...fields,
              cameraIds,
              fromMs: Math.round(draft.fromMs),
              toMs: Math.round(draft.toMs),
            })
          : await updateBookmark(draft.bookmark.id, {
              ...fields,
              ...(sameCameras ? {} : { cameraIds }),
            }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const when =
    start.toMs > start.fromMs
      ? t('playback.bookmark.range', {
          from: site.dateTime(start.fromMs),
          to: site.dateTime(start.toMs),
        })
      : t('playback.bookmark.instant', { at: site.dateTime(start.fromMs) });

  return (
    <form
      className="pb-bm-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="pb-bm-when" data-testid="bookmark-form-when">
        {when}
      </p>
      <label>
        {t('playback.bookmark.title')}
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={120}
          name="bookmarkTitle"
          // The form opens on this field: the user asked for a bookmark and types its title.
          autoFocus
        />
      </label>
      <label>
        {t('playback.bookmark.note')}
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          rows={2}
          name="bookmarkNote"
        />
      </label>
      <label>
        {t('playback.bookmark.caseReference')}
        <input
          value={caseRef}
          onChange={(e) => setCaseRef(e.target.value)}
          maxLength={100}
          name="bookmarkCaseReference"
        />
      </label>
      {offered.length > 1 && (
        <fieldset className="pb-bm-cameras">
          <legend>{t('playback.bookmark.cameras')}</legend>
          {offered.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={cameraIds.includes(id)}
                onChange={() =>
                  setCameraIds((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))
                }
              />
              {names.get(id) ?? id}
            </label>
          ))}
        </fieldset>
      )}
      <p className="pb-bm-notice" role="note">
        {t('bookmarks.retentionNotice')}
      </p>
      {error !== null && (
        <p className="pb-error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      <div className="pb-bm-actions">
        <button
          type="submit"
          className="primary"
          disabled={busy || cameraIds.length === 0}
          data-testid="bookmark-save"
        >
          {t('playback.bookmark.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('playback.bookmark.cancel')}
        </button>
      </div>
    </form>
  );
}
