/**
 * Playback benchmark in Debian's Chromium (`npm run bench:playback`), against a real server
 * holding recordings of 16 cameras, each with a main stream (1280×720) and a sub-stream (640×360)
 * written through the real recorder (`recordSynthetic`), 25 fps, 1 s GOP:
 * 1. open to first frame: from the click on "Apri riproduzione" to a frame presented on every
 *    tile, for 1 camera (main stream; the baseline) and 16 cameras (the grid: sub-streams);
 * 2. seek to frame: paused, from "Vai" on a typed instant to the page's clock showing that
 *    instant's frame (median of 5 seeks), for 1 and 16 cameras;
 * 3. frames presented per tile over `--seconds` (60) at 1× (decoded and shown, the dropped ones
 *    not counted), for 1 camera and for 16 tiles, with the dropped frames and the largest spread
 *    between the tiles' playheads (sampled once a second).
 * 4. the timeline's hover thumbnail (a key frame decoded 160 px wide): cold, then from the cache.
 * The 1-camera figures are the baseline, measured in the same run on the same machine. Needs
 * `npm run build:web` first. Options: `--seconds N` (60).
 */
import type { Schema } from '../src/compose/schema.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { TEST_HASHING } from '../src/accounts/index.ts';
import { parseConfig } from '../src/app/config.ts';
import { systemClock } from '../src/app/clock.ts';
import { silentLogger } from '../src/app/logger.ts';
import { createHttpApp } from '../src/compose/http-app.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { startServer } from '../src/http/server.ts';
import { createServices, httpSettingsOf } from '../src/main.ts';
import { recordSynthetic, type SyntheticClip } from '../src/playback/synthetic-recording.ts';
import { RECORDINGS_DIR } from '../src/recording/create.ts';
import { clipPictures } from '../src/sim/clip-pictures.ts';
import { normaliseClip } from '../src/sim/clip-spec.ts';
import { MediaCache } from '../src/sim/media-cache.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
const RUN_S = Number(values.seconds);
const PASSWORD = 'correct horse battery staple';
const CAMERAS = Array.from({ length: 16 }, (_, i) => `cam-${String(i + 1).padStart(3, '0')}`);
const FOOTAGE_MS = (RUN_S + 60) * 1000;
const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function clip(width: number, height: number): Promise<SyntheticClip> {
  const spec = normaliseClip({
    codec: 'h264',
    width,
    height,
    fps: 25,
    gopSeconds: 1,
    loopSeconds: 4,
    label: `bench-${width}`,
  });
  const file = await new MediaCache().ensure(spec);
  const pictures = clipPictures('h264', new Uint8Array(readFileSync(file)));
  return { params: pictures.params, pictures: pictures.pictures, fps: 25 };
}

/** `7/12/2026 14:30:05` in Europe/Rome, as typed in "Trova il momento". */
function italian(ms: number): string {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Rome',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${Number(p['day'])}/${Number(p['month'])}/${p['year']} ${p['hour']}:${p['minute']}:${p['second']}`;
}

interface TileElement {
  querySelector(selector: 'video'): {
    currentTime: number;
    readyState: number;
    getVideoPlaybackQuality(): { totalVideoFrames: number; droppedVideoFrames: number };
  } | null;
}

interface TileSample {
  frames: number;
  dropped: number;
  time: number;
  ready: number;
}

function samples(page: Page): Promise<TileSample[]> {
  return page.$$eval('.pb-player', (els) =>
    (els as unknown as TileElement[]).map((el) => {
      const v = el.querySelector('video');
      const q = v?.getVideoPlaybackQuality();
      return {
        frames: q?.totalVideoFrames ?? 0,
        dropped: q?.droppedVideoFrames ?? 0,
        time: v?.currentTime ?? 0,
        ready: v?.readyState ?? 0,
      };
    }),
  );
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-bench-playback-'));
const config = parseConfig({ storage: { path: dir }, server: { port: 0 } });
const db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'vedetta.sqlite') });
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
const from = Math.floor(Date.now() / 1000) * 1000 - FOOTAGE_MS - 60_000;
const main = await clip(1280, 720);
const sub = await clip(640, 360);
for (const [i, id] of CAMERAS.entries()) {
  await services.cameras.create({
    id,
    name: `Telecamera ${i + 1}`,
    streams: { main: `rtsp://10.0.0.${i + 1}/live`, sub: `rtsp://10.0.0.${i + 1}/sub` },
    location: { latitude: 44.1, longitude: 9.82 },
    enabled: false,
  });
  for (const stream of ['main', 'sub'] as const)
    await recordSynthetic({
      db,
      storageRoot: path.join(dir, RECORDINGS_DIR),
      key: services.audit.key,
      cameraId: id,
      stream,
      clip: stream === 'main' ? main : sub,
      fromMs: from,
      toMs: from + FOOTAGE_MS,
    });
}
const app = createHttpApp(services, {
  ...httpSettingsOf(config),
  webDist: path.join(repoRoot, 'web', 'dist'),
});
const server = await startServer({ app, host: '127.0.0.1', port: 0 });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--autoplay-policy=no-user-gesture-required',
  ],
});

/** One run: opens `n` cameras, measures the opening, seeks and `RUN_S` of play. */
async function run(n: number) {
  const page = await (
    await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  ).newPage();
  await page.goto(server.url);
  await page.getByLabel('Nome utente').fill('rossi');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('button', { name: 'Esci' }).waitFor();
  await page.goto(`${server.url}#/recordings/${CAMERAS.slice(0, n).join(',')}`);
  await page.getByTestId(`timeline-cam-001`).locator('.pb-span').first().waitFor();
  await page.locator('input[name="reason"]').fill('benchmark');
  const t0 = performance.now();
  await page.getByTestId('open-playback').click();
  await until(async () => {
    const s = await samples(page);
    return s.length === n && s.every((x) => x.frames > 0);
  });
  const openMs = performance.now() - t0;

  const clockMs = async () =>
    Number((await page.getByTestId('playback-clock').getAttribute('data-wall-ms')) || NaN);
  // Seeks land paused, on the frame of the instant (playing, the clock would move past it).
  if ((await page.getByTestId('play-pause').getAttribute('data-playing')) === 'true')
    await page.getByTestId('play-pause').click();
  const seeks: number[] = [];
  for (let k = 0; k < 5; k++) {
    const target = from + 20_000 + k * 7_000;
    await page.getByTestId('goto-input').fill(italian(target));
    const s0 = performance.now();
    await page.getByTestId('goto-submit').click();
    await until(async () => Math.abs((await clockMs()) - target) < 40);
    seeks.push(performance.now() - s0);
  }
  // Play at 1× from the last instant sought.
  if ((await page.getByTestId('play-pause').getAttribute('data-playing')) !== 'true')
    await page.getByTestId('play-pause').click();
  await until(async () => (await samples(page)).every((x) => x.ready >= 2));
  const before = await samples(page);
  let spread = 0;
  const end = Date.now() + RUN_S * 1000;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 1000));
    const times = (await samples(page)).map((x) => x.time);
    spread = Math.max(spread, Math.max(...times) - Math.min(...times));
  }
  const after = await samples(page);
  const dropped = after.map((x, i) => x.dropped - (before[i]?.dropped ?? 0));
  // totalVideoFrames counts the dropped frames too: presented = total − dropped.
  const frames = after.map((x, i) => x.frames - (before[i]?.frames ?? 0) - (dropped[i] ?? 0));
  await page.context().close();
  return { n, openMs, seekMs: median(seeks), frames, dropped, spread };
}

try {
  console.log(
    `playback benchmark: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; ${RUN_S} s at 1×, 25 fps (${RUN_S * 25} frames per tile expected)`,
  );
  // Timeline hover thumbnail (160 px key frame of the 1280×720 main stream): cold, then cached.
  const thumbs = services.playback.thumbnails;
  const noMask = () => Promise.reject(new Error('no masks here'));
  const th0 = performance.now();
  await thumbs.thumbnail('cam-001', from + 10_500, '', noMask);
  const th1 = performance.now();
  await thumbs.thumbnail('cam-001', from + 10_700, '', noMask);
  const th2 = performance.now();
  console.log(
    `thumbnail: cold ${(th1 - th0).toFixed(1)} ms, cached ${(th2 - th1).toFixed(2)} ms ` +
      `(${thumbs.decodes} decode)`,
  );
  for (const n of [1, 16]) {
    const r = await run(n);
    const fmin = Math.min(...r.frames);
    console.log(
      `${String(n).padStart(2)} camera(s) [${n === 1 ? 'main 1280×720' : 'sub 640×360'}]: ` +
        `open to first frame ${r.openMs.toFixed(0)} ms; seek to frame ${r.seekMs.toFixed(0)} ms (median of 5); ` +
        `frames presented per tile in ${RUN_S} s min ${fmin} median ${median(r.frames)} max ${Math.max(...r.frames)}; ` +
        `dropped per tile median ${median(r.dropped)} max ${Math.max(...r.dropped)}; ` +
        `largest playhead spread ${(r.spread * 1000).toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
  await server.close();
  await services.exports.stop();
  await services.playback.stop();
  await services.audit.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}
