/**
 * React side of the translations: a provider that holds the chosen language (persisted in
 * localStorage, reflected in `<html lang>`), and the `useI18n` hook that pages call.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { MessageKey } from './it.ts';
import { formatCalendarDate, formatNumber } from './format.ts';
import { DEFAULT_LANGUAGE, isLanguage, translate, translatePlural } from './translate.ts';
import type { Language, MessageParams, PluralKey } from './translate.ts';

/** The localStorage key under which the chosen language is kept. */
export const LANGUAGE_STORAGE_KEY = 'vedetta.language';

/** What `useI18n` gives a component. */
export interface I18n {
  /** The current language. */
  lang: Language;
  /** Changes the language, remembers it and updates `<html lang>`. */
  setLang: (lang: Language) => void;
  /** The message for a key, with placeholders filled in. */
  t: (key: MessageKey, params?: MessageParams) => string;
  /** The plural form of a message for a count. */
  tn: (key: PluralKey, count: number, params?: MessageParams) => string;
  /** A `YYYY-MM-DD` date written out in the current language. */
  date: (isoDate: string) => string;
  /** A number with a fixed count of decimals in the current language. */
  num: (value: number, decimals: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Provides the language to the whole application. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(storedLanguage);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Storage may be disabled by policy; the choice then lasts for this page only.
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      tn: (key, count, params) => translatePlural(lang, key, count, params),
      date: (isoDate) => formatCalendarDate(lang, isoDate),
      num: (n, decimals) => formatNumber(lang, n, decimals),
    }),
    [lang, setLang],
  );

  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The translations of the current language. Must be used inside `I18nProvider`. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n must be used inside I18nProvider');
  return value;
}
