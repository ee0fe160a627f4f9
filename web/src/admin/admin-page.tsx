/**
 * The administration section: agencies, accounts, roles, API tokens, the RTSP re-stream's service
 * accounts, agreements, cameras, camera groups, retention and legal holds, one tab each (`#/admin/<tab>`). Only the tabs the user's permissions open are shown; the server
 * decides in any case.
 */
import { useId } from 'react';
import { useI18n } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { AgenciesTab } from './agencies-tab.tsx';
import { AgreementsTab } from './agreements-tab.tsx';
import { CamerasTab } from './cameras-tab.tsx';
import { HoldsTab } from './holds-tab.tsx';
import { RetentionTab } from './retention-tab.tsx';
import { GroupsTab } from './groups-tab.tsx';
import { RolesTab } from './roles-tab.tsx';
import { RestreamTab } from './restream-tab.tsx';
import { TokensTab } from './tokens-tab.tsx';
import { UsersTab } from './users-tab.tsx';
import './admin.css';

type Tab =
  | 'agencies'
  | 'users'
  | 'roles'
  | 'tokens'
  | 'restream'
  | 'agreements'
  | 'groups'
  | 'cameras'
  | 'retention'
  | 'holds';

/** Which tabs a set of permissions opens. */
export function visibleTabs(permissions: readonly string[]): Tab[] {
  const has = (p: string) => permissions.includes(p);
  const out: Tab[] = [];
  if (has('agreement.manage') || has('user.manage') || has('audit.read')) out.push('agencies');
  if (has('user.manage')) out.push('users', 'roles', 'tokens', 'restream');
  if (has('agreement.manage')) out.push('agreements');
  if (has('camera.manage')) out.push('cameras', 'groups', 'retention');
  if (has('hold.manage')) out.push('holds');
  return out;
}

/** The administration page. */
export function AdminPage({ user, param, setParam }: SectionPageProps) {
  const { t } = useI18n();
  const id = useId();
  const tabs = visibleTabs(user.permissions);
  // `holds?cameras=…`: the tab, then what the address asks of it.
  const tabName = param?.split('?')[0] ?? null;
  const tab = tabs.find((x) => x === tabName) ?? tabs[0];
  if (tab === undefined) {
    return (
      <p className="page-message" role="status">
        {t('admin.forbidden')}
      </p>
    );
  }
  return (
    <div className="admin-page">
      <h1 id={`${id}-title`}>{t('admin.title')}</h1>
      <div role="tablist" aria-labelledby={`${id}-title`} className="admin-tabs">
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={x === tab}
            onClick={() => setParam(x)}
          >
            {t(`admin.tab.${x}` as MessageKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'agencies' && (
          <AgenciesTab canEdit={user.permissions.includes('agreement.manage')} />
        )}
        {tab === 'users' && <UsersTab selfId={user.id} />}
        {tab === 'roles' && <RolesTab canEdit={user.permissions.includes('user.manage')} />}
        {tab === 'tokens' && <TokensTab />}
        {tab === 'restream' && <RestreamTab />}
        {tab === 'agreements' && <AgreementsTab />}
        {tab === 'groups' && <GroupsTab />}
        {tab === 'cameras' && <CamerasTab />}
        {tab === 'retention' && <RetentionTab />}
        {tab === 'holds' && <HoldsTab param={param} />}
      </div>
    </div>
  );
}
