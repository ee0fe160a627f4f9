/**
 * The sections of the application, in navigation order: the one place that knows every page.
 * Adding a page means adding its folder (`web/src/<page>/`, with an `index.ts`), its layer in
 * `scripts/module-layers.mjs`, and an entry here; a section with `page: null` shows "in arrivo".
 */
import { AdminPage } from '../admin/index.ts';
import { AlarmsPage } from '../alarms/index.ts';
import { AuditPage } from '../audit/index.ts';
import { CameraPage } from '../cameras/index.ts';
import { CompliancePage } from '../compliance/index.ts';
import { VerifyPage } from '../export/index.ts';
import type { Section } from '../layout/index.ts';
import { MapPage } from '../map/index.ts';
import { PlaybackPage } from '../playback/index.ts';
import { PrivacyPage } from '../privacy/index.ts';
import { WallPage } from '../wall/index.ts';

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
