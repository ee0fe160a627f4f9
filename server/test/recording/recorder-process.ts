/**
 * A recorder in a process of its own, for the crash test: records one camera until SIGTERM (clean
 * stop) or SIGKILL (the crash under test). Prints one JSON line when recording has started, with
 * the start-up repair report.
 *
 *   node server/bin/run-ts.mjs server/test/recording/recorder-process.ts DB ROOT KEYDIR CAMERA URL
 */
import type { Schema } from '../../src/compose/schema.ts';
import { systemClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { IngestManager } from '../../src/ingest/manager.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import { RecordingService } from '../../src/recording/recording-service.ts';

const [dbPath, root, keyDir, cameraId, url] = process.argv.slice(2);
if (!dbPath || !root || !keyDir || !cameraId || !url) {
  console.error('usage: recorder-process.ts DB ROOT KEYDIR CAMERA URL');
  process.exit(2);
}
const logger = silentLogger();
const db = await openDatabase<Schema>({ kind: 'sqlite', path: dbPath });
await migrateToLatest(db);
const ingest = new IngestManager([{ id: cameraId, mainUrl: url }], { logger });
const service = new RecordingService({
  db,
  storageRoot: root,
  key: loadOrCreateInstallationKey(keyDir),
  clock: systemClock,
  logger,
  ingest: { hub: (id, stream) => ingest.hub(id, stream) },
});
await service.start([cameraId]);
console.log(JSON.stringify({ ready: true, repair: service.repairReport }));
process.on('SIGTERM', () => {
  void (async () => {
    await service.stop();
    await ingest.stop();
    await db.destroy();
    process.exit(0);
  })();
});
