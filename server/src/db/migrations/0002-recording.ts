/**
 * 0002: the recording index. `segments` (one fMP4 file each, with its hashes, signature,
 * fragment table and key-frame index), `gaps` (expected but unrecorded time, with a cause) and
 * `recording_periods` (when a camera stream was configured to record: the "expected" side of
 * completeness). Times are UTC ms since the Unix epoch (`*_ms`, int8); stream durations are in
 * 90 kHz ticks (`*_90k`). Rows name cameras by id without a foreign key: recordings outlive a
 * camera's registry entry until retention deletes them.
 */
import { sql, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

const CAUSES = sql`('offline', 'stall', 'loss', 'restart', 'disk', 'error')`;

async function up(db: Kysely<unknown>): Promise<void> {
  const pg = migrationDialect(db) === 'postgres';
  const blob = pg ? 'bytea' : 'blob';
  const idType = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('segments')
    // Row id, assigned by the database; referenced by playback and exports.
    .addColumn('id', idType, (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    // The camera (registry id).
    .addColumn('camera_id', 'text', (c) =>
      c.notNull().check(sql`length(camera_id) between 1 and 64`),
    )
    // Which of the camera's streams: `main` or `sub`.
    .addColumn('stream', 'text', (c) => c.notNull().check(sql`stream in ('main', 'sub')`))
    // File path relative to `storage.path`, `/`-separated: `<camera>/<stream>/YYYY/MM/DD/<start_ms>.mp4`.
    .addColumn('path', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`path like '%.mp4'`),
    )
    // Wall time of the first frame (time line of its run; see design/time.md).
    .addColumn('start_ms', 'bigint', (c) => c.notNull().check(sql`start_ms >= 0`))
    // Wall time at which the last frame ends; start_ms + duration while writing, last update.
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    // Sum of the sample durations in the file, 90 kHz ticks.
    .addColumn('duration_90k', 'bigint', (c) => c.notNull().check(sql`duration_90k >= 0`))
    // File size; while writing, the size at the last index update.
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().check(sql`size_bytes >= 0`))
    // Frames (samples) in the file.
    .addColumn('frame_count', 'integer', (c) => c.notNull().check(sql`frame_count >= 0`))
    // Video codec.
    .addColumn('codec', 'text', (c) => c.notNull().check(sql`codec in ('h264', 'h265')`))
    // RFC 6381 codec string, for MSE playback, e.g. `avc1.640028`.
    .addColumn('codec_string', 'text', (c) => c.notNull())
    // Picture width, pixels.
    .addColumn('width', 'integer', (c) => c.notNull().check(sql`width > 0`))
    // Picture height, pixels.
    .addColumn('height', 'integer', (c) => c.notNull().check(sql`height > 0`))
    // `writing` while the recorder appends to it; `complete` once closed, hashed and signed.
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('writing', 'complete')`))
    // Who closed it: `writer` (normal close) or `repair` (recovered after a crash); null while writing.
    .addColumn('closed_by', 'text', (c) => c.check(sql`closed_by in ('writer', 'repair')`))
    // Lowercase hex SHA-256 of the init segment (ftyp + moov).
    .addColumn('init_sha256', 'text', (c) => c.check(sql`length(init_sha256) = 64`))
    // Lowercase hex SHA-256 of the whole file; set when complete.
    .addColumn('sha256', 'text', (c) => c.check(sql`length(sha256) = 64`))
    // Lowercase hex chain digest of the init and fragment digests (see recording/statement.ts).
    .addColumn('fragments_sha256', 'text', (c) => c.check(sql`length(fragments_sha256) = 64`))
    // Base64 Ed25519 signature of the segment statement by the installation key.
    .addColumn('signature', 'text')
    // SHA-256 fingerprint (hex) of the public key that made `signature`.
    .addColumn('key_fingerprint', 'text', (c) => c.check(sql`length(key_fingerprint) = 64`))
    // Key-frame index: (time offset 90 kHz, moof byte offset) pairs, varint-encoded (fragment-table.ts).
    .addColumn('key_frames', blob, (c) => c.notNull())
    // Fragment table: (byte offset, size, decode time, duration, frames, flags, sha256) per fragment.
    .addColumn('fragments', blob, (c) => c.notNull())
    // Last time the recorder wrote this row.
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint('segments_end_after_start', sql`end_ms >= start_ms`)
    .addCheckConstraint('segments_at_most_one_hour', sql`end_ms - start_ms <= 3600000`)
    .addCheckConstraint(
      'segments_complete_is_signed',
      sql`state = 'writing' or (closed_by is not null and sha256 is not null
        and fragments_sha256 is not null and signature is not null and key_fingerprint is not null)`,
    )
    .execute();
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
    .createTable('gaps')
    // Row id, assigned by the database.
    .addColumn('id', idType, (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    // The camera (registry id).
    .addColumn('camera_id', 'text', (c) =>
      c.notNull().check(sql`length(camera_id) between 1 and 64`),
    )
    // Which of the camera's streams.
    .addColumn('stream', 'text', (c) => c.notNull().check(sql`stream in ('main', 'sub')`))
    // Where recording stopped: the end of the last recorded frame, or when the cause was seen.
    .addColumn('start_ms', 'bigint', (c) => c.notNull().check(sql`start_ms >= 0`))
    // Where recording resumed (start of the next segment); null while the gap is open.
    .addColumn('end_ms', 'bigint')
    // Why: offline, stall, loss, restart (recorder restarted/crashed), disk, error.
    .addColumn('cause', 'text', (c) => c.notNull().check(sql`cause in ${CAUSES}`))
    // What happened, for operators (the camera's or the disk's error message).
    .addColumn('message', 'text', (c) => c.notNull().check(sql`length(message) <= 1000`))
    .addCheckConstraint('gaps_end_after_start', sql`end_ms is null or end_ms >= start_ms`)
    .execute();
  await db.schema
    .createIndex('gaps_by_camera_time')
    .on('gaps')
    .columns(['camera_id', 'stream', 'start_ms'])
    .execute();
  await db.schema
    .createIndex('gaps_one_open_per_stream')
    .on('gaps')
    .columns(['camera_id', 'stream'])
    .unique()
    .where(sql<boolean>`end_ms is null`)
    .execute();

  await db.schema
    .createTable('recording_periods')
    // Row id, assigned by the database.
    .addColumn('id', idType, (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    // The camera (registry id).
    .addColumn('camera_id', 'text', (c) =>
      c.notNull().check(sql`length(camera_id) between 1 and 64`),
    )
    // Which of the camera's streams.
    .addColumn('stream', 'text', (c) => c.notNull().check(sql`stream in ('main', 'sub')`))
    // When the stream became one the recorder is expected to record.
    .addColumn('start_ms', 'bigint', (c) => c.notNull().check(sql`start_ms >= 0`))
    // When it stopped being expected (camera disabled or removed); null while still expected.
    .addColumn('end_ms', 'bigint')
    .addCheckConstraint(
      'recording_periods_end_after_start',
      sql`end_ms is null or end_ms >= start_ms`,
    )
    .execute();
  await db.schema
    .createIndex('recording_periods_by_camera')
    .on('recording_periods')
    .columns(['camera_id', 'stream', 'start_ms'])
    .execute();
  await db.schema
    .createIndex('recording_periods_one_open_per_stream')
    .on('recording_periods')
    .columns(['camera_id', 'stream'])
    .unique()
    .where(sql<boolean>`end_ms is null`)
    .execute();
}

/** The recording index: segments, gaps and recording periods. */
export const recording: Migration = { name: '0002-recording', up };
