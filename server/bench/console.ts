/**
 * Operations console benchmark (`npm run bench:console`) in Debian's Chromium against the demo
 * city (simulator, ingest, recording, live in this process):
 * 1. view switch: from the click on a saved 16-tile view in the wall's views panel until all 16
 *    tiles play (each on a camera that was not on the wall before: a cold start of 16 live
 *    streams, sub-streams, the default transport); the baseline is the same switch to a 1-tile
 *    view, measured in the same run. Median and worst of `--rounds` switches.
 * 2. map render: `console-map.ts`, 200 more cameras on the map (clusters and status markers).
 * Needs `npm run build:web` first. Options: `--rounds N` (6).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { silentLogger } from '../src/app/logger.ts';
import { startDemo } from '../src/cli/demo/start-demo.ts';
import { benchViewSwitch } from './console-views.ts';
import { benchMapRender, seedMapCameras } from './console-map.ts';
import { openWallPage } from './live-page.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '6' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) {
  throw new Error(`--rounds must be a whole number from 1 to 50, got ${values.rounds}`);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const worst = (xs: readonly number[]): number => Math.max(...xs);

const dataDir = mkdtempSync(join(tmpdir(), 'vedetta-bench-console-'));
const demo = await startDemo({
  dataDir,
  port: 0,
  simulatorPort: 0,
  cameras: 32,
  logger: silentLogger(),
});
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
  await new Promise((r) => setTimeout(r, 5000)); // the simulator and the ingest warm up
  const cameras = Array.from({ length: 32 }, (_, i) => `cam-${String(i + 1).padStart(3, '0')}`);
  const page = await openWallPage(browser, demo.url, demo.username, demo.password);
  const views = await benchViewSwitch(page, demo.url, cameras, rounds);
  // 2. The map: 200 more cameras (disabled), then the whole registry drawn on the map.
  await seedMapCameras(demo.vedetta.services, 200);
  const map = await benchMapRender(page, demo.url, 32 + 200, rounds);
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${new Date().toISOString()}`,
  );
  console.log(`view switch, until every tile plays (${rounds} switches each):`);
  console.log(
    `  16 tiles: median ${median(views.sixteenMs)} ms, worst ${worst(views.sixteenMs)} ms ` +
      `(${views.sixteenMs.join(', ')})`,
  );
  console.log(
    `  baseline, 1 tile: median ${median(views.oneMs)} ms, worst ${worst(views.oneMs)} ms ` +
      `(${views.oneMs.join(', ')})`,
  );
  console.log(
    `map render, ${map.cameras} cameras (${rounds} opens of #/map, clusters and markers):`,
  );
  console.log(
    `  until every camera is drawn: median ${median(map.renderMs)} ms, worst ${worst(map.renderMs)} ms ` +
      `(${map.renderMs.join(', ')})`,
  );
  console.log(
    `  GET /api/map/cameras: median ${median(map.apiMs)} ms, worst ${worst(map.apiMs)} ms ` +
      `(${map.apiMs.length} requests)`,
  );
} finally {
  await browser.close();
  await demo.close();
  rmSync(dataDir, { recursive: true, force: true });
}
