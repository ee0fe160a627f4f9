/**
 * The privacy notice, second information layer: controller, DPO, purposes and legal bases,
 * retention, who sees the images, masks, rights and the complaint to the Garante; then the
 * fingerprint of the key that signs evidence packages, for recipients to pin. The data
 * comes from `GET /api/public/notice`; the wording from the dictionaries (Italian, English).
 */
import { useI18n, type MessageKey } from '../i18n/index.ts';
import type { NoticeContact, PublicNotice } from './public-api.ts';

function Contact({ title, contact }: { title: string; contact: NoticeContact }) {
  const { t } = useI18n();
  const rows: [MessageKey, string][] = [
    ['public.notice.address', contact.address],
    ['public.notice.email', contact.email],
    ['public.notice.pec', contact.pec],
    ['public.notice.phone', contact.phone],
  ];
  return (
    <section className="public-notice-section">
      <h3>{title}</h3>
      <p>
        <strong>{contact.name !== '' ? contact.name : t('public.notice.notGiven')}</strong>
      </p>
      <dl className="public-contact">
        {rows
          .filter(([, value]) => value !== '')
          .map(([key, value]) => (
            <div key={key}>
              <dt>{t(key)}</dt>
              <dd>
                {key === 'public.notice.email' ? <a href={`mailto:${value}`}>{value}</a> : value}
              </dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

/** The notice. */
export function PrivacyNotice({ notice }: { notice: PublicNotice }) {
  const { t, tn, date } = useI18n();
  const purpose = (p: string) => t(`purpose.${p}` as MessageKey);
  return (
    <article className="public-notice" data-testid="privacy-notice" aria-labelledby="notice-title">
      <h2 id="notice-title">{t('public.notice.title')}</h2>
      <p className="public-muted">{t('public.notice.layer')}</p>
      <div className="public-notice-contacts">
        <Contact title={t('public.notice.controller')} contact={notice.controller} />
        <Contact title={t('public.notice.dpo')} contact={notice.dpo} />
      </div>
      <section className="public-notice-section">
        <h3>{t('public.notice.purposes')}</h3>
        <p>{t('public.notice.purposesText')}</p>
        <ul>
          {notice.purposes.map((p) => (
            <li key={p.purpose} data-notice-purpose={p.purpose}>
              <strong>{purpose(p.purpose)}</strong>: {p.legalBases.join('; ')}
            </li>
          ))}
        </ul>
      </section>
      <section className="public-notice-section">
        <h3>{t('public.notice.retention')}</h3>
        <p>{t('public.notice.retentionText')}</p>
        <ul>
          {notice.purposes.map((p) => (
            <li key={p.purpose}>
              {t('public.notice.retentionRow', {
                purpose: purpose(p.purpose),
                days: p.maxRetentionDays,
                cameras: tn('public.count', p.cameras),
              })}
            </li>
          ))}
        </ul>
      </section>
      <section className="public-notice-section">
        <h3>{t('public.notice.recipients')}</h3>
        <p>{t('public.notice.recipientsText')}</p>
        <p>{t('public.notice.masksText')}</p>
      </section>
      <section className="public-notice-section">
        <h3>{t('public.notice.rights')}</h3>
        <p>{t('public.notice.rightsText')}</p>
        <p>
          {t('public.notice.complaint', { authority: notice.authority.name })}{' '}
          <a href={notice.authority.url} rel="noreferrer">
            {notice.authority.url}
          </a>
        </p>
      </section>
      {notice.signingKeyFingerprint !== null && (
        <section className="public-notice-section" data-testid="signing-key">
          <h3>{t('public.notice.signingKey')}</h3>
          <p>{t('public.notice.signingKeyText')}</p>
          <p>
            <code className="public-fingerprint" data-testid="signing-key-fingerprint">
              {notice.signingKeyFingerprint}
            </code>
          </p>
        </section>
      )}
      {notice.updatedOn !== null && (
        <p className="public-muted">
          {t('public.notice.updatedOn', { date: date(notice.updatedOn) })}
        </p>
      )}
    </article>
  );
}
