/** What a section that is not built yet shows: a short notice, never made-up data. */
import { useI18n } from '../i18n/index.ts';

/** Props of the notice: the section's translated name. */
export interface ComingSoonPageProps {
  sectionLabel: string;
}

/** The "in arrivo" notice for a section that is not built yet. */
export function ComingSoonPage({ sectionLabel }: ComingSoonPageProps) {
  const { t } = useI18n();
  return (
    <section className="coming-soon" aria-labelledby="coming-soon-title">
      <h1 id="coming-soon-title">{sectionLabel}</h1>
      <p className="coming-soon-badge">{t('comingSoon.title')}</p>
      <p>{t('comingSoon.body', { section: sectionLabel })}</p>
    </section>
  );
}
