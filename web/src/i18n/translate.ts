/**
 * Pure translation functions over the typed dictionaries: look up a key, fill `{placeholders}`,
 * pick a plural form. No React and no browser globals, so that it runs in unit tests.
 */
import { en } from './en.ts';
import { it } from './it.ts';
import type { MessageKey } from './it.ts';

/** The languages the interface speaks. Italian is the default. */
export const LANGUAGES = ['it', 'en'] as const;

/** A language code of the interface. */
export type Language = (typeof LANGUAGES)[number];

/** The default language: Italian. */
export const DEFAULT_LANGUAGE: Language = 'it';

/** The dictionary of every language, keyed by language code. */
export const DICTIONARIES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  it,
  en,
};

/** Values for `{placeholders}` in a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A key that has `.one` and `.other` plural forms, named without the suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer B}.one`
    ? `${B}.other` extends MessageKey
      ? B
      : never
    : never;
}[MessageKey];

/** Whether a value is one of the interface's language codes. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Whether a string is a key of the dictionaries (for keys built at run time, like roles). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(DICTIONARIES[DEFAULT_LANGUAGE], key);
}

/**
 * The label for a key built at run time (e.g. `perm.${permission}`): its message through `t`
 * when the dictionaries have the key, `fallback` (usually the raw value) otherwise.
 */
export function labelOf(t: (key: MessageKey) => string, key: string, fallback: string): string {
  return hasMessage(key) ? t(key) : fallback;
}

/** The message for a key in a language, with `{name}` placeholders replaced from params. */
export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[lang][key];
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The plural form of a message for a count; `{count}` is filled in with the count. */
export function translatePlural(
  lang: Language,
  key: PluralKey,
  count: number,
  params?: MessageParams,
): string {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  const fullKey: MessageKey = `${key}.${form}`;
  return translate(lang, fullKey, { ...params, count });
}

/** The placeholder names used in a message template, sorted (for consistency checks). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
