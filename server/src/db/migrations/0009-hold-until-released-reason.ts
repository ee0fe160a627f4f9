/**
 * 0009: a legal hold without an expiry states why it is kept until released. Placing a hold now
 * needs either an expiry or this written reason (a hold with neither would outlive the case it
 * was placed for, unnoticed). `legal_holds.until_released_reason` holds it; existing holds keep
 * NULL (they were placed before the rule).
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('legal_holds')
    // Why the hold has no expiry, in words; null when it was placed with one (or before 0009).
    .addColumn('until_released_reason', 'text', (c) =>
      c.check(sql`length(until_released_reason) between 1 and 2000`),
    )
    .execute();
}

/** `legal_holds.until_released_reason`: why a hold placed without an expiry has none. */
export const holdUntilReleasedReason: Migration = { name: '0009-hold-until-released-reason', up };
