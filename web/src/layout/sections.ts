/**
 * The sections of the application, in navigation order. Adding a page means adding its folder
 * (`web/src/<page>/`) and setting `page` here; a section without a page shows "in arrivo".
 */
import type { ComponentType } from 'react';
import type { SessionUser } from '../api/index.ts';
import { CameraPage } from '../cameras/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { AlarmsPage } from '../alarms/index.ts';
import { MapPage } from '../map/index.ts';
import { PrivacyPage } from '../privacy/index.ts';
import { CompliancePage } from '../compliance/index.ts';
import { WallPage } from '../wall/index.ts';
import { AuditPage } from '../audit/index.ts';
import { AdminPage } from '../admin/index.ts';
import { PlaybackPage } from '../playback/index.ts';
import { VerifyPage } from '../export/index.ts';

/** What every section page receives from the layout. */
export interface SectionPageProps {
  /** The signed-in user. */
  user: SessionUser;
  /** The route parameter after the section, e.g. the selected camera id. */
  param: string | null;
  /** Changes the route parameter of this section. */
  setParam: (param: string | null) => void;
}

/** One entry of the navigation. */
export interface Section {
  /** The id used in the address: `#/<id>`. */
  id: string;
  /** The navigation label. */
  labelKey: MessageKey;
  /** The page, or null while the section is not built yet. */
  page: ComponentType<SectionPageProps> | null;
}

/** Every section, in navigation order. */
export const SECTIONS: readonly Section[] = [
  { id: 'cameras', labelKey: 'nav.cameras', page: CameraPage },
  { id: 'wall', labelKey: 'nav.wall', page: WallPage },
  { id: 'map', labelKey: 'nav.map', page: MapPage },
  { id: 'recordings', labelKey: 'nav.recordings', page: PlaybackPage },
  { id: 'verify', labelKey: 'nav.verify', page: VerifyPage },
  { id: 'alarms', labelKey: 'nav.alarms', page: AlarmsPage },
  { id: 'audit', labelKey: 'nav.audit', page: AuditPage },
  { id: 'privacy', labelKey: 'nav.privacy', page: PrivacyPage },
  { id: 'compliance', labelKey: 'nav.compliance', page: CompliancePage },
  { id: 'admin', labelKey: 'nav.admin', page: AdminPage },
];

/** The section shown after sign-in and for an unknown address. */
export const DEFAULT_SECTION = 'cameras';
