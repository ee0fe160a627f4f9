/** The header bar: product name, the signed-in user with agency and role, language, sign-out. */
import { useState } from 'react';
import type { SessionUser } from '../api/index.ts';
import { LanguageSwitch, useI18n } from '../i18n/index.ts';
import { roleLabel } from './role-label.ts';

/** Props of the header. */
export interface HeaderProps {
  user: SessionUser;
  onLogout: () => Promise<void>;
  /** Opens the account's security page (the second factor); no button without it. */
  onSecurity?: (() => void) | undefined;
}

/** The application header. */
export function Header({ user, onLogout, onSecurity }: HeaderProps) {
  const { t, lang } = useI18n();
  const [leaving, setLeaving] = useState(false);

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <dl className="who">
        <div>
          <dt>{t('header.user')}</dt>
          <dd data-testid="header-user">
            {user.displayName} <span className="muted">({user.username})</span>
          </dd>
        </div>
        <div>
          <dt>{t('header.agency')}</dt>
          <dd title={user.agencyId}>{user.agencyName || user.agencyId || t('details.none')}</dd>
        </div>
        <div>
          <dt>{t('header.role')}</dt>
          <dd>{roleLabel(lang, user.role)}</dd>
        </div>
      </dl>
      <div className="header-actions">
        <LanguageSwitch />
        {onSecurity !== undefined && (
          <button type="button" className="logout" onClick={onSecurity}>
            {t('totp.enrol.open')}
          </button>
        )}
        <button
          type="button"
          className="logout"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            onLogout().catch(() => setLeaving(false));
          }}
        >
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
