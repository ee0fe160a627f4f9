/**
 * 0021: a second factor for local accounts — TOTP (RFC 6238) with recovery codes. The TOTP secret
 * is stored sealed (AES-256-GCM) under a key derived from the installation key, which lives in a
 * file outside the database: a copy of the database alone does not give the secrets away.
 * Recovery codes are stored as SHA-256 hashes only; they are shown once, at confirmation.
 */
import { type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_totp')
    // One TOTP factor per account; enrolling again replaces an unconfirmed one.
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // The base32 secret sealed with AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>", base64url parts.
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    // When a first code confirmed it; null: enrolment not finished, the factor is not in use.
    .addColumn('confirmed_ms', 'bigint')
    // The last 30-second time step whose code was accepted: a code is accepted once (no replay).
    .addColumn('last_step', 'bigint')
    .execute();
  await db.schema
    .createTable('user_recovery_codes')
    // Random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // SHA-256 hex of the code (normalized: lower case, no dashes); the code itself is not kept.
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    // When it signed someone in; a used code is refused.
    .addColumn('used_ms', 'bigint')
    .execute();
  await db.schema
    .createIndex('user_recovery_codes_user')
    .on('user_recovery_codes')
    .column('user_id')
    .execute();
}

/** `user_totp`, `user_recovery_codes`: the second factor of local accounts. */
export const totp: Migration = { name: '0021-totp', up };
