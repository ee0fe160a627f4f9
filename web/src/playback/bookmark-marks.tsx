/**
 * The bookmarks of one camera drawn over its timeline bar: a marker for an instant, a band for a
 * range (overlapping ones on separate lanes). Each is a button named after the bookmark and its
 * time; choosing one moves the playhead to it and opens it.
 */
import type { Bookmark } from '../bookmarks/index.ts';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { bookmarkMarks } from './bookmark-model.ts';
import type { TimeWindow } from './timeline-model.ts';

/** Props of the markers. */
export interface BookmarkMarksProps {
  bookmarks: readonly Bookmark[];
  cameraId: string;
  window: TimeWindow;
  /** The bookmark open on the page, highlighted. */
  openId: string | null;
  onChoose: (b: Bookmark) => void;
}

const pct = (f: number): string => `${(f * 100).toFixed(3)}%`;

/** The markers of one bar. */
export function BookmarkMarks({
  bookmarks,
  cameraId,
  window: w,
  openId,
  onChoose,
}: BookmarkMarksProps) {
  const { t } = useI18n();
  const site = useSiteTime();
  const marks = bookmarkMarks(bookmarks, cameraId, w);
  if (marks.length === 0) return null;
  return (
    <div className="pb-bm-layer">
      {marks.map((m) => {
        const b = m.bookmark;
        const when =
          m.kind === 'range'
            ? `${site.dateTime(b.fromMs)} – ${site.time(b.toMs)}`
            : site.dateTime(b.fromMs);
        const name = t('playback.bookmark.mark', { title: b.title, when });
        return (
          <button
            key={b.id}
            type="button"
            className={`pb-bm pb-bm-${m.kind}${b.id === openId ? ' pb-bm-open' : ''}`}
            style={
              m.kind === 'range'
                ? { left: pct(m.left), width: pct(m.width), top: `${m.lane * 0.4}rem` }
                : { left: pct(m.left) }
            }
            aria-label={name}
            title={name}
            data-testid="bookmark-mark"
            data-bookmark={b.id}
            data-kind={m.kind}
            onClick={() => onChoose(b)}
          />
        );
      })}
    </div>
  );
}
