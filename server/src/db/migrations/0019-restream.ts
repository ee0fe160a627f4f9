/**
 * 0019: the standard RTSP re-stream for rooms that do not run Vedetta. Partner agencies' video
 * management systems (Milestone, Genetec, Nx) read Vedetta's cameras as generic RTSP cameras,
 * signed in with a service account of their agency (Digest authentication). The table keeps each
 * account's name, agency and Digest HA1 — never the password. The permission CHECKs are rewritten
 * (as 0011, 0014 and 0015 did) to admit `restream`, a per-camera permission agreements grant.
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

// Frozen as of migration 0019: the permission names (`permissions/permissions.ts`) as they were
// when this migration shipped, copied so that its CHECK constraints never change with the code.

/** The per-camera permissions, frozen as of 0019: 0015's, then `restream`. */
const CAMERA_PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
  'bookmark.manage',
  'alarm.handle',
  // Added by this migration.
  'restream',
] as const;

/** Every permission, frozen as of 0019 (0015's installation permissions, unchanged). */
const PERMISSIONS = [
  ...CAMERA_PERMISSIONS,
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
  'bookmark.supervise',
  'view.share',
  'display.push',
  'display.manage',
] as const;

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/** The permission tables of 0004 and the list each one's `permission` CHECK admits. */
const PERMISSION_TABLES = [
  { table: 'role_permissions', owner: 'role_name', values: PERMISSIONS },
  { table: 'agreement_permissions', owner: 'agreement_id', values: CAMERA_PERMISSIONS },
] as const;

/**
 * Rewrites the `permission` CHECK of a 0004 table, as 0015 did. PostgreSQL replaces the
 * constraint; SQLite cannot alter a CHECK, so the table is rebuilt with the new list.
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
  const next = `${t.table}_0019`;
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
    // One permission held or granted (`live.view`, ..., `restream`, ..., `display.manage`).
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
    .createTable('restream_accounts')
    // Opaque random id (UUID); the audit trail names the account by it and by its name.
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The user name the partner's VMS signs in with: 1-64 of a-z 0-9 . _ - (checked by the code).
    .addColumn('name', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`length(name) between 1 and 64`),
    )
    // The agency whose VMS uses it (agencies.id): what it may read is what that agency holds.
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // The Digest realm HA1 was computed for (`restream.realm` in the configuration then).
    .addColumn('digest_realm', 'text', (c) =>
      c.notNull().check(sql`length(digest_realm) between 1 and 100`),
    )
    // HA1 = MD5(name:realm:password), lower-case hex (RFC 7616 3.4.2): never the password.
    .addColumn('digest_ha1', 'text', (c) => c.notNull().check(sql`length(digest_ha1) = 32`))
    // When the account was made, UTC ms.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    // When it was disabled, UTC ms; null while it may sign in. Disabling is final (add another).
    .addColumn('disabled_ms', 'bigint')
    .addCheckConstraint(
      'restream_accounts_disabled_after_created',
      sql`disabled_ms is null or disabled_ms >= created_ms`,
    )
    .execute();
  await db.schema
    .createIndex('restream_accounts_by_agency')
    .on('restream_accounts')
    .column('agency_id')
    .execute();
}

/** Re-stream service accounts (`restream_accounts`) and `restream` in the permission CHECKs. */
export const restream: Migration = { name: '0019-restream', up };
