/**
 * The database schema as the typed query layer sees it: the union of every module's tables.
 * Each module declares its row types in its own folder (`<module>/tables.ts`) and adds one line
 * here; the matching migration goes in `migrations/`.
 */
import type { AccountTables } from '../accounts/tables.ts';
import type { CameraTables } from '../cameras/tables.ts';
import type { RecordingTables } from '../recording/tables.ts';
import type { AuditTables } from '../audit/tables.ts';
import type { AccessTables } from '../access/tables.ts';
import type { RetentionTables } from '../retention/tables.ts';
import type { HoldTables } from '../holds/tables.ts';
import type { PrivacyTables } from '../privacy/tables.ts';
import type { ExportTables } from '../export/tables.ts';

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
    ExportTables {}
