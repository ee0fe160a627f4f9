/**
 * 0010: failed logins that stopped counting. Failed logins now slow down further attempts of the
 * same username from the same address (and of the same address) with growing waits, instead of
 * locking the account for everyone. A failure stops counting when the same username later signs
 * in from the same address, or when an administrator unlocks the account; the row stays, for
 * forensics, with the time it stopped counting in `login_attempts.cleared_ms`.
 */
import type { Kysely } from 'kysely';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('login_attempts')
    // When this failure stopped counting towards waits and alarms (a later success of the same
    // username from the same address, or an administrator's unlock); null while it counts, and
    // always null for a success.
    .addColumn('cleared_ms', 'bigint')
    .execute();
}

/** `login_attempts.cleared_ms`: when a failed login stopped counting. */
export const loginAttemptsCleared: Migration = { name: '0010-login-attempts-cleared', up };
