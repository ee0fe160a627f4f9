/**
 * The main layout after sign-in: a header (who is signed in, agency, role, language, sign-out),
 * the section navigation, and the current section's page. The sections are given by the
 * application (`app/sections.ts`).
 */
import { useEffect, useMemo, useRef } from 'react';
import type { SessionUser } from '../api/index.ts';
import { ComingSoonPage } from '../coming-soon/index.ts';
import { useI18n } from '../i18n/index.ts';
import { Header } from './header.tsx';
import { sectionsFor, type Section } from './section.ts';
import { useHashRoute } from './use-hash-route.ts';

/** Props of the main layout. */
export interface ShellProps {
  user: SessionUser;
  onLogout: () => Promise<void>;
  /** The sections, in navigation order (those the user cannot use are left out). */
  sections: readonly Section[];
  /** The id of the section shown for an empty or unknown address. */
  defaultSection: string;
  /** Opens the account's security page (the second factor); no button without it. */
  onSecurity?: () => void;
}

/** The signed-in application: header, navigation and the routed section. */
export function Shell({ user, onLogout, sections: all, defaultSection, onSecurity }: ShellProps) {
  const { t } = useI18n();
  const sections = useMemo(() => sectionsFor(all, user.permissions), [all, user.permissions]);
  const [route, navigate] = useHashRoute(defaultSection);
  const section = sections.find((s) => s.id === route.section) ?? sections[0];
  const mainRef = useRef<HTMLElement>(null);
  const sectionId = section?.id;

  // Moving to another section puts keyboard focus at the start of its content.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [sectionId]);

  if (section === undefined) return null;
  const Page = section.page;

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Header user={user} onLogout={onLogout} onSecurity={onSecurity} />
      <nav className="section-nav" aria-label={t('nav.label')}>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#/${s.id}`}
                aria-current={s.id === section.id ? 'page' : undefined}
                className={s.page === null ? 'not-built' : undefined}
              >
                {t(s.labelKey)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1} className="shell-main">
        {Page === null ? (
          <ComingSoonPage sectionLabel={t(section.labelKey)} />
        ) : (
          <Page
            user={user}
            param={section.id === route.section ? route.param : null}
            setParam={(param) => navigate({ section: section.id, param })}
          />
        )}
      </main>
    </div>
  );
}
