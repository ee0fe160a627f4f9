/** The language switch shown in the header and on the sign-in page. */
import { useI18n } from './i18n-context.tsx';
import { LANGUAGES } from './translate.ts';

/** A pair of toggle buttons (IT / EN); the pressed one is the current language. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={code === lang}
          title={t(`lang.${code}`)}
          onClick={() => setLang(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
