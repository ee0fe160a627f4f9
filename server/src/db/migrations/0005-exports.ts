/**
 * 0005: evidence exports and their chain of custody. `exports` holds one row per export job (who
 * asked, for which cameras and range, why, for whom; its state and progress; the package it
 * produced). `export_custody` is the chain of custody: append-only events (created, started,
 * completed, failed, downloaded, purged), each with who, when and from where; triggers on both
 * databases refuse updates and deletions. Also an index of segment spans per camera for the
 * playback timeline. Times are UTC ms (`*_ms`).
 */
import { sql, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  const pg = migrationDialect(db) === 'postgres';
  const idType = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('exports')
    // Opaque random id (UUID), also the package's export id.
    .addColumn('id', 'text', (c) => c.primaryKey())
    // `queued`, `waiting` (for the recorder to close and sign a segment), `running`, `done`, `failed`.
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('queued', 'waiting', 'running', 'done', 'failed')`),
    )
    // Fraction of the video copied, in thousandths (0-1000).
    .addColumn('progress_permille', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`progress_permille between 0 and 1000`),
    )
    // The exporter: user id, username, display name, agency id (as at export time).
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    // The cameras exported: JSON array of registry ids, in request order.
    .addColumn('camera_ids', 'text', (c) => c.notNull())
    // The requested range [from_ms, to_ms).
    .addColumn('from_ms', 'bigint', (c) => c.notNull().check(sql`from_ms >= 0`))
    .addColumn('to_ms', 'bigint', (c) => c.notNull())
    // Why, under which case reference, and for whom (the recipient).
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) between 1 and 500`))
    .addColumn('case_reference', 'text', (c) =>
      c.notNull().check(sql`length(case_reference) between 1 and 100`),
    )
    .addColumn('recipient', 'text', (c) =>
      c.notNull().check(sql`length(recipient) between 1 and 200`),
    )
    // When it was asked for, started, finished.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('started_ms', 'bigint')
    .addColumn('finished_ms', 'bigint')
    // The package file relative to the storage root; null until done or after purging.
    .addColumn('package_path', 'text')
    .addColumn('package_size_bytes', 'bigint')
    // Lowercase hex SHA-256 of the package's manifest.json (what the export signature covers).
    .addColumn('manifest_sha256', 'text', (c) => c.check(sql`length(manifest_sha256) = 64`))
    // Fingerprint of the key that signed the manifest.
    .addColumn('key_fingerprint', 'text', (c) => c.check(sql`length(key_fingerprint) = 64`))
    // Frames exported per camera: JSON object, set when done.
    .addColumn('frames', 'text')
    // Privacy masks per camera, decided when the export was asked for: JSON
    // `{"cam-001": {"polygons": [[[x, y], ...]], "unmasked": false}}` (polygons burned in; unmasked
    // true when a user holding mask.lift asked for the video without them).
    .addColumn('masks_json', 'text', (c) => c.notNull().defaultTo('{}'))
    // Instants (UTC ms, JSON array) of which a still image of every camera goes into the package.
    .addColumn('stills_json', 'text', (c) => c.notNull().defaultTo('[]'))
    // Why it failed, for the exporter; null unless failed.
    .addColumn('error', 'text', (c) => c.check(sql`length(error) <= 2000`))
    .addCheckConstraint('exports_range', sql`to_ms > from_ms`)
    .addCheckConstraint(
      'exports_done_has_package',
      sql`state <> 'done' or (manifest_sha256 is not null and finished_ms is not null)`,
    )
    .execute();
  await db.schema.createIndex('exports_by_created').on('exports').column('created_ms').execute();
  await db.schema.createIndex('exports_by_state').on('exports').column('state').execute();

  await db.schema
    .createTable('export_custody')
    // Row id, assigned by the database: the order of events.
    .addColumn('id', idType, (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    // The export.
    .addColumn('export_id', 'text', (c) => c.notNull().references('exports.id'))
    // What happened: created, started, completed, failed, downloaded, purged.
    .addColumn('event', 'text', (c) =>
      c
        .notNull()
        .check(sql`event in ('created', 'started', 'completed', 'failed', 'downloaded', 'purged')`),
    )
    // When, UTC ms.
    .addColumn('time_ms', 'bigint', (c) => c.notNull())
    // Who (null for the system: job start, completion, purge), their agency, from where.
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('agency_id', 'text')
    .addColumn('source_address', 'text')
    // Anything else (recipient, reason, manifest hash, error), canonical JSON.
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('export_custody_by_export')
    .on('export_custody')
    .columns(['export_id', 'id'])
    .execute();

  // Playback's timeline reads each camera's segment spans; this index answers it from the
  // index alone (no table lookups), which is what makes 200 cameras x 7 days fast to load.
  await db.schema
    .createIndex('segments_spans_by_camera')
    .on('segments')
    .columns(['camera_id', 'stream', 'start_ms', 'end_ms'])
    .execute();

  // The chain of custody is append-only.
  if (pg) {
    await sql`
      create function export_custody_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'export_custody is append-only';
      end $$`.execute(db);
    await sql`
      create trigger export_custody_no_change before update or delete on export_custody
      for each row execute function export_custody_append_only()`.execute(db);
  } else {
    await sql`
      create trigger export_custody_no_update before update on export_custody
      begin select raise(abort, 'export_custody is append-only'); end`.execute(db);
    await sql`
      create trigger export_custody_no_delete before delete on export_custody
      begin select raise(abort, 'export_custody is append-only'); end`.execute(db);
  }
}

/** Evidence exports and their chain of custody. */
export const exportsMigration: Migration = { name: '0005-exports', up };
