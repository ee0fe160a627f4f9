/**
 * 0016: a camera's field of view in the register, for the map's wedge (issue 16): the direction
 * it looks (degrees clockwise from north), the angle it sees (degrees) and how far it usefully
 * sees (metres). All three NULL (every existing camera: not stated) or all three set. They sit
 * in `camera_register` beside the written field-of-view notes. SQLite adds one column per
 * statement, so each is its own ALTER TABLE; the all-or-none rule is checked on the last.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('camera_register')
    // Where the camera looks: 0 north, 90 east; [0, 360).
    .addColumn('view_direction_deg', 'real', (c) =>
      c.check(
        sql`view_direction_deg is null or (view_direction_deg >= 0 and view_direction_deg < 360)`,
      ),
    )
    .execute();
  await db.schema
    .alterTable('camera_register')
    // The horizontal angle it sees, degrees; (0, 360].
    .addColumn('view_angle_deg', 'real', (c) =>
      c.check(sql`view_angle_deg is null or (view_angle_deg > 0 and view_angle_deg <= 360)`),
    )
    .execute();
  await db.schema
    .alterTable('camera_register')
    // How far it usefully sees, metres; (0, 5000]. Set with the other two or not at all.
    .addColumn('view_range_m', 'real', (c) =>
      c.check(
        sql`(view_range_m is null and view_direction_deg is null and view_angle_deg is null) or (view_range_m > 0 and view_range_m <= 5000 and view_direction_deg is not null and view_angle_deg is not null)`,
      ),
    )
    .execute();
}

/** `camera_register.view_*`: the camera's field of view (direction, angle, range). */
export const cameraView: Migration = { name: '0016-camera-view', up };
