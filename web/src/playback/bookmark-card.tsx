/**
 * The bookmark popover of the recordings page: a bookmark's details (time, cameras, author,
 * note, case reference, whether a legal hold covers it) with one click to prefill the export
 * panel or to write a legal-hold request, and — for its author or a supervisor — edit and
 * delete; or the form making a new one. Escape or the close button closes it.
 */
import { useEffect, useRef, useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { deleteBookmark, holdHref, playbackHref, type Bookmark } from '../bookmarks/index.ts';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { holdRequestText } from './bookmark-model.ts';
import { BookmarkForm, type BookmarkDraft } from './bookmark-form.tsx';

/** What the popover shows: a bookmark, or the form over a draft. */
export type BookmarkCardState = { kind: 'view'; id: string } | BookmarkDraft;

/** Props of the popover. */
export interface BookmarkCardProps {
  state: BookmarkCardState;
  bookmarks: readonly Bookmark[];
  names: ReadonlyMap<string, string>;
  /** The shown cameras the user may bookmark. */
  markable: readonly string[];
  /** Whether the page has the export panel (the user may export). */
  canExport: boolean;
  /** Whether the user may place a legal hold on every camera of the bookmark (`hold.manage`). */
  mayPlaceHold: (b: Bookmark) => boolean;
  onEdit: (b: Bookmark) => void;
  onExport: (b: Bookmark) => void;
  onSaved: (b: Bookmark) => void;
  onDeleted: (b: Bookmark) => void;
  onClose: () => void;
}

/** The popover. */
export function BookmarkCard(props: BookmarkCardProps) {
  const { t } = useI18n();
  const { state, bookmarks, onClose } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = state.kind === 'view' ? bookmarks.find((b) => b.id === state.id) : undefined;
  const key =
    state.kind === 'new'
      ? `new:${state.fromMs}:${state.toMs}`
      : `${state.kind}:${state.kind === 'view' ? state.id : state.bookmark.id}`;
  // A bookmark opened (from its marker or the strip) takes the focus, once it is listed.
  const found = shown !== undefined;
  useEffect(() => {
    if (found) heading.current?.focus();
  }, [key, found]);
  if (state.kind === 'view' && !shown) return null;
  const title =
    state.kind === 'new'
      ? t('playback.bookmark.new')
      : state.kind === 'edit'
        ? t('playback.bookmark.editing', { title: state.bookmark.title })
        : (shown?.title ?? '');
  return (
    <section
      className="pb-bm-card"
      role="dialog"
      aria-labelledby="pb-bm-card-title"
      data-testid="bookmark-card"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onClose();
      }}
    >
      <div className="pb-bm-head">
        <h2 id="pb-bm-card-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('playback.bookmark.close')}>
          ×
        </button>
      </div>
      {shown && <BookmarkDetails key={key} bookmark={shown} {...props} />}
      {state.kind !== 'view' && (
        <BookmarkForm
          key={key}
          draft={state}
          markable={props.markable}
          names={props.names}
          onSaved={props.onSaved}
          onCancel={onClose}
        />
      )}
    </section>
  );
}

/** A bookmark's details and what can be done from it. */
function BookmarkDetails({
  bookmark: b,
  names,
  canExport,
  mayPlaceHold,
  onEdit,
  onExport,
  onDeleted,
}: BookmarkCardProps & { bookmark: Bookmark }) {
  const { t } = useI18n();
  const site = useSiteTime();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [holdText, setHoldText] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  const remove = () => {
    setError(null);
    deleteBookmark(b.id).then(
      () => onDeleted(b),
      (e: unknown) => setError(e),
    );
  };

  const requestHold = () => {
    const url = `${window.location.origin}${window.location.pathname}${playbackHref(b.cameraIds, b.fromMs)}`;
    const text = holdRequestText(
      b,
      {
        heading: t('playback.hold.heading'),
        cameras: t('playback.hold.cameras'),
        from: t('playback.hold.from'),
        to: t('playback.hold.to'),
        at: t('playback.hold.at'),
        caseReference: t('playback.hold.caseReference'),
        title: t('playback.hold.title'),
        note: t('playback.hold.note'),
        link: t('playback.hold.link'),
        notice: t('playback.hold.notice'),
        names,
        dateTime: site.dateTime,
        timeZone: site.timeZone,
      },
      url,
    );
    setHoldText(text);
    setCopied(null);
    // The clipboard needs a secure context (https or localhost); otherwise the text is shown
    // selected, to copy by hand.
    const clipboard = window.isSecureContext ? navigator.clipboard : undefined;
    if (!clipboard) {
      setCopied(false);
      return;
    }
    clipboard.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <div className="pb-bm-details">
      <p className="pb-bm-when">
        {b.toMs > b.fromMs
          ? t('playback.bookmark.range', {
              from: site.dateTime(b.fromMs),
              to: site.dateTime(b.toMs),
            })
          : t('playback.bookmark.instant', { at: site.dateTime(b.fromMs) })}
      </p>
      <p className="pb-bm-meta">
        {b.cameraIds.map((id) => names.get(id) ?? id).join(', ')} ·{' '}
        {t('playback.bookmark.by', { author: b.authorName })}
        {b.caseReference !== null && ` · ${t('bookmarks.case')} ${b.caseReference}`}
      </p>
      {b.note !== '' && <p className="pb-bm-note">{b.note}</p>}
      <p className={b.protectedFromRetention ? 'pb-bm-held' : 'pb-bm-notice'} role="note">
        {b.protectedFromRetention ? t('bookmarks.held') : t('bookmarks.retentionNotice')}
      </p>
      {error !== null && (
        <p className="pb-error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      <div className="pb-bm-actions">
        {canExport && (
          <button type="button" onClick={() => onExport(b)} data-testid="bookmark-export">
            {t('playback.bookmark.export')}
          </button>
        )}
        {!b.protectedFromRetention && (
          <button type="button" onClick={requestHold} data-testid="bookmark-hold">
            {t('playback.bookmark.hold')}
          </button>
        )}
        {!b.protectedFromRetention && mayPlaceHold(b) && (
          <a
            href={holdHref(b.cameraIds, b.fromMs, b.toMs, b.title, b.caseReference)}
            className="pb-bm-link"
            data-testid="bookmark-hold-form"
          >
            {t('playback.bookmark.holdForm')}
          </a>
        )}
        {b.editable && !confirming && (
          <>
            <button type="button" onClick={() => onEdit(b)} data-testid="bookmark-edit">
              {t('playback.bookmark.edit')}
            </button>
            <button type="button" onClick={() => setConfirming(true)} data-testid="bookmark-delete">
              {t('playback.bookmark.delete')}
            </button>
          </>
        )}
        {confirming && (
          <>
            <button
              type="button"
              className="primary"
              onClick={remove}
              data-testid="bookmark-delete-confirm"
            >
              {t('playback.bookmark.confirmDelete')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('playback.bookmark.cancel')}
            </button>
          </>
        )}
      </div>
      {holdText !== null && (
        <div className="pb-bm-hold">
          <p role="status" data-testid="bookmark-hold-status">
            {copied === true
              ? t('playback.hold.copied')
              : copied === false
                ? t('playback.hold.copyByHand')
                : ''}
          </p>
          <textarea
            readOnly
            value={holdText}
            rows={6}
            aria-label={t('playback.hold.heading')}
            data-testid="bookmark-hold-text"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </div>
  );
}
