/** Public entry of the translations module. */
export { I18nProvider, useI18n, LANGUAGE_STORAGE_KEY } from './i18n-context.tsx';
export type { I18n } from './i18n-context.tsx';
export { LanguageSwitch } from './language-switch.tsx';
export {
  LANGUAGES,
  DEFAULT_LANGUAGE,
  translate,
  translatePlural,
  isLanguage,
  hasMessage,
  labelOf,
} from './translate.ts';
export type { Language, MessageParams, PluralKey } from './translate.ts';
export type { MessageKey } from './it.ts';
