/**
 * Selecting a range on the timeline without a mouse: "start of selection" and "end of
 * selection" at the playhead, what is selected in words, and a way to drop it. (With a mouse,
 * shift+drag on a bar does the same.) The selection is what a new bookmark marks.
 */
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { markSelectionEnd, markSelectionStart, type Selection } from './bookmark-model.ts';

/** Props of the tools. */
export interface SelectionToolsProps {
  selection: Selection | null;
  playheadMs: number;
  onChange: (s: Selection | null) => void;
}

/** The tools. */
export function SelectionTools({ selection, playheadMs, onChange }: SelectionToolsProps) {
  const { t } = useI18n();
  const site = useSiteTime();
  const at = Math.round(playheadMs);
  return (
    <span className="pb-select" role="group" aria-label={t('playback.selection.group')}>
      <button
        type="button"
        onClick={() => onChange(markSelectionStart(selection, at))}
        title={t('playback.selection.hint')}
        data-testid="selection-start"
      >
        {t('playback.selection.start')}
      </button>
      <button
        type="button"
        onClick={() => onChange(markSelectionEnd(selection, at))}
        title={t('playback.selection.hint')}
        data-testid="selection-end"
      >
        {t('playback.selection.end')}
      </button>
      <span className="pb-select-text" aria-live="polite" data-testid="selection-text">
        {selection === null
          ? ''
          : selection.toMs === null
            ? t('playback.selection.from', { from: site.time(selection.fromMs) })
            : t('playback.selection.range', {
                from: site.time(selection.fromMs),
                to: site.time(selection.toMs),
              })}
      </span>
      {selection !== null && (
        <button
          type="button"
          onClick={() => onChange(null)}
          aria-label={t('playback.selection.clear')}
          title={t('playback.selection.clear')}
        >
          ×
        </button>
      )}
    </span>
  );
}
