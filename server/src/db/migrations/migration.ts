/**
 * What a migration is: a name (`NNNN-topic`, ordered by its number) and an `up` step written with
 * Kysely's schema builder, so that the same step runs on SQLite and PostgreSQL. Migrations only go
 * forward; there is no `down`.
 */
import type { Kysely } from 'kysely';

/** One numbered schema change. */
export interface Migration {
  /** `0001-foundation`, `0002-recording`, ...: the number orders them. */
  readonly name: string;
  /** Applies the change. Runs inside a transaction on both dialects. */
  up(db: Kysely<unknown>): Promise<void>;
}
