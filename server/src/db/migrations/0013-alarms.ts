/**
 * 0013: the alarm console. An alarm is raised by the system (a camera offline, a recording gap,
 * the disk filling, someone guessing passwords), by an operator (a "segnalazione": a camera, a
 * moment and a note) or, later, by a camera; it goes new → acknowledged → closed, may be assigned
 * to a person and carries comments. A system alarm whose condition ends gets `cleared_ms` but stays
 * open until someone closes it. The permission CHECKs are rewritten once more to admit
 * `alarm.handle` (a camera permission, so agreements may grant it).
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

// Frozen as of migration 0013: the permission names (`permissions/permissions.ts`) as they were
// when this migration shipped, copied so that its CHECK constraints never change with the code.

/** The per-camera permissions, frozen as of 0013 (agreements grant a subset of these). */
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

/** Every permission, frozen as of 0013: the camera ones, then the installation ones. */
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
 * Rewrites the `permission` CHECK of a 0004 table, as 0011 did: PostgreSQL replaces the
 * constraint; SQLite rebuilds the table with the new list and copies its rows.
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
  const next = `${t.table}_0013`;
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
    // One permission held or granted (`live.view`, ..., `alarm.handle`, ...).
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
    .createTable('alarms')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // What happened: `camera_offline`, `recording_gap`, `disk_pressure`, `login_guessing`,
    // `retention_failed`, `operator_report` (a segnalazione), `other`; the interface's title key.
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`length(kind) between 1 and 40`))
    // How urgent: the console sorts by it and sounds for new `high` ones.
    .addColumn('priority', 'text', (c) =>
      c.notNull().check(sql`priority in ('high', 'medium', 'low')`),
    )
    // Who raised it: the system, an operator, a camera (ONVIF events, later).
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('system', 'operator', 'camera')`),
    )
    // A system alarm's condition key (e.g. `camera.offline:cam-001`); null for an operator's.
    .addColumn('alarm_key', 'text')
    // Where it stands: new → acknowledged → closed (new → closed allowed).
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('new', 'acknowledged', 'closed')`),
    )
    // In words: the system's message, or the operator's note.
    .addColumn('message', 'text', (c) => c.notNull().check(sql`length(message) <= 2000`))
    // The message's parameters as a JSON object, for the interface to word it; '{}' when none.
    .addColumn('params_json', 'text', (c) => c.notNull().defaultTo('{}'))
    // The moment the alarm is about, UTC ms: when the system raised it, or the time the operator
    // gave (replay starts here).
    .addColumn('event_ms', 'bigint', (c) => c.notNull())
    // When the row was opened, UTC ms.
    .addColumn('raised_ms', 'bigint', (c) => c.notNull())
    // Who raised it (users.id and login name then), for an operator's; null for the system's.
    .addColumn('raised_by_id', 'text')
    .addColumn('raised_by_name', 'text')
    // How many times the system raised it while the row stayed open (1 at first).
    .addColumn('occurrences', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`occurrences >= 1`),
    )
    // When the system's condition last ended, UTC ms; null while it holds (or never cleared).
    .addColumn('cleared_ms', 'bigint')
    // When and by whom (users.id, login name) it was acknowledged; null until then.
    .addColumn('acknowledged_ms', 'bigint')
    .addColumn('acknowledged_by_name', 'text')
    // The person it is assigned to (users.id, no foreign key: history outlives accounts) and
    // their login name then; null when nobody.
    .addColumn('assignee_id', 'text')
    .addColumn('assignee_name', 'text')
    // When and by whom it was closed; null while open.
    .addColumn('closed_ms', 'bigint')
    .addColumn('closed_by_name', 'text')
    // Last change of any kind, UTC ms.
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint('alarms_closed_has_time', sql`(state = 'closed') = (closed_ms is not null)`)
    .addCheckConstraint(
      'alarms_acknowledged_has_time',
      sql`state <> 'acknowledged' or acknowledged_ms is not null`,
    )
    .addCheckConstraint('alarms_system_has_key', sql`(source = 'system') = (alarm_key is not null)`)
    .execute();
  await db.schema.createIndex('alarms_by_raised').on('alarms').column('raised_ms').execute();
  // One open row per system condition.
  await db.schema
    .createIndex('alarms_one_open_per_key')
    .on('alarms')
    .column('alarm_key')
    .unique()
    .where(sql.ref('state'), '<>', 'closed')
    .execute();

  await db.schema
    .createTable('alarm_cameras')
    // The alarm.
    .addColumn('alarm_id', 'text', (c) => c.notNull().references('alarms.id').onDelete('cascade'))
    // One camera it concerns (cameras.id, no foreign key: the history outlives the camera).
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alarm_cameras_pk', ['alarm_id', 'camera_id'])
    .execute();
  await db.schema
    .createIndex('alarm_cameras_by_camera')
    .on('alarm_cameras')
    .columns(['camera_id', 'alarm_id'])
    .execute();

  await db.schema
    .createTable('alarm_comments')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The alarm commented on.
    .addColumn('alarm_id', 'text', (c) => c.notNull().references('alarms.id').onDelete('cascade'))
    // Who wrote it (users.id, login name then).
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    // When, UTC ms.
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    // The comment.
    .addColumn('text', 'text', (c) => c.notNull().check(sql`length(text) between 1 and 2000`))
    .execute();
  await db.schema
    .createIndex('alarm_comments_by_alarm')
    .on('alarm_comments')
    .columns(['alarm_id', 'at_ms'])
    .execute();
}

/** The alarm console's tables and `alarm.handle` in the permission CHECKs. */
export const alarms: Migration = { name: '0013-alarms', up };
