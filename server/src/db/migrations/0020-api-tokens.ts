/**
 * 0020: API tokens for machines (scripts, scrapers, a partner's integration). A token belongs to
 * an account and acts as it, narrowed to a scope (a list of that account's permissions); it has a
 * name shown in the audit trail, an expiry, and can be revoked. Only the SHA-256 of the secret is
 * stored; the secret is shown once, when the token is made.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    // Random id (UUID), shown in lists and used to revoke.
    .addColumn('id', 'text', (c) => c.primaryKey())
    // What the token is for, as its owner names it ("scraper sala server"): in every audit entry.
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
    // The account it acts as; its agency and role bound what the token may do.
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // SHA-256 hex of the secret; the secret itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // JSON array of permission names: the scope (checked against the code's list on write).
    .addColumn('permissions_json', 'text', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    // Who made it (username, kept when that account is gone).
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('expires_ms', 'bigint', (c) => c.notNull())
    .addColumn('last_used_ms', 'bigint')
    .addColumn('revoked_ms', 'bigint')
    .addColumn('revoked_by_name', 'text')
    .addCheckConstraint('api_tokens_expires_after_created', sql`expires_ms > created_ms`)
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
}

/** `api_tokens`: named, scoped, expiring tokens that act as an account. */
export const apiTokens: Migration = { name: '0020-api-tokens', up };
