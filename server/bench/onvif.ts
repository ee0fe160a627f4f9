/**
 * ONVIF benchmark (`npm run bench:onvif`), against the simulator's ONVIF side over real sockets:
 * 1. discovery of 200 simulated cameras: one WS-Discovery Probe (unicast to the simulator's
 *    discovery port), how many answered within the collection window;
 * 2. probe of all 200 (clock, device information, services, profiles, stream and snapshot
 *    URIs), 16 at a time, with Vedetta's client; the baseline is the `onvif` npm package
 *    connecting to the same 200 cameras (its connect reads the clock, capabilities, profiles and
 *    more), 16 at a time, in the same run;
 * 3. PTZ round trip: `POST /api/cameras/{id}/ptz/move` on a running Vedetta until the simulated
 *    dome reports that it moves; median of `--rounds` (each followed by a stop).
 * 4. Event latency: a simulated camera emits a tamper event → the alarm arrives over the alarm
 *    stream (SSE) of a whole running Vedetta; and the event's end → `cleared` (onvif-events.ts).
 * Options: `--cameras N` (200), `--rounds N` (20).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Schema } from '../src/compose/schema.ts';
import { TEST_HASHING } from '../src/accounts/index.ts';
import { parseConfig } from '../src/app/config.ts';
import { systemClock } from '../src/app/clock.ts';
import { silentLogger } from '../src/app/logger.ts';
import { createHttpApp } from '../src/compose/http-app.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { startServer } from '../src/http/server.ts';
import { createServices, httpSettingsOf } from '../src/main.ts';
import { discoverDevices, probeDevice } from '../src/onvif/index.ts';
import { startOnvifDevices, startSimulator } from '../src/sim/index.ts';
import { connectCam } from '../test/sim-onvif/support.ts';
import { measureEventLatency } from './onvif-events.ts';

const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '20' },
  },
});
const CAMERAS = Number(values.cameras);
const ROUNDS = Number(values.rounds);
const CREDS = { username: 'admin', password: 'sim-secret' } as const;
const PASSWORD = 'correct horse battery staple';

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Runs `work` over `items`, `width` at a time; wall time in ms. */
async function timed<T>(items: readonly T[], width: number, work: (t: T) => Promise<unknown>) {
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
    }),
  );
  return performance.now() - start;
}

const ids = Array.from({ length: CAMERAS }, (_, i) => `cam-${String(i + 1).padStart(3, '0')}`);
const sim = await startSimulator({
  cameras: ids.map((id) => ({ id, codec: 'h264', width: 320, height: 180 })),
  loopSeconds: 2,
  auth: { ...CREDS, scheme: 'digest' },
});
const onvif = await startOnvifDevices(sim, {
  port: 0,
  discoveryPort: 0,
  auth: CREDS,
  ptzCameras: ['cam-001'],
});
const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-bench-onvif-'));
try {
  // 1. Discovery.
  const found = await discoverDevices({
    targets: [`127.0.0.1:${onvif.discoveryPort}`],
    durationMs: 2000,
    clock: systemClock,
  });

  // 2. Probe, then the baseline.
  const probeMs = await timed(ids, 16, (id) =>
    probeDevice({ address: onvif.deviceUrl(id), credentials: CREDS, clock: systemClock }),
  );
  const baselineMs = await timed(ids, 16, (id) => connectCam(onvif, id));

  // 3. PTZ round trip through a running Vedetta.
  process.env['VEDETTA_BENCH_ONVIF'] = `${CREDS.username}:${CREDS.password}`;
  const config = parseConfig({ storage: { path: dir }, server: { port: 0 } });
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'v.sqlite') });
  await migrateToLatest(db);
  const services = createServices({
    db,
    clock: systemClock,
    logger: silentLogger(),
    config,
    hashing: TEST_HASHING,
  });
  await services.accounts.users.create({
    username: 'rossi',
    password: PASSWORD,
    role: 'operator',
    agencyId: 'polizia-municipale',
  });
  await services.cameras.create({
    id: 'dome',
    name: 'Dome',
    streams: { main: sim.url('cam-001') },
    credentialsRef: 'env:VEDETTA_BENCH_ONVIF',
    location: { latitude: 44.1, longitude: 9.82 },
    enabled: false,
    onvif: { address: onvif.deviceUrl('cam-001'), profiles: { main: 'main', sub: 'sub' } },
  });
  const app = createHttpApp(services, { ...httpSettingsOf(config), webDist: null });
  const server = await startServer({ app, host: '127.0.0.1', port: 0 });
  const origin = server.url.replace(/\/$/, '');
  const login = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'rossi', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, origin, 'content-type': 'application/json' };
  const post = (what: string, body: object = {}) =>
    fetch(`${origin}/api/cameras/dome/ptz/${what}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
  await post('move', { pan: 0.2 }); // the first opens the ONVIF client (clock, services)
  await post('stop');
  const trips: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    while (onvif.ptzPosition('cam-001')?.moving === true)
      await new Promise((r) => setTimeout(r, 5));
    const start = performance.now();
    const res = await post('move', { pan: i % 2 === 0 ? 0.3 : -0.3 });
    if (res.status !== 204) throw new Error(`move: ${res.status} ${await res.text()}`);
    while (onvif.ptzPosition('cam-001')?.moving !== true) await new Promise((r) => setImmediate(r));
    trips.push(performance.now() - start);
    await post('stop');
  }
  await server.close();
  await services.ptz.close();
  await services.audit.close();
  await db.destroy();

  // 4. Event latency through a whole running Vedetta.
  const events = await measureEventLatency({
    onvif,
    simCameraId: 'cam-002',
    rtspUrl: sim.url('cam-002'),
    credentials: `${CREDS.username}:${CREDS.password}`,
    dir: mkdtempSync(path.join(dir, 'events-')),
    rounds: ROUNDS,
  });

  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${new Date().toISOString()}`,
  );
  console.log(
    `discovery: ${found.devices.length} of ${CAMERAS} cameras answered one Probe (2 s window)`,
  );
  console.log(`probe of ${CAMERAS} cameras, 16 at a time: ${(probeMs / 1000).toFixed(2)} s`);
  console.log(
    `  baseline, the onvif npm package connecting to each: ${(baselineMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `PTZ round trip (API call → dome moving), ${ROUNDS} moves: median ${median(trips).toFixed(1)} ms, ` +
      `worst ${Math.max(...trips).toFixed(1)} ms`,
  );
  for (const [what, xs] of [
    ['raised', events.raised],
    ['cleared', events.cleared],
  ] as const) {
    console.log(
      `event latency (camera emits → alarm ${what} over SSE), ${xs.length} events: ` +
        `median ${median(xs).toFixed(1)} ms, worst ${Math.max(...xs).toFixed(1)} ms`,
    );
  }
} finally {
  await onvif.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
