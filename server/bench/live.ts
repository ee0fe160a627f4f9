/**
 * Live view benchmark (`npm run bench:live`): the demo city in this process (simulator, ingest,
 * recording, live), Debian's Chromium as the viewer.
 *
 * 1. Latency, for WebRTC and MSE: one tile (sub-stream, 640x360 H.264 25 fps); for every frame the
 *    page presents, the delay from the frame leaving the simulator (its wall clock, carried to
 *    the page in the RTP timestamp for WebRTC and in the stream's clock messages for MSE) to
 *    `requestVideoFrameCallback`'s expected display time. Median and p95 over `--seconds`.
 * 2. Server CPU per viewer, for both: this process's CPU (simulator and recorders included) with
 *    no viewer, with `--viewers` viewers on the recorded main stream (in a process of their own,
 *    `live-viewers.ts`), and with none again; the difference per viewer. A city of 2 cameras, so
 *    that little else runs.
 * 3. Sixteen tiles (a city of sixteen cameras, MSE) for `--seconds`: frames presented per tile,
 *    stalls.
 *
 * Options: `--seconds 20`, `--viewers 20`. Targets: WebRTC p95 < 300 ms, MSE p95 < 700 ms, the 16
 * tiles without stalling.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { startDemo } from '../src/cli/demo/start-demo.ts';
import { silentLogger } from '../src/app/logger.ts';
import { delays, openWallPage, resetDelays, showCameras, tileSamples } from './live-page.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    viewers: { type: 'string', default: '20' },
  },
});
const seconds = Number(values.seconds);
const extraViewers = Number(values.viewers);
if (!Number.isInteger(seconds) || seconds < 5 || seconds > 600) {
  throw new Error(`--seconds must be a whole number from 5 to 600, got ${values.seconds}`);
}
if (!Number.isInteger(extraViewers) || extraViewers < 1 || extraViewers > 50) {
  throw new Error(`--viewers must be a whole number from 1 to 50, got ${values.viewers}`);
}

const CAMERAS = 16;
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

/** Process CPU in % of one core over `ms`. */
async function cpuOver(ms: number): Promise<number> {
  const start = process.cpuUsage();
  const t0 = performance.now();
  await sleep(ms);
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1000 / (performance.now() - t0)) * 100;
}

interface TransportResult {
  transport: 'webrtc' | 'mse';
  samples: number;
  median: number;
  p95: number;
}

async function measureLatency(
  browser: Browser,
  url: string,
  user: string,
  password: string,
  transport: 'webrtc' | 'mse',
): Promise<TransportResult> {
  const page = await openWallPage(browser, url, user, password);
  await showCameras(page, 1, transport, ['cam-001']);
  await sleep(3000); // settle: first GOP, jitter buffer
  await resetDelays(page);
  await sleep(seconds * 1000);
  const sorted = [...((await delays(page))['cam-001'] ?? [])].sort((a, b) => a - b);
  await page.context().close();
  return {
    transport,
    samples: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
  };
}

interface CrowdResult {
  transport: 'webrtc' | 'mse';
  alone: number;
  crowd: number;
  perViewer: number;
  mbitPerViewer: number;
}

/**
 * Server CPU with no viewer, then with `extraViewers` viewers (in a process of their own) on the
 * recorded main stream, then with none again.
 */
async function measureCrowd(
  origin: string,
  cookie: string,
  transport: 'webrtc' | 'mse',
): Promise<CrowdResult> {
  const before = await cpuOver(seconds * 1000);
  const child = spawn(
    process.execPath,
    [
      'server/bin/run-ts.mjs',
      'server/bench/live-viewers.ts',
      origin,
      cookie,
      transport,
      String(extraViewers),
      'cam-001',
      'main',
    ],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 600 && !out.includes('ready'); i++) await sleep(100);
  if (!out.includes('ready')) {
    child.kill('SIGKILL');
    throw new Error(`the ${transport} viewers did not start: ${out}`);
  }
  await sleep(2000);
  const t0 = Date.now();
  const crowd = await cpuOver(seconds * 1000);
  child.stdin.end();
  await exited;
  const received = Number(/bytes (\d+)/.exec(out)?.[1] ?? '0');
  const elapsed = (Date.now() - t0 + 2000) / 1000;
  await sleep(2000);
  const after = await cpuOver(seconds * 1000);
  const alone = (before + after) / 2;
  return {
    transport,
    alone,
    crowd,
    perViewer: (crowd - alone) / extraViewers,
    mbitPerViewer: (received * 8) / 1e6 / elapsed / extraViewers,
  };
}

async function sixteenTiles(browser: Browser, url: string, user: string, password: string) {
  const page = await openWallPage(browser, url, user, password);
  const ids = Array.from({ length: CAMERAS }, (_, i) => `cam-${String(i + 1).padStart(3, '0')}`);
  await showCameras(page, 16, 'mse', ids);
  await sleep(3000);
  const first = await tileSamples(page);
  let stalls = 0;
  const cpu = cpuOver(seconds * 1000);
  for (let s = 0; s < seconds; s++) {
    await sleep(1000);
    stalls += (await tileSamples(page)).filter((t) => t.state !== 'playing').length;
  }
  const cpuPercent = await cpu;
  const last = await tileSamples(page);
  const fps = last.map((t, i) => (t.frames - (first[i]?.frames ?? 0)) / seconds);
  const dropped = last.reduce((n, t, i) => n + t.dropped - (first[i]?.dropped ?? 0), 0);
  await page.context().close();
  return {
    minFps: Math.min(...fps),
    meanFps: fps.reduce((a, b) => a + b, 0) / fps.length,
    stalls,
    dropped,
    cpuPercent,
  };
}

/** A demo city of `cameras` cameras in a temporary folder. */
async function city(cameras: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vedetta-bench-live-'));
  const demo = await startDemo({
    dataDir,
    port: 0,
    simulatorPort: 0,
    cameras,
    logger: silentLogger(),
  });
  return {
    ...demo,
    close: async () => {
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ],
});
try {
  // Latency and CPU per viewer on a small city (2 cameras), so that little else runs.
  const small = await city(2);
  const results: TransportResult[] = [];
  const crowds: CrowdResult[] = [];
  try {
    await sleep(5000); // recorders and simulator warm up
    for (const transport of ['webrtc', 'mse'] as const) {
      results.push(
        await measureLatency(browser, small.url, small.username, small.password, transport),
      );
    }
    const login = await fetch(new URL('/api/session', small.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: small.username, password: small.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const origin = small.url.replace(/\/$/, '');
    for (const transport of ['webrtc', 'mse'] as const) {
      crowds.push(await measureCrowd(origin, cookie, transport));
    }
  } finally {
    await small.close();
  }
  const big = await city(CAMERAS);
  let wall: Awaited<ReturnType<typeof sixteenTiles>>;
  try {
    await sleep(5000);
    wall = await sixteenTiles(browser, big.url, big.username, big.password);
  } finally {
    await big.close();
  }

  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
  const f1 = (n: number) => n.toFixed(1);
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const day = new Date().toISOString().slice(0, 10);
  console.log(`\nLive view benchmark — ${day}, ${cpus().length} cores, load ${load}`);
  console.log(
    `latency: demo city of 2 cameras (720p main recorded, 360p sub watched), ${seconds} s windows\n`,
  );
  console.log('| transport | frames | median ms | p95 ms | target p95 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    const target = r.transport === 'webrtc' ? '< 300' : '< 700';
    const name = r.transport === 'webrtc' ? 'WebRTC' : 'MSE';
    console.log(`| ${name} | ${r.samples} | ${f(r.median)} | ${f(r.p95)} | ${target} |`);
  }
  console.log(
    `\nserver CPU (% of one core, simulator and 2 recorders included), ${extraViewers} viewers ` +
      `on the recorded 720p main stream, viewers in another process:\n`,
  );
  console.log('| transport | no viewer | with viewers | per viewer | received per viewer |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const c of crowds) {
    const name = c.transport === 'webrtc' ? 'WebRTC' : 'MSE';
    console.log(
      `| ${name} | ${f1(c.alone)} % | ${f1(c.crowd)} % | ${c.perViewer.toFixed(2)} % | ` +
        `${c.mbitPerViewer.toFixed(2)} Mbit/s |`,
    );
  }
  console.log(
    `\n16 tiles (city of ${CAMERAS}; MSE, sub-streams; its H.265 cameras transcoded): ` +
      `min ${f1(wall.minFps)} fps, mean ${f1(wall.meanFps)} fps per tile, ` +
      `${wall.stalls} tile-seconds not playing, ${wall.dropped} frames dropped by the browser, ` +
      `server CPU ${f1(wall.cpuPercent)} %`,
  );
  const ok =
    results.every((r) => r.p95 < (r.transport === 'webrtc' ? 300 : 700)) && wall.stalls === 0;
  console.log(ok ? '\nTargets met.' : '\nTargets NOT met.');
} finally {
  await browser.close();
}
