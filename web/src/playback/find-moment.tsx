/**
 * "Find the moment": a date and time typed in the site's time zone (Italian formats, whatever the
 * browser's language), or a day picked on a calendar that marks the days with recordings.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { parseSiteDateTime, siteInstant, useSiteTime, wallParts } from '../time/index.ts';
import { addMonths, monthGrid, monthKey, type Month } from './calendar-model.ts';
import { getRecordedDays } from './playback-api.ts';

/** Props of the finder. */
export interface FindMomentProps {
  cameras: string[];
  /** The playhead: the calendar opens on its month, and a time alone is read on its day. */
  playheadMs: number;
  /** Goes to an instant. */
  onGo: (ms: number) => void;
  /** Shows a whole local day (the calendar's choice), `[startMs, endMs)`. */
  onDay: (startMs: number, endMs: number) => void;
}

/** The finder. */
export function FindMoment({ cameras, playheadMs, onGo, onDay }: FindMomentProps) {
  const { t, lang } = useI18n();
  const { timeZone } = useSiteTime();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [open, setOpen] = useState(false);
  const here = wallParts(playheadMs, timeZone);
  const [month, setMonth] = useState<Month>({ year: here.year, month: here.month });
  const [days, setDays] = useState<ReadonlySet<string>>(new Set());
  const camerasKey = cameras.join(',');

  useEffect(() => {
    if (!open || camerasKey === '') return;
    const controller = new AbortController();
    getRecordedDays(camerasKey.split(','), monthKey(month), controller.signal).then(
      (list) => setDays(new Set(list)),
      () => setDays(new Set()),
    );
    return () => controller.abort();
  }, [open, camerasKey, month]);

  const monthName = new Intl.DateTimeFormat(lang, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(month.year, month.month - 1, 15)));
  const weekdays = t('playback.weekdays').split(',');

  return (
    <div className="pb-find">
      <form
        className="pb-goto"
        onSubmit={(e) => {
          e.preventDefault();
          const ms = parseSiteDateTime(text, timeZone, playheadMs);
          setInvalid(!Number.isFinite(ms));
          if (Number.isFinite(ms)) onGo(ms);
        }}
      >
        <label>
          {t('playback.find')}
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('playback.findPlaceholder')}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'pb-find-error' : undefined}
            data-testid="goto-input"
            size={19}
          />
        </label>
        <button type="submit" data-testid="goto-submit">
          {t('playback.go')}
        </button>
        <button
          type="button"
          aria-expanded={open}
          onClick={() => {
            if (!open) setMonth({ year: here.year, month: here.month });
            setOpen(!open);
          }}
          data-testid="calendar-toggle"
        >
          {t('playback.calendar')}
        </button>
        {invalid && (
          <span id="pb-find-error" className="pb-find-error" role="alert">
            {t('playback.findInvalid')}
          </span>
        )}
      </form>
      {open && (
        <div className="pb-calendar" role="group" aria-label={t('playback.calendar')}>
          <div className="pb-calendar-head">
            <button
              type="button"
              onClick={() => setMonth(addMonths(month, -1))}
              aria-label={t('playback.prevMonth')}
            >
              ‹
            </button>
            <span data-testid="calendar-month">{monthName}</span>
            <button
              type="button"
              onClick={() => setMonth(addMonths(month, 1))}
              aria-label={t('playback.nextMonth')}
            >
              ›
            </button>
          </div>
          <table>
            <thead>
              <tr>
                {weekdays.map((d, i) => (
                  <th key={i} scope="col">
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthGrid(month).map((week, w) => (
                <tr key={w}>
                  {week.map((cell, i) => (
                    <td key={i}>
                      {cell && (
                        <button
                          type="button"
                          className={days.has(cell.key) ? 'pb-day pb-day-recorded' : 'pb-day'}
                          data-day={cell.key}
                          data-recorded={days.has(cell.key) ? 'true' : 'false'}
                          aria-label={
                            days.has(cell.key)
                              ? `${cell.day} ${monthName}, ${t('playback.hasRecordings')}`
                              : `${cell.day} ${monthName}`
                          }
                          onClick={() => {
                            const start = siteInstant(
                              month.year,
                              month.month,
                              cell.day,
                              0,
                              0,
                              0,
                              0,
                              timeZone,
                            );
                            const end = siteInstant(
                              month.year,
                              month.month,
                              cell.day + 1,
                              0,
                              0,
                              0,
                              0,
                              timeZone,
                            );
                            setOpen(false);
                            onDay(start, end);
                          }}
                        >
                          {cell.day}
                        </button>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
