/**
 * The ingest benchmark's Vedetta: the recording path of a real installation in a process of its
 * own, wired as start-up wires it (`createServices` + `CameraSync`): SQLite database under
 * `--data` (migrated), the installation key in `<data>/keys`, an `IngestManager`, and the
 * recording service from `createRecordingService` with the default `recording` settings,
 * recording the main stream of each camera `<url>/<id>`.
 *
 * Prints `BENCH {"ready": {...}}` once every camera is online (or after `--ready-seconds`); on
 * SIGTERM stops as the server does (recording, then ingest), prints `BENCH {"summary": {...}}`
 * (the index's totals, gaps by cause, ingest and recorder counters) and exits. Also stops when
 * its standard input closes (the benchmark is gone) or after `--max-seconds`.
 *
 *   node server/bin/run-ts.mjs server/bench/ingest-recorder.ts --data DIR
 *        --url rtsp://127.0.0.1:PORT --ids cam-001,cam-002 [--ready-seconds 60]
 *        [--read-batch-ms N]   (the ingest's batched reads; 0 reads every stream as data arrives)
 */
import type { Schema } from '../src/compose/schema.ts';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/app/clock.ts';
import { databaseOptionsOf, parseConfig } from '../src/app/config.ts';
import { createLogger } from '../src/app/logger.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { IngestManager } from '../src/ingest/manager.ts';
import { createRecordingService } from '../src/recording/create.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    url: { type: 'string' },
    ids: { type: 'string' },
    'ready-seconds': { type: 'string', default: '60' },
    'max-seconds': { type: 'string', default: '1800' },
    'read-batch-ms': { type: 'string' },
  },
});
if (values.data === undefined || values.url === undefined || values.ids === undefined) {
  console.error('usage: ingest-recorder.ts --data DIR --url rtsp://HOST:PORT --ids ID,ID,...');
  process.exit(2);
}
const base = values.url;
const ids = values.ids.split(',').filter((id) => id !== '');
const config = parseConfig({ storage: { path: values.data } });
const clock = systemClock;
const logger = createLogger({ level: 'warn' });
const db = await openDatabase<Schema>(databaseOptionsOf(config));
await migrateToLatest(db);
const readBatchMs =
  values['read-batch-ms'] === undefined
    ? config.recording.readBatchMs
    : Number(values['read-batch-ms']);
const ingest = new IngestManager([], {
  logger: logger.child({ module: 'ingest' }),
  clock,
  readBatchMs,
});
const recording = createRecordingService({ db, clock, logger, config, ingest });
await ingest.setCameras(ids.map((id) => ({ id, mainUrl: `${base}/${id}` })));
await recording.start(ids);

const online = (): number => ingest.statuses().filter((s) => s.main.state === 'online').length;
const readyBy = Date.now() + Number(values['ready-seconds']) * 1000;
while (online() < ids.length && Date.now() < readyBy) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.log(`BENCH ${JSON.stringify({ ready: { cameras: ids.length, online: online() } })}`);

/** What the index and the counters say once recording has stopped. */
async function summary(): Promise<Record<string, unknown>> {
  const totals = await db
    .selectFrom('segments')
    .select((eb) => [
      eb.fn.countAll<number>().as('segments'),
      eb.fn.sum<number>('frame_count').as('frames'),
      eb.fn.sum<number>('size_bytes').as('bytes'),
    ])
    .executeTakeFirstOrThrow();
  const gaps = await db
    .selectFrom('gaps')
    .select((eb) => ['cause', eb.fn.countAll<number>().as('n')])
    .groupBy('cause')
    .execute();
  const ingestCounters = { frames: 0, packetsLost: 0, lossEvents: 0, stalls: 0, reconnects: 0 };
  for (const s of ingest.statuses()) {
    for (const k of Object.keys(ingestCounters) as (keyof typeof ingestCounters)[]) {
      ingestCounters[k] += s.main.counters[k];
    }
  }
  return {
    index: { segments: totals.segments, frames: totals.frames ?? 0, bytes: totals.bytes ?? 0 },
    gaps: Object.fromEntries(gaps.map((g) => [g.cause, g.n])),
    ingest: ingestCounters,
  };
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearTimeout(deadline);
  const recorded = recording.allStatuses();
  const recorder = {
    framesWritten: recorded.reduce((n, s) => n + s.framesWritten, 0),
    framesSkipped: recorded.reduce((n, s) => n + s.framesSkipped, 0),
    errors: recorded.reduce((n, s) => n + s.errors, 0),
  };
  try {
    await recording.stop();
    const facts = await summary();
    await ingest.stop();
    console.log(`BENCH ${JSON.stringify({ summary: { ...facts, recorder } })}`);
  } finally {
    await db.destroy();
    process.exit(0);
  }
}
const deadline = setTimeout(() => void stop(), Number(values['max-seconds']) * 1000);
process.once('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
