/**
 * 0001: agencies, users, sessions, login attempts, cameras and camera groups. Times are UTC
 * milliseconds since the Unix epoch (`*_ms`, int8); flags are integers 0/1; invariants are CHECK
 * constraints. Seeds the owner agency, the Polizia Municipale.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

const bool = (column: string) => sql`${sql.ref(column)} in (0, 1)`;

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agencies')
    // Stable slug, e.g. `polizia-municipale`, `carabinieri`.
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`length(id) between 1 and 64`))
    // Name shown to people, e.g. "Carabinieri - Comando Provinciale".
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
    // `owner`: the agency that runs the system (exactly one); `partner`: one connected by agreement.
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('owner', 'partner')`))
    // When the agency was added.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agencies_single_owner')
    .on('agencies')
    .column('kind')
    .unique()
    .where(sql<boolean>`kind = 'owner'`)
    .execute();
  await sql`insert into agencies (id, name, kind, created_ms)
    values ('polizia-municipale', 'Polizia Municipale', 'owner', ${sql.lit(Date.now())})`.execute(
    db,
  );

  await db.schema
    .createTable('users')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Login name, unique, case-sensitive as stored (the service lower-cases it).
    .addColumn('username', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`length(username) between 1 and 64`),
    )
    // Full name shown in the interface and in the audit log.
    .addColumn('display_name', 'text', (c) => c.notNull().check(sql`length(display_name) <= 200`))
    // argon2id hash in PHC string format (`$argon2id$v=19$m=...`).
    .addColumn('password_hash', 'text', (c) =>
      c.notNull().check(sql`password_hash like '$argon2id$%'`),
    )
    // Built-in role name (administrator, supervisor, operator, auditor); checked by the service.
    .addColumn('role', 'text', (c) => c.notNull().check(sql`length(role) between 1 and 64`))
    // The agency the person works for.
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // 1 when the account may no longer log in; accounts are disabled, not deleted (audit).
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0).check(bool('disabled')))
    // When the account was created.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    // When the account was last changed (password, role, disabled).
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint('users_updated_after_created', sql`updated_ms >= created_ms`)
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the session token; the token itself lives only in the browser's cookie.
    .addColumn('token_hash', 'text', (c) => c.primaryKey().check(sql`length(token_hash) = 64`))
    // Whose session it is.
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Login time.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    // Last request seen on this session; idle expiry counts from here.
    .addColumn('last_seen_ms', 'bigint', (c) => c.notNull())
    // Absolute expiry: the session ends here however active it is.
    .addColumn('expires_ms', 'bigint', (c) => c.notNull())
    // Client address at login.
    .addColumn('address', 'text', (c) => c.notNull())
    .addCheckConstraint('sessions_seen_after_created', sql`last_seen_ms >= created_ms`)
    .addCheckConstraint('sessions_expires_after_created', sql`expires_ms > created_ms`)
    .execute();
  await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Username as typed (lower-cased), whether or not such an account exists.
    .addColumn('username', 'text', (c) => c.notNull().check(sql`length(username) <= 200`))
    // Client address the attempt came from.
    .addColumn('address', 'text', (c) => c.notNull())
    // When the attempt was made.
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    // 1 for a successful login, 0 for a failure.
    .addColumn('succeeded', 'integer', (c) => c.notNull().check(bool('succeeded')))
    .execute();
  await db.schema
    .createIndex('login_attempts_by_username')
    .on('login_attempts')
    .columns(['username', 'at_ms'])
    .execute();
  await db.schema
    .createIndex('login_attempts_by_address')
    .on('login_attempts')
    .columns(['address', 'at_ms'])
    .execute();

  await db.schema
    .createTable('cameras')
    // Stable slug, e.g. `cam-001`; used in URLs, recordings and audit records.
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`length(id) between 1 and 64`))
    // Name shown to operators, e.g. "Piazza Verdi - lato nord".
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
    // Main stream URL (rtsp:// or rtsps://), never with credentials in it.
    .addColumn('main_url', 'text', (c) => c.notNull())
    // Sub-stream URL (lower resolution, for the wall and thumbnails), or null.
    .addColumn('sub_url', 'text')
    // Secret reference for the stream credentials (`env:NAME` / `file:/path`), or null.
    .addColumn('credentials_ref', 'text')
    // Expected video codec (`h264`, `h265`), or null to learn it from the stream.
    .addColumn('codec_hint', 'text', (c) => c.check(sql`codec_hint in ('h264', 'h265')`))
    // WGS 84 latitude, degrees.
    .addColumn('latitude', 'double precision', (c) =>
      c.notNull().check(sql`latitude between -90 and 90`),
    )
    // WGS 84 longitude, degrees.
    .addColumn('longitude', 'double precision', (c) =>
      c.notNull().check(sql`longitude between -180 and 180`),
    )
    // Street address, e.g. "Via del Prione 12".
    .addColumn('address', 'text', (c) => c.notNull())
    // District (quartiere), e.g. "Centro storico"; groups are often made from it.
    .addColumn('district', 'text', (c) => c.notNull())
    // Purpose of the processing, which sets the retention rules.
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('urban_security', 'traffic', 'waste')`),
    )
    // Whether the information sign required by the Garante is placed, planned or missing.
    .addColumn('signage_status', 'text', (c) =>
      c.notNull().check(sql`signage_status in ('placed', 'planned', 'missing')`),
    )
    // Date the sign was placed (YYYY-MM-DD), only when placed.
    .addColumn('signage_placed_on', 'text', (c) =>
      c.check(sql`signage_placed_on is null or length(signage_placed_on) = 10`),
    )
    // Days recordings are kept before automatic deletion.
    .addColumn('retention_days', 'integer', (c) =>
      c.notNull().check(sql`retention_days between 1 and 365`),
    )
    // Written justification, required when retention exceeds 3 days (72 hours).
    .addColumn('retention_justification', 'text')
    // 1 when the camera is recorded and shown; 0 keeps it in the registry only.
    .addColumn('enabled', 'integer', (c) => c.notNull().check(bool('enabled')))
    // Free tags as a JSON array of strings, e.g. `["ptz","scuola"]`.
    .addColumn('tags_json', 'text', (c) => c.notNull().defaultTo('[]'))
    // When the camera was added.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    // When the camera was last changed.
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'cameras_placed_date_only_when_placed',
      sql`signage_status = 'placed' or signage_placed_on is null`,
    )
    .addCheckConstraint(
      'cameras_long_retention_justified',
      sql`retention_days <= 3 or coalesce(length(retention_justification), 0) > 0`,
    )
    .addCheckConstraint(
      'cameras_urban_security_max_7_days',
      sql`purpose <> 'urban_security' or retention_days <= 7`,
    )
    .execute();

  await db.schema
    .createTable('camera_groups')
    // Stable slug, e.g. `grp-centro-storico`.
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`length(id) between 1 and 64`))
    // Name shown to people, unique.
    .addColumn('name', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`length(name) between 1 and 200`),
    )
    // What the group is for; may be empty.
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // When the group was created.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('camera_group_members')
    // The group.
    .addColumn('group_id', 'text', (c) =>
      c.notNull().references('camera_groups.id').onDelete('cascade'),
    )
    // The camera in it.
    .addColumn('camera_id', 'text', (c) => c.notNull().references('cameras.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('camera_group_members_pk', ['group_id', 'camera_id'])
    .execute();
  await db.schema
    .createIndex('camera_group_members_by_camera')
    .on('camera_group_members')
    .column('camera_id')
    .execute();
}

/** The first migration: the foundation tables. */
export const foundation: Migration = { name: '0001-foundation', up };
