/**
 * 0008: a camera may be allowed to send Basic credentials over plain `rtsp://`. By default
 * Vedetta refuses to: Basic puts the user name and password in clear on the network, so a camera
 * that offers only Basic over a plain connection stays offline with an authentication error
 * until someone says so explicitly. `cameras.allow_basic_over_plain_rtsp` records that choice
 * (0 or 1, default 0 for every existing camera); the camera register and the compliance report
 * list the cameras where it is 1.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cameras')
    // 1 when Basic credentials may be sent over plain rtsp:// (user and password in clear).
    .addColumn('allow_basic_over_plain_rtsp', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`allow_basic_over_plain_rtsp in (0, 1)`),
    )
    .execute();
}

/** `cameras.allow_basic_over_plain_rtsp`: Basic auth over plain RTSP only when allowed. */
export const cameraBasicAuth: Migration = { name: '0008-camera-basic-auth', up };
