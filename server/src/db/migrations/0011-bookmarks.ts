/**
 * 0011: bookmarks, and the two permissions that go with them. A bookmark marks an instant or a
 * range of one or more cameras' recordings with a short title, a note and optionally a case
 * reference; it does not protect the footage from retention (a legal hold does). The permission
 * CHECKs of 0004 are rewritten to admit `bookmark.manage` (a camera permission, so agreements may
 * grant it) and `bookmark.supervise` (an installation permission of roles).
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

// Frozen as of migration 0011: the permission names (`permissions/permissions.ts`) as they were
// when this migration shipped, copied so that its CHECK constraints never change with the code.

/** The per-camera permissions, frozen as of 0011 (agreements grant a subset of these). */
const CAMERA_PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
  'bookmark.manage',
] as const;

/** Every permission, frozen as of 0011: the camera ones, then the installation ones. */
const PERMISSIONS = [
  ...CAMERA_PERMISSIONS,
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
  'bookmark.supervise',
] as const;

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/** The permission tables of 0004 and the list each one's `permission` CHECK admits. */
const PERMISSION_TABLES = [
  { table: 'role_permissions', owner: 'role_name', values: PERMISSIONS },
  { table: 'agreement_permissions', owner: 'agreement_id', values: CAMERA_PERMISSIONS },
] as const;

/**
 * Rewrites the `permission` CHECK of a 0004 table. PostgreSQL replaces the constraint (named
 * `<table>_permission_check` by PostgreSQL in 0004); SQLite cannot alter a CHECK, so the table is
 * rebuilt as 0004 made it, with the new list, and its rows copied.
 */
async function rewritePermissionCheck(
  db: Kysely<unknown>,
  t: (typeof PERMISSION_TABLES)[number],
): Promise<void> {
  if (migrationDialect(db) === 'postgres') {
    await sql`alter table ${sql.table(t.table)}
      drop constraint ${sql.id(`${t.table}_permission_check`)},
      add constraint ${sql.id(`${t.table}_permission_check`)}
        check (${inList('permission', t.values)})`.execute(db);
    return;
  }
  const next = `${t.table}_0011`;
  let create: CreateTableBuilder<string, string> = db.schema.createTable(next);
  create =
    t.table === 'role_permissions'
      ? // The role.
        create.addColumn('role_name', 'text', (c) =>
          c.notNull().references('roles.name').onDelete('cascade').onUpdate('cascade'),
        )
      : // The agreement.
        create.addColumn('agreement_id', 'text', (c) =>
          c.notNull().references('agreements.id').onDelete('cascade'),
        );
  await create
    // One permission held or granted (`live.view`, ..., `bookmark.manage`, ...).
    .addColumn('permission', 'text', (c) => c.notNull().check(inList('permission', t.values)))
    .addPrimaryKeyConstraint(`${t.table}_pk`, [t.owner, 'permission'])
    .execute();
  await sql`insert into ${sql.table(next)} (${sql.ref(t.owner)}, permission)
    select ${sql.ref(t.owner)}, permission from ${sql.table(t.table)}`.execute(db);
  await db.schema.dropTable(t.table).execute();
  await db.schema.alterTable(next).renameTo(t.table).execute();
}

async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of PERMISSION_TABLES) await rewritePermissionCheck(db, t);

  await db.schema
    .createTable('bookmarks')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Short title, e.g. "Furgone bianco in contromano".
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 120`))
    // Free note; empty when none.
    .addColumn('note', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`length(note) <= 2000`),
    )
    // Case reference, e.g. "RGNR 1234/2026"; null when none.
    .addColumn('case_reference', 'text', (c) =>
      c.check(sql`case_reference is null or length(case_reference) between 1 and 100`),
    )
    // The instant (from = to) or range marked, UTC ms; `to_ms` exclusive for a range.
    .addColumn('from_ms', 'bigint', (c) => c.notNull())
    .addColumn('to_ms', 'bigint', (c) => c.notNull())
    // Who made it (users.id, no foreign key: a bookmark outlives its author's account), their
    // login name then, and their agency (agencies.id).
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // When it was made and last changed, UTC ms.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint('bookmarks_range_ordered', sql`to_ms >= from_ms`)
    .addCheckConstraint('bookmarks_updated_after_created', sql`updated_ms >= created_ms`)
    .execute();
  await db.schema.createIndex('bookmarks_by_from').on('bookmarks').column('from_ms').execute();

  await db.schema
    .createTable('bookmark_cameras')
    // The bookmark.
    .addColumn('bookmark_id', 'text', (c) =>
      c.notNull().references('bookmarks.id').onDelete('cascade'),
    )
    // One camera it marks (1 to 16 per bookmark, checked by the service).
    .addColumn('camera_id', 'text', (c) => c.notNull().references('cameras.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('bookmark_cameras_pk', ['bookmark_id', 'camera_id'])
    .execute();
  await db.schema
    .createIndex('bookmark_cameras_by_camera')
    .on('bookmark_cameras')
    .columns(['camera_id', 'bookmark_id'])
    .execute();
}

/** Bookmarks (`bookmarks`, `bookmark_cameras`) and the `bookmark.*` permissions in the CHECKs. */
export const bookmarks: Migration = { name: '0011-bookmarks', up };
