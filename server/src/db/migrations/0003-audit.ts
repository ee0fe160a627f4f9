/**
 * 0003: the audit trail, in its own tables, apart from everything else. Append-only: the
 * application only ever inserts, and triggers on both databases refuse UPDATE and DELETE (and
 * TRUNCATE on PostgreSQL), so that even a bug cannot rewrite history. Someone with direct access
 * to the database can still drop the triggers; the hash chain and the signed checkpoints are what
 * make such tampering detectable (`vedetta audit verify`).
 */
import { sql, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.ts';
import type { Migration } from './migration.ts';

const hex64 = (column: string) => sql`length(${sql.ref(column)}) = 64`;

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entries')
    // Position in the chain: 1, 2, 3, ... without gaps.
    .addColumn('seq', 'bigint', (c) => c.primaryKey().check(sql`seq >= 1`))
    // When the action happened, UTC ms.
    .addColumn('time_ms', 'bigint', (c) => c.notNull())
    // Acting user's id (users.id) as text; null for an anonymous caller. No foreign key: the
    // trail outlives accounts and must never block or be changed by their removal.
    .addColumn('user_id', 'text')
    // Acting user's login name (or the name given in a failed login).
    .addColumn('username', 'text')
    // Acting user's agency id (agencies.id).
    .addColumn('agency_id', 'text')
    // Client network address.
    .addColumn('source_address', 'text')
    // Dotted action name, e.g. `playback.view`, `session.login`, `agreement.revoke`.
    .addColumn('action', 'text', (c) => c.notNull().check(sql`length(action) between 3 and 64`))
    // Camera concerned (cameras.id), if any.
    .addColumn('camera_id', 'text')
    // Other resource concerned as `kind:id` (e.g. `agreement:…`), if any.
    .addColumn('resource', 'text')
    // Start and end of the recorded range concerned (playback, export, hold), UTC ms.
    .addColumn('from_ms', 'bigint')
    .addColumn('to_ms', 'bigint')
    // `granted` or `denied`.
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('granted', 'denied')`))
    // Reason given by the user, or why access was denied.
    .addColumn('reason', 'text')
    // Case reference given for playback or export.
    .addColumn('case_reference', 'text')
    // Further details as canonical JSON text (sorted keys); hashed as stored.
    .addColumn('details', 'text')
    // Hash of the previous entry (64 zeros for the first), lowercase hex SHA-256.
    .addColumn('prev_hash', 'text', (c) => c.notNull().check(hex64('prev_hash')))
    // SHA-256 of this entry's canonical encoding (see design/audit.md).
    .addColumn('hash', 'text', (c) => c.notNull().check(hex64('hash')))
    .addCheckConstraint(
      'audit_entries_range_ordered',
      sql`from_ms is null or to_ms is null or to_ms >= from_ms`,
    )
    .execute();
  for (const column of ['time_ms', 'user_id', 'agency_id', 'camera_id', 'action']) {
    const cols = column === 'time_ms' ? ['time_ms'] : [column, 'seq'];
    await db.schema
      .createIndex(`audit_entries_by_${column}`)
      .on('audit_entries')
      .columns(cols)
      .execute();
  }

  await db.schema
    .createTable('audit_checkpoints')
    // Sequence of the last entry the checkpoint seals. No foreign key: a checkpoint must survive
    // the deletion of the entries it seals, so that the deletion shows.
    .addColumn('seq', 'bigint', (c) => c.primaryKey().check(sql`seq >= 1`))
    // Hash of that entry.
    .addColumn('entry_hash', 'text', (c) => c.notNull().check(hex64('entry_hash')))
    // When the checkpoint was made, UTC ms.
    .addColumn('time_ms', 'bigint', (c) => c.notNull())
    // SHA-256 fingerprint (hex) of the installation key that signed it.
    .addColumn('key_fingerprint', 'text', (c) => c.notNull().check(hex64('key_fingerprint')))
    // Ed25519 signature of the checkpoint statement, base64 (88 characters).
    .addColumn('signature', 'text', (c) => c.notNull().check(sql`length(signature) = 88`))
    .execute();

  await db.schema
    .createTable('audit_append_lock')
    // Always 1: a single row that each append transaction updates first, which serialises
    // appenders across processes and nodes on both databases (the chain needs one writer at a time).
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    // Last time an appender took the lock, UTC ms (informational).
    .addColumn('taken_ms', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into audit_append_lock (id, taken_ms) values (1, 0)`.execute(db);

  for (const table of ['audit_entries', 'audit_checkpoints']) {
    if (migrationDialect(db) === 'postgres') {
      await sql`create or replace function vedetta_audit_append_only() returns trigger
        language plpgsql as $$ begin
          raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
        end $$`.execute(db);
      await sql`create trigger ${sql.id(`${table}_append_only`)}
        before update or delete on ${sql.table(table)}
        for each row execute function vedetta_audit_append_only()`.execute(db);
      await sql`create trigger ${sql.id(`${table}_no_truncate`)}
        before truncate on ${sql.table(table)}
        for each statement execute function vedetta_audit_append_only()`.execute(db);
    } else {
      for (const op of ['update', 'delete']) {
        await sql`create trigger ${sql.id(`${table}_no_${op}`)}
          before ${sql.raw(op)} on ${sql.table(table)}
          begin select raise(abort, ${sql.lit(`${table} is append-only: ${op} refused`)}); end`.execute(
          db,
        );
      }
    }
  }
}

/** The audit trail's tables: entries, signed checkpoints, and the appenders' lock row. */
export const audit: Migration = { name: '0003-audit', up };
