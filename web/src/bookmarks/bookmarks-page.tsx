/**
 * The bookmarks page: every bookmark the user may see (on cameras they may play back), latest
 * first, searchable by title, note and case reference; each opens the recordings at its moment,
 * and its author (or a supervisor) may delete it. It says plainly that a bookmark does not keep
 * footage from deletion: a legal hold does.
 */
import { useEffect, useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { useSiteTime } from '../time/index.ts';
import { deleteBookmark, listBookmarks, type Bookmark } from './bookmarks-api.ts';
import { holdHref } from './hold-link.ts';
import { playbackHref } from './playback-link.ts';

type Data =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; bookmarks: Bookmark[] };

/** The bookmarks page. */
export function BookmarksPage({ user }: SectionPageProps) {
  const { t } = useI18n();
  const site = useSiteTime();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [data, setData] = useState<Data>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    listBookmarks({ text: search }, controller.signal).then(
      (bookmarks) => setData({ state: 'ready', bookmarks }),
      (error: unknown) => {
        if (!controller.signal.aborted) setData({ state: 'error', error });
      },
    );
    return () => controller.abort();
  }, [search, generation]);

  const remove = (b: Bookmark) => {
    if (!window.confirm(t('bookmarks.confirmDelete', { title: b.title }))) return;
    deleteBookmark(b.id).then(
      () => setGeneration((g) => g + 1),
      (e: unknown) => setFailure(e),
    );
  };

  return (
    <div className="bookmarks-page">
      <h1>{t('bookmarks.title')}</h1>
      <p className="bookmarks-notice" role="note">
        {t('bookmarks.retentionNotice')}
      </p>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(text);
        }}
      >
        <label>
          {t('bookmarks.search')}{' '}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>{' '}
        <button type="submit">{t('bookmarks.searchButton')}</button>
      </form>
      {failure !== null && (
        <p role="alert">
          <ErrorText error={failure} />
        </p>
      )}
      {data.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {data.state === 'error' && (
        <p role="alert">
          <ErrorText error={data.error} />
        </p>
      )}
      {data.state === 'ready' && data.bookmarks.length === 0 && <p>{t('bookmarks.empty')}</p>}
      {data.state === 'ready' && data.bookmarks.length > 0 && (
        <ul className="bookmarks-list">
          {data.bookmarks.map((b) => (
            <li key={b.id} data-bookmark={b.id}>
              <h2>{b.title}</h2>
              <p>
                {b.toMs > b.fromMs
                  ? `${site.dateTime(b.fromMs)} – ${site.dateTime(b.toMs)}`
                  : site.dateTime(b.fromMs)}{' '}
                · {b.cameraIds.join(', ')} · {b.authorName}
                {b.caseReference !== null && ` · ${t('bookmarks.case')} ${b.caseReference}`}
              </p>
              {b.note !== '' && <p className="bookmarks-note">{b.note}</p>}
              <p>{b.protectedFromRetention ? t('bookmarks.held') : t('bookmarks.notHeld')}</p>
              <a href={playbackHref(b.cameraIds, b.fromMs)}>{t('bookmarks.open')}</a>{' '}
              {user.permissions.includes('hold.manage') && (
                <>
                  <a href={holdHref(b.cameraIds, b.fromMs, b.toMs, b.title, b.caseReference)}>
                    {t('bookmarks.placeHold')}
                  </a>{' '}
                </>
              )}
              {b.editable && (
                <button type="button" onClick={() => remove(b)}>
                  {t('bookmarks.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
