/**
 * 0004: custom roles and agreements. Built-in roles (operator, supervisor, administrator,
 * auditor) are defined in code (`access/builtin-roles.ts`) and their names are reserved; this
 * table holds the custom ones. An agreement is how the owner agency shares cameras with another
 * agency: which cameras (one by one or by group), which permissions, under which legal
 * instrument, for how long, and whether it is active, suspended or revoked.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

// Frozen as of migration 0004: the permission names (`access/permissions.ts`) as they were when
// this migration shipped, copied so that its CHECK constraints never change with the code. A
// later change to the permissions needs a new migration that rewrites these CHECKs.

/** The per-camera permissions, frozen as of 0004 (agreements grant a subset of these). */
const CAMERA_PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
] as const;

/** Every permission, frozen as of 0004: the camera ones, then the installation ones. */
const PERMISSIONS = [
  ...CAMERA_PERMISSIONS,
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
] as const;

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('roles')
    // Role name, e.g. `operatore-notte`; the built-in names are reserved by the service.
    .addColumn('name', 'text', (c) => c.primaryKey().check(sql`length(name) between 1 and 64`))
    // What the role is for, shown to administrators.
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // How far back playback and export may reach, ms; null for no limit beyond retention.
    .addColumn('playback_lookback_ms', 'bigint', (c) =>
      c.check(sql`playback_lookback_ms is null or playback_lookback_ms > 0`),
    )
    // When the role was created and last changed, UTC ms.
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_permissions')
    // The role.
    .addColumn('role_name', 'text', (c) =>
      c.notNull().references('roles.name').onDelete('cascade').onUpdate('cascade'),
    )
    // One permission the role holds (`live.view`, ..., `audit.read`).
    .addColumn('permission', 'text', (c) => c.notNull().check(inList('permission', PERMISSIONS)))
    .addPrimaryKeyConstraint('role_permissions_pk', ['role_name', 'permission'])
    .execute();

  await db.schema
    .createTable('agreements')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The agency granting access (the owner of the cameras).
    .addColumn('grantor_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // The agency receiving access.
    .addColumn('grantee_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // Short title, e.g. "Protocollo videosorveglianza integrata - Carabinieri".
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
    // The legal instrument: protocol or convention reference, e.g. "Prot. 1234/2025".
    .addColumn('legal_instrument', 'text', (c) =>
      c.notNull().check(sql`length(legal_instrument) between 1 and 500`),
    )
    // Date the instrument was signed, YYYY-MM-DD.
    .addColumn('legal_instrument_date', 'text', (c) =>
      c.notNull().check(sql`length(legal_instrument_date) = 10`),
    )
    // First instant of validity, UTC ms (inclusive).
    .addColumn('valid_from_ms', 'bigint', (c) => c.notNull())
    // End of validity, UTC ms (exclusive); null for open-ended.
    .addColumn('valid_until_ms', 'bigint')
    // `active`, `suspended` (can be resumed) or `revoked` (final).
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'suspended', 'revoked')`),
    )
    // Why the status last changed (suspension or revocation reason); empty when never changed.
    .addColumn('status_reason', 'text', (c) => c.notNull().defaultTo(''))
    // Who created the agreement (users.id) and when; when it was last changed, UTC ms.
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addCheckConstraint('agreements_two_agencies', sql`grantor_agency_id <> grantee_agency_id`)
    .addCheckConstraint(
      'agreements_valid_period',
      sql`valid_until_ms is null or valid_until_ms > valid_from_ms`,
    )
    .addCheckConstraint('agreements_updated_after_created', sql`updated_ms >= created_ms`)
    .execute();
  await db.schema
    .createIndex('agreements_by_grantee')
    .on('agreements')
    .column('grantee_agency_id')
    .execute();

  await db.schema
    .createTable('agreement_permissions')
    // The agreement.
    .addColumn('agreement_id', 'text', (c) =>
      c.notNull().references('agreements.id').onDelete('cascade'),
    )
    // One camera permission granted (`live.view`, `playback.view`, ...).
    .addColumn('permission', 'text', (c) =>
      c.notNull().check(inList('permission', CAMERA_PERMISSIONS)),
    )
    .addPrimaryKeyConstraint('agreement_permissions_pk', ['agreement_id', 'permission'])
    .execute();

  await db.schema
    .createTable('agreement_cameras')
    // The agreement.
    .addColumn('agreement_id', 'text', (c) =>
      c.notNull().references('agreements.id').onDelete('cascade'),
    )
    // A camera it grants by name.
    .addColumn('camera_id', 'text', (c) => c.notNull().references('cameras.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agreement_cameras_pk', ['agreement_id', 'camera_id'])
    .execute();

  await db.schema
    .createTable('agreement_groups')
    // The agreement.
    .addColumn('agreement_id', 'text', (c) =>
      c.notNull().references('agreements.id').onDelete('cascade'),
    )
    // A camera group it grants: every camera in the group, now and later.
    .addColumn('group_id', 'text', (c) =>
      c.notNull().references('camera_groups.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('agreement_groups_pk', ['agreement_id', 'group_id'])
    .execute();
}

/** Custom roles and agreements between agencies. */
export const access: Migration = { name: '0004-access', up };
