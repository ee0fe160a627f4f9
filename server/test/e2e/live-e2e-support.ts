/**
 * Shared by the live end-to-end tests: the demo city started in-process (its simulator's faults
 * and its services at hand), Debian's Chromium with the flags WebRTC on loopback needs, sign-in,
 * and reading what each video element has presented.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo, type DemoOptions } from '../../src/cli/demo/start-demo.ts';

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** Where screenshots go (git-ignored). */
export const shotsDir = path.join(repoRoot, 'test-output', 'e2e');

/** Chromium's flags: headless, no sandbox (root), no network chatter, WebRTC on loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/** Builds web/dist when it is missing. */
export function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) return;
  const built = spawnSync('npm', ['run', 'build', '-w', 'web'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`web build failed:\n${built.stdout}\n${built.stderr}`);
}

/** A demo city in a fresh temporary folder, on free ports (`extra`: its ONVIF discovery port). */
export async function startTestCity(
  cameras: number,
  extra: Pick<DemoOptions, 'onvifDiscoveryPort'> = {},
): Promise<Demo> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-'));
  const demo = await startDemo({ dataDir, port: 0, simulatorPort: 0, cameras, ...extra });
  return {
    ...demo,
    close: async () => {
      await demo.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Signs in through the login page (Italian). */
export async function signIn(page: Page, url: string, user: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Nome utente').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('link', { name: 'Wall' }).waitFor({ timeout: 15_000 });
}

/** Decoded frames and current time of each tile's video, in tile order. */
export interface VideoProgress {
  frames: number;
  time: number;
  state: string;
  transport: string;
}

/** The parts of a tile element read in the page (the server's TypeScript has no DOM types). */
interface TileElement {
  dataset: Record<string, string | undefined>;
  querySelector(selector: 'video'): {
    currentTime: number;
    getVideoPlaybackQuality(): { totalVideoFrames: number };
  } | null;
}

/** What the wall's videos have presented so far. */
export function videoProgress(page: Page): Promise<VideoProgress[]> {
  return page.$$eval('.wall-tile .live-video', (elements) =>
    (elements as unknown as TileElement[]).map((tile) => {
      const v = tile.querySelector('video');
      return {
        frames: v?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
        time: v?.currentTime ?? 0,
        state: tile.dataset['state'] ?? '',
        transport: tile.dataset['transport'] ?? '',
      };
    }),
  );
}

/** The `data-*` attributes of the first element matching `selector`. */
export function datasetOf(
  page: Page,
  selector: string,
): Promise<Record<string, string | undefined>> {
  return page.$eval(selector, (el) => ({ ...(el as unknown as TileElement).dataset }));
}

/** Saves a screenshot under test-output/e2e/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

/**
 * Polls `check` every 100 ms until it holds (a check that throws has not) or `ms` passes;
 * resolves with the time it took.
 */
export async function within(ms: number, what: string, check: () => Promise<boolean>) {
  const start = Date.now();
  for (;;) {
    // An element not there yet counts as "not yet".
    if (await check().catch(() => false)) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Drags camera `cameraId` from the wall's list onto tile `index` and waits until the tile shows
 * it. HTML5 drag and drop synthesised by Playwright can be lost when the wall re-renders under
 * the pointer (a layout change still settling on a loaded machine), so a drop that did not land
 * is tried again, up to three times; the camera on the tile is what the caller relies on.
 */
export async function dropCamera(page: Page, cameraId: string, index: number): Promise<void> {
  const tile = page.locator(`[data-tile-index="${index}"]`);
  const placed = page.locator(`[data-tile-index="${index}"][data-tile-camera="${cameraId}"]`);
  for (let attempt = 1; ; attempt++) {
    await page.locator(`[data-picker-camera="${cameraId}"]`).dragTo(tile);
    try {
      await placed.waitFor({ timeout: 3000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/**
 * Signs `user` in, puts `cameraId` alone on the wall (one big tile: the picture to drag on, the
 * controls below it), waits for it to play, and opens its PTZ controls.
 */
export async function openPtzOnWall(
  page: Page,
  url: string,
  user: string,
  password: string,
  cameraId: string,
): Promise<void> {
  await signIn(page, url, user, password);
  await page.getByRole('link', { name: 'Wall' }).click();
  await page.locator('[data-layout="1"]').click();
  await dropCamera(page, cameraId, 0);
  await within(
    60_000,
    `${cameraId} plays`,
    async () => (await videoProgress(page))[0]?.state === 'playing',
  );
  const tile = '[data-tile-index="0"]';
  await page.locator(`${tile} [data-testid="tile-ptz"]`).click();
  await page.locator(`${tile} [data-testid="ptz-status"]`).waitFor();
}
