/**
 * The site's time zone for the whole interface: the app provides the zone the server publishes
 * (`GET /api/site`), and every page writes instants through `useSiteTime()`, never through the
 * browser's locale or zone. Without a provider the default zone (Europe/Rome) is used.
 */
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { fromSiteInput, toSiteInput } from './site-input.ts';
import {
  DEFAULT_SITE_TIME_ZONE,
  formatSiteDate,
  formatSiteDateTime,
  formatSiteTime,
  siteClock,
} from './site-time.ts';

/** What `useSiteTime` gives a component: formatting bound to the site's zone. */
export interface SiteTime {
  /** The IANA zone, e.g. `Europe/Rome`. */
  timeZone: string;
  /** `7/12/2026 15:27:04`. */
  dateTime: (ms: number) => string;
  /** `7/12/2026`. */
  date: (ms: number) => string;
  /** `15:27:04`. */
  time: (ms: number) => string;
  /** `2026-12-07 15:27:04.123`. */
  clock: (ms: number) => string;
  /** A `datetime-local` value (`ms` or `minutes` precision). */
  toInput: (ms: number, precision?: 'ms' | 'minutes') => string;
  /** UTC ms of a `datetime-local` value; NaN when malformed. */
  fromInput: (value: string) => number;
}

/** The formatting functions of a zone. */
export function siteTimeOf(timeZone: string): SiteTime {
  return {
    timeZone,
    dateTime: (ms) => formatSiteDateTime(ms, timeZone),
    date: (ms) => formatSiteDate(ms, timeZone),
    time: (ms) => formatSiteTime(ms, timeZone),
    clock: (ms) => siteClock(ms, timeZone),
    toInput: (ms, precision) => toSiteInput(ms, timeZone, precision),
    fromInput: (value) => fromSiteInput(value, timeZone),
  };
}

const SiteTimeContext = createContext<SiteTime>(siteTimeOf(DEFAULT_SITE_TIME_ZONE));

/** Provides the site's zone to everything below it. */
export function SiteTimeProvider({
  timeZone,
  children,
}: {
  timeZone: string;
  children: ReactNode;
}) {
  const value = useMemo(() => siteTimeOf(timeZone), [timeZone]);
  return <SiteTimeContext value={value}>{children}</SiteTimeContext>;
}

/** Formatting in the site's time zone. */
export function useSiteTime(): SiteTime {
  return useContext(SiteTimeContext);
}
