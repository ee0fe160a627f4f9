/**
 * 0017: ONVIF cameras. A camera added from an ONVIF probe keeps where its device service answers
 * and which media profiles are its main and sub streams (so that the clock check and later ONVIF
 * work find the device again), and the register records what the device said it is: maker,
 * model, firmware and serial number. All NULL for cameras added by hand and for every existing
 * camera. SQLite adds one column per statement, so each is its own ALTER TABLE.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

/** Column name → its length limit; every one is nullable text. */
const COLUMNS: readonly (readonly [string, number])[] = [
  // The ONVIF device service address, http(s)://host[:port]/path.
  ['onvif_address', 2048],
  // The media profile tokens of the main and sub streams (ONVIF ReferenceToken, at most 64).
  ['onvif_main_profile', 64],
  ['onvif_sub_profile', 64],
  // What GetDeviceInformation answered: Manufacturer, Model, FirmwareVersion, SerialNumber.
  ['device_manufacturer', 200],
  ['device_model', 200],
  ['device_firmware', 200],
  ['device_serial', 200],
];

async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, max] of COLUMNS) {
    await db.schema
      .alterTable('cameras')
      .addColumn(name, 'text', (c) =>
        c.check(
          sql`${sql.ref(name)} is null or length(${sql.ref(name)}) between 1 and ${sql.lit(max)}`,
        ),
      )
      .execute();
  }
}

/** `cameras.onvif_*` and `cameras.device_*`: ONVIF address, profiles, and the device's identity. */
export const cameraOnvif: Migration = { name: '0017-camera-onvif', up };
