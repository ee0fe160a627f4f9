/**
 * Live view benchmark (`npm run bench:live`): the demo city in this process (simulator, ingest,
 * recording, live), Debian's Chromium as the viewer.
 *
 * 1. Latency, for WebRTC and MSE: one tile (sub-stream, 640x360 H.264 25 fps); for every frame the
 *    page presents, the delay from the frame leaving the simulator (its wall clock, carried to
 *    the page in the RTP timestamp for WebRTC and in the stream's clock messages for MSE) to
 *    `requestVideoFrameCallback`'s expected display time. Median and p95 over `--seconds`.
 * 2. Server CPU per viewer, for both: the process's CPU (simulator included) with one page on
 *    the stream, then with `--viewers` more pages on the same stream, then with one again; the
 *    difference per extra page. Both on a city of 2 cameras, so that little else runs.
 * 3. Sixteen tiles (a city of sixteen cameras, MSE) for `--seconds`: frames presented per tile,
 *    stalls.
 *
 * Options: `--seconds 20`, `--viewers 8`. Targets: WebRTC p95 < 300 ms, MSE p95 < 700 ms, the 16
 * tiles without stalling.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemo } from '../src/cli/demo/start-demo.ts';
import { silentLogger } from '../src/app/logger.ts';
import { delays, openWallPage, resetDelays, showCameras, tileSamples } from './live-page.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    viewers: { type: 'string', default: '8' },
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
  cpuOne: number;
  cpuMore: number;
  perViewer: number;
}

async function measureTransport(
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
  const cpuOne = await cpuOver(seconds * 1000);
  const all = (await delays(page))['cam-001'] ?? [];
  const sorted = [...all].sort((a, b) => a - b);

  const more: Page[] = [];
  for (let i = 0; i < extraViewers; i++) {
    const p = await openWallPage(browser, url, user, password);
    await showCameras(p, 1, transport, ['cam-001']);
    more.push(p);
  }
  await sleep(3000);
  const cpuMore = await cpuOver(seconds * 1000);
  for (const p of more) await p.context().close();
  await sleep(3000);
  // The one-viewer figure again, after the others left: the baseline is the mean of both.
  const cpuOneAgain = await cpuOver(seconds * 1000);
  await page.context().close();
  const baseline = (cpuOne + cpuOneAgain) / 2;
  return {
    transport,
    samples: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    cpuOne: baseline,
    cpuMore,
    perViewer: (cpuMore - baseline) / extraViewers,
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
  try {
    await sleep(5000); // recorders and simulator warm up
    for (const transport of ['webrtc', 'mse'] as const) {
      results.push(
        await measureTransport(browser, small.url, small.username, small.password, transport),
      );
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
    `latency and CPU: demo city of 2 cameras (720p main recorded, 360p sub watched), ` +
      `${seconds} s windows, ${extraViewers} extra viewers\n`,
  );
  console.log(
    '| transport | frames | median ms | p95 ms | target p95 | server CPU, 1 viewer | per extra viewer |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const target = r.transport === 'webrtc' ? '< 300' : '< 700';
    const name = r.transport === 'webrtc' ? 'WebRTC' : 'MSE';
    console.log(
      `| ${name} | ${r.samples} | ${f(r.median)} | ${f(r.p95)} | ${target} | ${f1(r.cpuOne)} % ` +
        `| ${f1(r.perViewer)} % (${1 + extraViewers} viewers: ${f1(r.cpuMore)} %) |`,
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
