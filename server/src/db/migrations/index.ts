/**
 * Every migration, in order. To add one: write `NNNN-topic.ts` exporting a `Migration` and append
 * it here, one import and one line. Numbers reserved: 0002 recording, 0003 audit,
 * 0004 access and agreements.
 */
import type { Migration } from './migration.ts';
import { foundation } from './0001-foundation.ts';
import { recording } from './0002-recording.ts';
import { audit } from './0003-audit.ts';
import { access } from './0004-access.ts';
import { exportsMigration } from './0005-exports.ts';
import { retentionPrivacy } from './0006-retention-privacy.ts';
import { segmentDigest } from './0007-segment-digest.ts';

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
];
