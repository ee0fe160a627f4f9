/**
 * 0012: which streams of a camera are recorded. A camera with a sub-stream (a smaller picture,
 * 640x360 say) now records it beside the main stream by default, so that a playback grid of up to
 * 16 cameras plays the light sub-streams and an enlarged tile the main one. An installer may
 * record the main stream alone. `cameras.recording_streams` holds that choice as JSON: `["main"]`
 * or `["main","sub"]`; NULL (every existing camera) means the default: both when the camera has a
 * sub-stream, the main stream otherwise.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cameras')
    // The streams recorded, as JSON: '["main"]' or '["main","sub"]'; NULL: both when the camera
    // has a sub-stream (sub_url not NULL), the main stream otherwise.
    .addColumn('recording_streams', 'text', (c) =>
      c.check(
        sql`recording_streams is null or recording_streams in ('["main"]', '["main","sub"]')`,
      ),
    )
    .execute();
}

/** `cameras.recording_streams`: the streams of a camera that are recorded. */
export const cameraRecordingStreams: Migration = { name: '0012-camera-recording-streams', up };
