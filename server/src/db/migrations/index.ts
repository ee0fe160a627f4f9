/**
 * Every migration, in order. To add one: write `NNNN-topic.ts` exporting a `Migration` and append
 * it here, one import and one line. Numbers reserved: 0002 recording, 0003 audit,
 * 0004 access and agreements.
 *
 * Migrations are frozen: a file in this folder imports nothing but `kysely` and its siblings here
 * (`migration.ts`, `dialect.ts`), never application code (`../database.ts`, `access/`, a module's
 * constants), so that what an old migration does never changes when the code changes. A value it
 * needs from the code (a list of permissions, a dialect test) is copied in, frozen, with a comment
 * saying so; when the code's value changes later, a new migration carries the change.
 * `server/test/db/migrations-frozen.test.ts` enforces the imports;
 * `server/test/db/migrations-equivalence.test.ts` checks that migrating step by step and in one go
 * give the same schema.
 */
import type { Migration } from './migration.ts';
import { foundation } from './0001-foundation.ts';
import { recording } from './0002-recording.ts';
import { audit } from './0003-audit.ts';
import { access } from './0004-access.ts';
import { exportsMigration } from './0005-exports.ts';
import { retentionPrivacy } from './0006-retention-privacy.ts';
import { segmentDigest } from './0007-segment-digest.ts';
import { cameraBasicAuth } from './0008-camera-basic-auth.ts';
import { holdUntilReleasedReason } from './0009-hold-until-released-reason.ts';
import { loginAttemptsCleared } from './0010-login-attempts-cleared.ts';
import { bookmarks } from './0011-bookmarks.ts';
import { cameraRecordingStreams } from './0012-camera-recording-streams.ts';
import { alarms } from './0013-alarms.ts';
import { views } from './0014-views.ts';
import { displays } from './0015-displays.ts';
import { cameraView } from './0016-camera-view.ts';
import { cameraOnvif } from './0017-camera-onvif.ts';
import { cameraEvents } from './0018-camera-events.ts';
import { restream } from './0019-restream.ts';
import { apiTokens } from './0020-api-tokens.ts';
import { totp } from './0021-totp.ts';

export type { Migration } from './migration.ts';

/** All migrations, oldest first. Never reorder or edit one that has shipped; append. */
// prettier-ignore
export const migrations: readonly Migration[] = [
  foundation,
  recording,
  audit,
  access,
  exportsMigration,
  retentionPrivacy,
  segmentDigest,
  cameraBasicAuth,
  holdUntilReleasedReason,
  loginAttemptsCleared,
  bookmarks,
  cameraRecordingStreams,
  alarms,
  views,
  displays,
  cameraView,
  cameraOnvif,
  cameraEvents,
  restream,
  apiTokens,
  totp,
];
