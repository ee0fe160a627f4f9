/**
 * 0014: wall views saved on the server, and the permission that shares them. A view is a layout
 * of live tiles (1, 2×2, 3×3, 4×4, or one big tile with 5, 7 or 12 small ones) with a camera and
 * a stream per tile, optionally a tour (cameras cycled every N seconds) per tile or for the whole
 * view; personal, or shared with its author's agency or with a role of that agency; filed in a
 * folder. The permission CHECKs are rewritten (as 0011 did) to admit `view.share`, an
 * installation permission of roles.
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

// Frozen as of migration 0014: the permission names (`permissions/permissions.ts`) as they were
// when this migration shipped, copied so that its CHECK constraints never change with the code.

/** The per-camera permissions, frozen as of 0014 (agreements grant a subset of these). */
const CAMERA_PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
  'bookmark.manage',
  // Added by 0013 (the alarm console), which runs before this one.
  'alarm.handle',
] as const;

/** Every permission, frozen as of 0014: the camera ones, then the installation ones. */
const PERMISSIONS = [
  ...CAMERA_PERMISSIONS,
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
  'bookmark.supervise',
  'view.share',
] as const;

/** The layouts, frozen as of 0014: tiles in a square grid, or one big tile and small ones. */
const LAYOUTS = ['1', '4', '9', '16', '1+5', '1+7', '1+12'] as const;

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/** The permission tables of 0004 and the list each one's `permission` CHECK admits. */
const PERMISSION_TABLES = [
  { table: 'role_permissions', owner: 'role_name', values: PERMISSIONS },
  { table: 'agreement_permissions', owner: 'agreement_id', values: CAMERA_PERMISSIONS },
] as const;

/**
 * Rewrites the `permission` CHECK of a 0004 table. PostgreSQL replaces the constraint (named
 * `<table>_permission_check`); SQLite cannot alter a CHECK, so the table is rebuilt as 0004 made
 * it, with the new list, and its rows copied.
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
  const next = `${t.table}_0014`;
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
    // One permission held or granted (`live.view`, ..., `view.share`).
    .addColumn('permission', 'text', (c) => c.notNull().check(inList('permission', t.values)))
    .addPrimaryKeyConstraint(`${t.table}_pk`, [t.owner, 'permission'])
    .execute();
  await sql`insert into ${sql.table(next)} (${sql.ref(t.owner)}, permission)
    select ${sql.ref(t.owner)}, permission from ${sql.table(t.table)}`.execute(db);
  await db.schema.dropTable(t.table).execute();
  await db.schema.alterTable(next).renameTo(t.table).execute();
}

/** CHECKs of a tour's two columns: both null (no tour), or a list and an interval of ≥ 5 s. */
const tourCheck = sql`(tour_camera_ids is null and tour_seconds is null)
  or (tour_camera_ids is not null and tour_seconds is not null and tour_seconds >= 5)`;

async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of PERMISSION_TABLES) await rewritePermissionCheck(db, t);

  await db.schema
    .createTable('views')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Name shown in the folder list, e.g. "Centro storico".
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 80`))
    // Folder path, segments separated by "/", e.g. "Eventi/Palio"; empty for the top level.
    .addColumn('folder', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`length(folder) <= 200`),
    )
    // The layout: `1`, `4`, `9`, `16` (square grids) or `1+5`, `1+7`, `1+12` (one big tile).
    .addColumn('layout', 'text', (c) => c.notNull().check(inList('layout', LAYOUTS)))
    // Who sees it: `personal` (its owner), `agency` (the owner's agency), `role` (users of the
    // owner's agency holding `shared_role`).
    .addColumn('sharing', 'text', (c) =>
      c.notNull().check(sql`sharing in ('personal', 'agency', 'role')`),
    )
    // The role it is shared with (roles.name, no foreign key: a role's removal leaves the view
    // to its owner); null unless `sharing` is `role`.
    .addColumn('shared_role', 'text')
    // The view's tour: camera ids as a JSON array, shown page by page over the tiles every
    // `tour_seconds` (at least 5); both null when the view has no tour.
    .addColumn('tour_camera_ids', 'text')
    .addColumn('tour_seconds', 'integer')
    // Who made it (users.id, no foreign key: a shared view outlives its author's account), their
    // login name then, and their agency (agencies.id).
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // When it was made and last changed, UTC ms.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'views_role_when_shared_with_role',
      sql`(sharing = 'role') = (shared_role is not null)`,
    )
    .addCheckConstraint('views_tour', tourCheck)
    .addCheckConstraint('views_updated_after_created', sql`updated_ms >= created_ms`)
    .execute();
  await db.schema.createIndex('views_by_owner').on('views').column('owner_id').execute();
  await db.schema.createIndex('views_by_agency').on('views').column('agency_id').execute();

  await db.schema
    .createTable('view_tiles')
    // The view.
    .addColumn('view_id', 'text', (c) => c.notNull().references('views.id').onDelete('cascade'))
    // The tile's place, 0 to 15: the layout shows the first ones (0 is the big tile of `1+N`);
    // places beyond the layout are kept, so that growing the layout back shows them again.
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position between 0 and 15`))
    // The camera shown (cameras.id, no foreign key: an id the user can no longer see, or a
    // removed camera, stays in the view and the tile says so).
    .addColumn('camera_id', 'text', (c) => c.notNull())
    // `sub` (the lighter stream, the default on the wall) or `main`.
    .addColumn('stream', 'text', (c) => c.notNull().check(sql`stream in ('main', 'sub')`))
    // The tile's tour: camera ids as a JSON array, cycled every `tour_seconds` (at least 5);
    // both null when the tile has none.
    .addColumn('tour_camera_ids', 'text')
    .addColumn('tour_seconds', 'integer')
    .addPrimaryKeyConstraint('view_tiles_pk', ['view_id', 'position'])
    .addCheckConstraint('view_tiles_tour', tourCheck)
    .execute();
}

/** Wall views (`views`, `view_tiles`) and the `view.share` permission in the CHECKs. */
export const views: Migration = { name: '0014-views', up };
