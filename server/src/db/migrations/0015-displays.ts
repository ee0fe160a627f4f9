/**
 * 0015: the operations room's wall displays (schermi della sala). A display is a browser on a big
 * screen, signed in with a display account, that shows only what an operator pushes to it: a
 * camera, a wall view or an instant replay. The table keeps each display's name, room, agency,
 * the account that shows it, and what it shows now (and who pushed it, when). The permission
 * CHECKs are rewritten (as 0011 and 0014 did) to admit `display.push` and `display.manage`,
 * installation permissions of roles.
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

// Frozen as of migration 0015: the permission names (`permissions/permissions.ts`) as they were
// when this migration shipped, copied so that its CHECK constraints never change with the code.

/** The per-camera permissions, frozen as of 0015 (unchanged since 0014). */
const CAMERA_PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
  'bookmark.manage',
  'alarm.handle',
] as const;

/** Every permission, frozen as of 0015: 0014's list, then the two of the displays. */
const PERMISSIONS = [
  ...CAMERA_PERMISSIONS,
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
  'bookmark.supervise',
  'view.share',
  // Added by this migration.
  'display.push',
  'display.manage',
] as const;

/** What a display may show, frozen as of 0015. */
const CONTENT_KINDS = ['none', 'camera', 'view', 'replay'] as const;

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/** The permission tables of 0004 and the list each one's `permission` CHECK admits. */
const PERMISSION_TABLES = [
  { table: 'role_permissions', owner: 'role_name', values: PERMISSIONS },
  { table: 'agreement_permissions', owner: 'agreement_id', values: CAMERA_PERMISSIONS },
] as const;

/**
 * Rewrites the `permission` CHECK of a 0004 table, as 0014 did. PostgreSQL replaces the
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
  const next = `${t.table}_0015`;
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
    // One permission held or granted (`live.view`, ..., `display.manage`).
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
    .createTable('displays')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Name shown on the screen and to the operators, e.g. "Videowall sinistro".
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 80`))
    // The operations room it hangs in, e.g. "Sala operativa PL"; empty when not said.
    .addColumn('room', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`length(room) <= 80`),
    )
    // The agency whose operators push to it (agencies.id).
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // The display account that shows it (users.id), at most one display per account; null until
    // bound. Signed in with it, a browser shows this display and nothing else.
    .addColumn('account_id', 'text', (c) => c.unique().references('users.id').onDelete('set null'))
    // What it shows now: `none` (idle screen), `camera`, `view` or `replay`.
    .addColumn('content_kind', 'text', (c) =>
      c.notNull().defaultTo('none').check(inList('content_kind', CONTENT_KINDS)),
    )
    // The content as JSON (camera: {cameraId, stream}; view: {viewId, name, layout, tiles};
    // replay: {cameraId, fromMs, reason}); null when `none`.
    .addColumn('content_json', 'text')
    // Who pushed the content (users.id, no foreign key: the record outlives the account), their
    // login name then, and when (UTC ms); null when nothing is shown.
    .addColumn('pushed_by_id', 'text')
    .addColumn('pushed_by_name', 'text')
    .addColumn('pushed_ms', 'bigint')
    // When the display was made and last changed (name, room, account, content), UTC ms.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'displays_content_when_shown',
      sql`(content_kind = 'none') = (content_json is null)
        and (content_kind = 'none') = (pushed_ms is null)`,
    )
    .addCheckConstraint('displays_updated_after_created', sql`updated_ms >= created_ms`)
    .execute();
  await db.schema.createIndex('displays_by_agency').on('displays').column('agency_id').execute();
}

/** Wall displays (`displays`) and `display.push`, `display.manage` in the permission CHECKs. */
export const displays: Migration = { name: '0015-displays', up };
