/**
 * 0018: camera events. Every event a camera reports over ONVIF (motion, tampering, a digital
 * input) is kept as an interval on the camera's timeline, whether or not it is configured as an
 * alarm: when it started and ended in the server's clock, how it ended, what the camera said
 * (topic and source items), and how many re-triggers were merged into it. Deleted with the
 * recordings by the retention run.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('camera_events')
    // Opaque random id (UUID).
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The camera (cameras.id, no foreign key: the events are deleted with its recordings).
    .addColumn('camera_id', 'text', (c) =>
      c.notNull().check(sql`length(camera_id) between 1 and 64`),
    )
    // What happened: `motion`, `tamper` (defocus, cover, scene change), `input` (digital input).
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('motion', 'tamper', 'input')`))
    // When the state became true, UTC ms in the server's clock (the camera's time less its offset).
    .addColumn('started_ms', 'bigint', (c) => c.notNull())
    // When it became false, UTC ms; null while it holds.
    .addColumn('ended_ms', 'bigint')
    // How it ended: `camera` (the camera said so), `lost` (the subscription was lost; ended at the
    // last pull that worked), `stopped` (the server stopped; likewise), `unknown` (found open at
    // start after a crash; ended at `last_seen_ms`); null while it holds.
    .addColumn('end_cause', 'text', (c) =>
      c.check(sql`end_cause is null or end_cause in ('camera', 'lost', 'stopped', 'unknown')`),
    )
    // The last time the camera said the state was true (start or re-trigger), UTC ms.
    .addColumn('last_seen_ms', 'bigint', (c) => c.notNull())
    // How many activations were merged into this interval (re-triggers within the merge gap).
    .addColumn('triggers', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`triggers >= 1`),
    )
    // The ONVIF topic without prefixes, e.g. `RuleEngine/CellMotionDetector/Motion`.
    .addColumn('topic', 'text', (c) => c.notNull().check(sql`length(topic) <= 300`))
    // The message's Source SimpleItems as a JSON object (input token, rule, video source).
    .addColumn('source_json', 'text', (c) =>
      c
        .notNull()
        .defaultTo('{}')
        .check(sql`length(source_json) <= 1000`),
    )
    .addCheckConstraint(
      'camera_events_end_after_start',
      sql`ended_ms is null or ended_ms >= started_ms`,
    )
    .addCheckConstraint(
      'camera_events_ended_has_cause',
      sql`(ended_ms is null) = (end_cause is null)`,
    )
    .execute();
  // The timeline's read (a camera over a window) and retention's delete (a camera's oldest).
  await db.schema
    .createIndex('camera_events_by_camera')
    .on('camera_events')
    .columns(['camera_id', 'started_ms'])
    .execute();
  // The events left open (closed at start after a crash), few at any time.
  await db.schema
    .createIndex('camera_events_open')
    .on('camera_events')
    .column('camera_id')
    .where(sql.ref('ended_ms'), 'is', null)
    .execute();
}

/** `camera_events`: motion, tamper and input intervals of each camera. */
export const cameraEvents: Migration = { name: '0018-camera-events', up };
