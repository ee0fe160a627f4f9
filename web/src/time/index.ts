/**
 * Public entry of the time module: instants as the interface writes and reads them, in the
 * site's time zone (`useSiteTime`, and the pure functions behind it), plus the browser-local
 * forms the recordings page still uses.
 */
export { localClock, utcClock, toLocalInput, fromLocalInput, tickLabel } from './wall-clock.ts';
export {
  DEFAULT_SITE_TIME_ZONE,
  isTimeZone,
  wallParts,
  formatSiteDate,
  formatSiteTime,
  formatSiteDateTime,
  siteClock,
} from './site-time.ts';
export type { WallParts } from './site-time.ts';
export { toSiteInput, fromSiteInput } from './site-input.ts';
export { parseSiteDateTime, siteDayKey, siteInstant, siteTickLabel } from './site-parse.ts';
export { SiteTimeProvider, useSiteTime, siteTimeOf } from './site-time-context.tsx';
export type { SiteTime } from './site-time-context.tsx';
export { SiteDateTimeInput } from './site-datetime-input.tsx';
export type { SiteDateTimeInputProps } from './site-datetime-input.tsx';
export { fieldText, fieldValue } from './site-field-text.ts';
export type { FieldPrecision } from './site-field-text.ts';
