/**
 * The sections of the application, in navigation order: the one place that knows every page.
 * Adding a page means adding its folder (`web/src/<page>/`, with an `index.ts`), its layer in
 * `scripts/module-layers.mjs`, and an entry here; a section with `page: null` shows "in arrivo".
 */
import { AdminPage } from '../admin/index.ts';
import { AlarmsPage } from '../alarms/index.ts';
import { AuditPage } from '../audit/index.ts';
import { BookmarksPage } from '../bookmarks/index.ts';
import { CameraPage } from '../cameras/index.ts';
import { CompliancePage } from '../compliance/index.ts';
import { DisplaysPage } from '../displays/index.ts';
import { VerifyPage } from '../export/index.ts';
import type { Section } from '../layout/index.ts';
import { MapPage } from '../map/index.ts';
import { PlaybackPage } from '../playback/index.ts';
import { PrivacyPage } from '../privacy/index.ts';
import { WallPage } from '../wall/index.ts';

/** Who may read the camera registry (names, places): as the server's `CAMERA_REGISTRY_READ`. */
const REGISTRY_READ = ['live.view', 'playback.view', 'camera.manage', 'audit.read'];

/**
 * Every section, in navigation order, with the permissions of which any one opens it (as the
 * server's routes decide; the navigation shows a user only what they can use). Verification of a
 * package and the alarms (each sees what concerns them) are open to everyone signed in.
 */
export const SECTIONS: readonly Section[] = [
  { id: 'cameras', labelKey: 'nav.cameras', page: CameraPage, requires: REGISTRY_READ },
  { id: 'wall', labelKey: 'nav.wall', page: WallPage, requires: ['live.view'] },
  {
    id: 'displays',
    labelKey: 'nav.displays',
    page: DisplaysPage,
    requires: ['display.push', 'display.manage'],
  },
  { id: 'map', labelKey: 'nav.map', page: MapPage, requires: REGISTRY_READ },
  {
    id: 'recordings',
    labelKey: 'nav.recordings',
    page: PlaybackPage,
    requires: ['playback.view'],
  },
  {
    id: 'bookmarks',
    labelKey: 'nav.bookmarks',
    page: BookmarksPage,
    requires: ['playback.view'],
  },
  { id: 'verify', labelKey: 'nav.verify', page: VerifyPage },
  { id: 'alarms', labelKey: 'nav.alarms', page: AlarmsPage },
  { id: 'audit', labelKey: 'nav.audit', page: AuditPage, requires: ['audit.read'] },
  {
    id: 'privacy',
    labelKey: 'nav.privacy',
    page: PrivacyPage,
    requires: ['camera.manage', 'audit.read'],
  },
  {
    id: 'compliance',
    labelKey: 'nav.compliance',
    page: CompliancePage,
    requires: ['audit.read', 'camera.manage'],
  },
  {
    id: 'admin',
    labelKey: 'nav.admin',
    page: AdminPage,
    requires: ['agreement.manage', 'user.manage', 'audit.read', 'camera.manage', 'hold.manage'],
  },
];

/** The section shown after sign-in and for an unknown address. */
export const DEFAULT_SECTION = 'cameras';
