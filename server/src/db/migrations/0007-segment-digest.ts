/**
 * 0007: a complete segment no longer needs a whole-file `sha256`. Since segment statement v2 the
 * recorder hashes each byte once: the chain digest `fragments_sha256` (over the init segment's
 * digest and every fragment's digest) is the segment digest, and `sha256` stays NULL on new rows.
 * Rows signed with statement v1 keep their `sha256`. The CHECK `segments_complete_is_signed`
 * still requires `closed_by`, `fragments_sha256`, `signature` and `key_fingerprint`.
 *
 * PostgreSQL drops and re-adds the constraint. SQLite cannot alter a CHECK, so the table is
 * rebuilt (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off (no table
 * references `segments`, but the procedure asks for it), in one transaction: a new table with
 * the columns of 0002 and the relaxed CHECK, every row copied with its id, the old table dropped,
 * the new one renamed, its three indexes (0002, 0005) recreated and the AUTOINCREMENT counter
 * carried over so that no segment id is ever reused; `foreign_key_check` must pass before commit.
 * `segments` has no triggers or views.
 */
import { sql, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

const CONSTRAINT = 'segments_complete_is_signed';
const COMPLETE_IS_SIGNED = sql`state = 'writing' or (closed_by is not null
  and fragments_sha256 is not null and signature is not null and key_fingerprint is not null)`;

/** Every column of `segments`, in table order (0002). */
const COLUMNS = [
  'id',
  'camera_id',
  'stream',
  'path',
  'start_ms',
  'end_ms',
  'duration_90k',
  'size_bytes',
  'frame_count',
  'codec',
  'codec_string',
  'width',
  'height',
  'state',
  'closed_by',
  'init_sha256',
  'sha256',
  'fragments_sha256',
  'signature',
  'key_fingerprint',
  'key_frames',
  'fragments',
  'updated_ms',
] as const;

async function up(db: Kysely<unknown>): Promise<void> {
  if (migrationDialect(db) === 'postgres') {
    await db.schema.alterTable('segments').dropConstraint(CONSTRAINT).execute();
    await db.schema
      .alterTable('segments')
      .addCheckConstraint(CONSTRAINT, COMPLETE_IS_SIGNED)
      .execute();
    return;
  }
  const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  const foreignKeys = fk.rows[0]?.foreign_keys === 1;
  if (foreignKeys) await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(rebuildSqlite);
  } finally {
    if (foreignKeys) await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function rebuildSqlite(db: Kysely<unknown>): Promise<void> {
  const seq = await sql<{
    seq: number;
  }>`select seq from sqlite_sequence where name = 'segments'`.execute(db);
  const lastId = seq.rows[0]?.seq;

  // The columns of 0002 (see its comments), with the relaxed CHECK.
  await db.schema
    .createTable('segments_new')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('camera_id', 'text', (c) =>
      c.notNull().check(sql`length(camera_id) between 1 and 64`),
    )
    .addColumn('stream', 'text', (c) => c.notNull().check(sql`stream in ('main', 'sub')`))
    .addColumn('path', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`path like '%.mp4'`),
    )
    .addColumn('start_ms', 'bigint', (c) => c.notNull().check(sql`start_ms >= 0`))
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('duration_90k', 'bigint', (c) => c.notNull().check(sql`duration_90k >= 0`))
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('frame_count', 'integer', (c) => c.notNull().check(sql`frame_count >= 0`))
    .addColumn('codec', 'text', (c) => c.notNull().check(sql`codec in ('h264', 'h265')`))
    .addColumn('codec_string', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull().check(sql`width > 0`))
    .addColumn('height', 'integer', (c) => c.notNull().check(sql`height > 0`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('writing', 'complete')`))
    .addColumn('closed_by', 'text', (c) => c.check(sql`closed_by in ('writer', 'repair')`))
    .addColumn('init_sha256', 'text', (c) => c.check(sql`length(init_sha256) = 64`))
    // Lowercase hex SHA-256 of the whole file: segments signed with statement v1 only; NULL
    // for those signed since v2 (their digest is `fragments_sha256`).
    .addColumn('sha256', 'text', (c) => c.check(sql`length(sha256) = 64`))
    .addColumn('fragments_sha256', 'text', (c) => c.check(sql`length(fragments_sha256) = 64`))
    .addColumn('signature', 'text')
    .addColumn('key_fingerprint', 'text', (c) => c.check(sql`length(key_fingerprint) = 64`))
    .addColumn('key_frames', 'blob', (c) => c.notNull())
    .addColumn('fragments', 'blob', (c) => c.notNull())
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint('segments_end_after_start', sql`end_ms >= start_ms`)
    .addCheckConstraint('segments_at_most_one_hour', sql`end_ms - start_ms <= 3600000`)
    .addCheckConstraint(CONSTRAINT, COMPLETE_IS_SIGNED)
    .execute();
  const columns = sql.join(COLUMNS.map((c) => sql.id(c)));
  await sql`insert into segments_new (${columns}) select ${columns} from segments`.execute(db);
  await db.schema.dropTable('segments').execute();
  await db.schema.alterTable('segments_new').renameTo('segments').execute();
  if (lastId !== undefined) {
    await sql`delete from sqlite_sequence where name = 'segments'`.execute(db);
    await sql`insert into sqlite_sequence (name, seq) values ('segments', ${lastId})`.execute(db);
  }
  await db.schema
    .createIndex('segments_by_camera_time')
    .on('segments')
    .columns(['camera_id', 'stream', 'start_ms'])
    .execute();
  await db.schema
    .createIndex('segments_writing')
    .on('segments')
    .column('state')
    .where(sql<boolean>`state = 'writing'`)
    .execute();
  await db.schema
    .createIndex('segments_spans_by_camera')
    .on('segments')
    .columns(['camera_id', 'stream', 'start_ms', 'end_ms'])
    .execute();
  const broken = await sql`pragma foreign_key_check`.execute(db);
  if (broken.rows.length > 0) {
    throw new Error(`foreign key check failed: ${JSON.stringify(broken.rows)}`);
  }
}

/** A complete segment needs no whole-file `sha256` any more (statement v2). */
export const segmentDigest: Migration = { name: '0007-segment-digest', up };
