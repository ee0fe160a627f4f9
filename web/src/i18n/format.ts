/** Locale-aware formatting of dates and numbers for the interface languages. */
import type { Language } from './translate.ts';

const LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-GB' };

/**
 * A calendar date (`YYYY-MM-DD`, as the camera register stores it) written out in the language,
 * e.g. `3 marzo 2025`. Any other text is returned as it is, so that nothing is hidden.
 */
export function formatCalendarDate(lang: Language, isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/** A number written out in the language, with the given number of decimals. */
export function formatNumber(lang: Language, value: number, decimals: number): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}
