/**
 * 0006: retention, legal holds and privacy. `legal_holds` and `legal_hold_cameras` (a time range
 * of one or more cameras kept past retention at a judicial request), `retention_runs` (every
 * deletion run, for the DPO), `deletion_journal` (segments claimed by a run and not yet fully
 * deleted: what makes deletion crash-safe), `privacy_masks` and `mask_lifts`, and
 * `camera_register` (the register fields the foundation's `cameras` table does not hold). Times
 * are UTC ms (`*_ms`, int8). Holds and runs are never deleted: they are the evidence that
 * deletion was lawful.
 */
import { sql, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  const pg = migrationDialect(db) === 'postgres';
  const idType = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('legal_holds')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Who asked for it: the judicial authority or judicial police, e.g. "Procura di La Spezia".
    .addColumn('authority', 'text', (c) =>
      c.notNull().check(sql`length(authority) between 1 and 200`),
    )
    // The requester's reference: proceeding number, protocol, request number.
    .addColumn('reference', 'text', (c) =>
      c.notNull().check(sql`length(reference) between 1 and 200`),
    )
    // What the footage is for, in words.
    .addColumn('description', 'text', (c) =>
      c.notNull().check(sql`length(description) between 1 and 2000`),
    )
    // Start of the held range (inclusive), wall time.
    .addColumn('from_ms', 'bigint', (c) => c.notNull().check(sql`from_ms >= 0`))
    // End of the held range (exclusive), wall time.
    .addColumn('to_ms', 'bigint', (c) => c.notNull())
    // When the hold lapses by itself; null: until released.
    .addColumn('expires_ms', 'bigint')
    // When, by whom (user id, username) and for which agency it was placed.
    .addColumn('placed_ms', 'bigint', (c) => c.notNull())
    .addColumn('placed_by', 'text', (c) => c.notNull())
    .addColumn('placed_by_name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    // When and by whom it was released, and why; all null while in force.
    .addColumn('released_ms', 'bigint')
    .addColumn('released_by', 'text')
    .addColumn('release_reason', 'text', (c) => c.check(sql`length(release_reason) <= 2000`))
    // Last change (placed, extended, released).
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint('legal_holds_range', sql`to_ms > from_ms`)
    .addCheckConstraint(
      'legal_holds_expiry_after_placing',
      sql`expires_ms is null or expires_ms > placed_ms`,
    )
    .addCheckConstraint(
      'legal_holds_release_complete',
      sql`(released_ms is null and released_by is null and release_reason is null)
        or (released_ms is not null and released_by is not null and release_reason is not null)`,
    )
    .execute();

  await db.schema
    .createTable('legal_hold_cameras')
    // The hold.
    .addColumn('hold_id', 'text', (c) => c.notNull().references('legal_holds.id'))
    // A camera it covers (registry id, no foreign key: a hold outlives the registry entry).
    .addColumn('camera_id', 'text', (c) =>
      c.notNull().check(sql`length(camera_id) between 1 and 64`),
    )
    .addPrimaryKeyConstraint('legal_hold_cameras_pk', ['hold_id', 'camera_id'])
    .execute();
  await db.schema
    .createIndex('legal_hold_cameras_by_camera')
    .on('legal_hold_cameras')
    .column('camera_id')
    .execute();

  await db.schema
    .createTable('retention_runs')
    // Row id, assigned by the database.
    .addColumn('id', idType, (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    // `retention`: expired segments; `disk_pressure`: oldest non-held segments to free space.
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('retention', 'disk_pressure')`),
    )
    // `running` until it ends; `ok`; `failed` (some segment could not be deleted, see `error`);
    // `interrupted` (the process stopped during the run; finished by the next run).
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('running', 'ok', 'failed', 'interrupted')`),
    )
    // When it started and ended, wall time; `finished_ms` null while running.
    .addColumn('started_ms', 'bigint', (c) => c.notNull())
    .addColumn('finished_ms', 'bigint')
    // Segments (files and index rows) deleted, and their bytes.
    .addColumn('segments_deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_deleted', 'bigint', (c) => c.notNull().defaultTo(0))
    // Segments past retention kept because a legal hold covers them.
    .addColumn('segments_held', 'integer', (c) => c.notNull().defaultTo(0))
    // Per camera: `{"cam-001":{"segments":n,"bytes":n,"fromMs":n,"toMs":n}}`.
    .addColumn('cameras_json', 'text', (c) => c.notNull().defaultTo('{}'))
    // Why the run failed, for the DPO and the alarm; null when it did not.
    .addColumn('error', 'text', (c) => c.check(sql`length(error) <= 2000`))
    .addCheckConstraint('retention_runs_finished', sql`(state = 'running') = (finished_ms is null)`)
    .execute();
  await db.schema
    .createIndex('retention_runs_by_start')
    .on('retention_runs')
    .column('started_ms')
    .execute();

  await db.schema
    .createTable('deletion_journal')
    // The segment being deleted (segments.id). Claimed before its file is unlinked; the row and
    // this entry go together once the file is gone.
    .addColumn('segment_id', idType, (c) => c.primaryKey())
    // The run that claimed it.
    .addColumn('run_id', idType, (c) => c.notNull().references('retention_runs.id'))
    // Copies of the segment's camera, path, range and size, for the run's record.
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    // When it was claimed.
    .addColumn('claimed_ms', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('privacy_masks')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The camera it covers.
    .addColumn('camera_id', 'text', (c) => c.notNull().references('cameras.id').onDelete('cascade'))
    // What it hides, e.g. "Finestre civico 12".
    .addColumn('label', 'text', (c) => c.notNull().check(sql`length(label) <= 200`))
    // Polygon as JSON `[[x,y],...]`, x and y in [0,1] of the picture's width and height.
    .addColumn('points_json', 'text', (c) => c.notNull())
    // When it was made and last changed, and by whom (user id).
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('privacy_masks_by_camera')
    .on('privacy_masks')
    .column('camera_id')
    .execute();

  await db.schema
    .createTable('mask_lifts')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The camera whose masks are lifted, and for whom (user id, username, agency).
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    // Why, as given by the user (case reference or motive).
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) between 1 and 500`))
    // When it started, when it lapses by itself, and when it was ended early (or null).
    .addColumn('started_ms', 'bigint', (c) => c.notNull())
    .addColumn('expires_ms', 'bigint', (c) => c.notNull())
    .addColumn('ended_ms', 'bigint')
    .addCheckConstraint('mask_lifts_expiry', sql`expires_ms > started_ms`)
    .execute();
  await db.schema
    .createIndex('mask_lifts_by_user_camera')
    .on('mask_lifts')
    .columns(['user_id', 'camera_id', 'expires_ms'])
    .execute();

  await db.schema
    .createTable('camera_register')
    // The camera (one register entry each; absent means every field is still empty).
    .addColumn('camera_id', 'text', (c) =>
      c.primaryKey().references('cameras.id').onDelete('cascade'),
    )
    // Legal basis of the processing, e.g. "art. 6 c. 7 D.L. 11/2009; Regolamento comunale".
    .addColumn('legal_basis', 'text', (c) => c.notNull().check(sql`length(legal_basis) <= 1000`))
    // Reference to the photograph of the sign in place (file or protocol reference), or null.
    .addColumn('signage_photo_ref', 'text', (c) => c.check(sql`length(signage_photo_ref) <= 500`))
    // What the camera sees, for the public and the DPO (no private areas without a mask).
    .addColumn('field_of_view_notes', 'text', (c) =>
      c.notNull().check(sql`length(field_of_view_notes) <= 2000`),
    )
    // Last change and who made it (user id).
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

/** Retention runs and journal, legal holds, privacy masks and lifts, the camera register. */
export const retentionPrivacy: Migration = { name: '0006-retention-privacy', up };
