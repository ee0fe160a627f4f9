/**
 * The database schema as the typed query layer sees it: the union of every module's tables.
 * Each module declares its row types in its own folder (`<module>/tables.ts`) and adds one line
 * here; the matching migration goes in `migrations/`.
 */
import type { Db } from '../db/index.ts';
import type { AccountTables } from '../accounts/index.ts';
import type { CameraTables } from '../cameras/index.ts';
import type { RecordingTables } from '../recording/index.ts';
import type { AuditTables } from '../audit/index.ts';
import type { AccessTables } from '../access/index.ts';
import type { RetentionTables } from '../retention/index.ts';
import type { HoldTables } from '../holds/index.ts';
import type { PrivacyTables } from '../privacy/index.ts';
import type { ExportTables } from '../export/index.ts';
import type { BookmarkTables } from '../bookmarks/index.ts';
import type { AlarmTables } from '../alarms/index.ts';
import type { ViewTables } from '../views/index.ts';
import type { DisplayTables } from '../displays/index.ts';
import type { RestreamTables } from '../restream/index.ts';
import type { CameraEventTables } from '../camera-events/index.ts';

/** Every table of Vedetta's database. */
// prettier-ignore
export interface Schema
  extends AccountTables,
    CameraTables,
    RecordingTables,
    AuditTables,
    AccessTables,
    RetentionTables,
    HoldTables,
    PrivacyTables,
    ExportTables,
    BookmarkTables,
    AlarmTables,
    ViewTables,
    DisplayTables,
    CameraEventTables,
    RestreamTables {}

/** The database handle over every table, as the composition opens it. */
export type VedettaDb = Db<Schema>;
