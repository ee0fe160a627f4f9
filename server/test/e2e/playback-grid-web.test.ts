/**
 * End-to-end in Debian's Chromium: nine cameras played in step on the recordings page. Each
 * camera's main stream (320×180) and sub-stream (160×96) were recorded through the real recorder
 * at the same wall times, except cam-008 (main stream only: its tile falls back to it) and
 * cam-009 (offline for 20 s: recorded at other moments). The grid tiles play sub-streams; every
 * tile presents new frames; the tiles' playheads stay within one frame interval of one another
 * (the group's wall clock); cam-009's tile says it has no footage and joins the others when its
 * footage resumes; enlarging a tile switches it to the main stream, and shrinking it back to the
 * sub-stream. Screenshots at 1366×768 and 1920×1080 go to test-output/e2e/.
 */
import type { Schema, VedettaDb } from '../../src/compose/schema.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { parseConfig } from '../../src/app/config.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { TEST_HASHING } from '../../src/accounts/index.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createHttpApp } from '../../src/compose/http-app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import type { Services } from '../../src/compose/services.ts';
import { createServices, httpSettingsOf } from '../../src/main.ts';
import { recordSynthetic } from '../../src/playback/synthetic-recording.ts';
import { RECORDINGS_DIR } from '../../src/recording/create.ts';
import { loadTestClip, TEST_CLIP } from './playback-export-fixtures.ts';
import { ensureWebBuilt, launchChromium, repoRoot, shotsDir } from './live-e2e-support.ts';

const PASSWORD = 'correct horse battery staple';
const CAMERAS = Array.from({ length: 9 }, (_, i) => `cam-00${i + 1}`);
/** One frame of the recorded clip (25 fps), in seconds. */
const FRAME_S = 0.04;
/** cam-009 is offline from +50 s to +70 s of the recording. */
const GAP = { from: 50_000, to: 70_000 };

let dir = '';
let db: VedettaDb;
let services: Services;
let server: RunningServer;
let browser: Browser | undefined;
let page: Page;
let recordedFrom = 0;

/** What each tile's video shows, in tile order. */
interface Tile {
  camera: string;
  stream: string;
  width: number;
  frames: number;
  time: number;
  ready: number;
  paused: boolean;
}

/** The parts of a tile read in the page (the server's TypeScript has no DOM types). */
interface TileElement {
  dataset: Record<string, string | undefined>;
  querySelector(selector: 'video'): {
    dataset: Record<string, string | undefined>;
    currentTime: number;
    videoWidth: number;
    readyState: number;
    paused: boolean;
    getVideoPlaybackQuality(): { totalVideoFrames: number };
  } | null;
}

function tiles(): Promise<Tile[]> {
  return page.$$eval('.pb-player', (elements) =>
    (elements as unknown as TileElement[]).map((el) => {
      const v = el.querySelector('video');
      return {
        camera: el.dataset['camera'] ?? '',
        stream: v?.dataset['stream'] ?? '',
        width: v?.videoWidth ?? 0,
        frames: v?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
        time: v?.currentTime ?? 0,
        ready: v?.readyState ?? 0,
        paused: v?.paused ?? true,
      };
    }),
  );
}

const tileOf = async (camera: string): Promise<Tile | undefined> =>
  (await tiles()).find((t) => t.camera === camera);

/** Largest distance between the playheads of the tiles that show footage now, seconds. */
async function spread(): Promise<number> {
  const playing = (await tiles()).filter((t) => t.ready >= 2);
  if (playing.length < 2) return Infinity;
  const times = playing.map((t) => t.time);
  return Math.max(...times) - Math.min(...times);
}

const clockMs = async (): Promise<number> =>
  Number((await page.getByTestId('playback-clock').getAttribute('data-wall-ms')) || NaN);
const shot = (name: string) => page.screenshot({ path: path.join(shotsDir, `${name}.png`) });

/** `7/12/2026 14:30:05` in Europe/Rome, as an Italian operator types it. */
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

beforeAll(async () => {
  ensureWebBuilt();
  fs.mkdirSync(shotsDir, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-'));
  const config = parseConfig({ storage: { path: dir }, server: { port: 0 } });
  db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'vedetta.sqlite') });
  await migrateToLatest(db);
  services = createServices({
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
  for (const [i, id] of CAMERAS.entries())
    await services.cameras.create({
      id,
      name: `Telecamera ${i + 1}`,
      streams: { main: `rtsp://10.0.0.${i + 1}/live`, sub: `rtsp://10.0.0.${i + 1}/sub` },
      location: { latitude: 44.1, longitude: 9.82 },
      enabled: false,
    });
  // Two minutes of each camera, ending a minute ago.
  recordedFrom = Math.floor(Date.now() / 1000) * 1000 - 180_000;
  const main = await loadTestClip();
  const sub = await loadTestClip({ ...TEST_CLIP, width: 160, height: 96 });
  for (const id of CAMERAS) {
    const gaps =
      id === 'cam-009'
        ? [
            {
              fromMs: recordedFrom + GAP.from,
              toMs: recordedFrom + GAP.to,
              cause: 'offline' as const,
            },
          ]
        : [];
    const streams = id === 'cam-008' ? (['main'] as const) : (['main', 'sub'] as const);
    for (const stream of streams)
      await recordSynthetic({
        db,
        storageRoot: path.join(dir, RECORDINGS_DIR),
        key: services.audit.key,
        cameraId: id,
        stream,
        clip: stream === 'main' ? main : sub,
        fromMs: recordedFrom,
        toMs: recordedFrom + 120_000,
        gaps,
        segmenter: { segmentTargetMs: 30_000 },
      });
  }
  const app = createHttpApp(services, {
    ...httpSettingsOf(config),
    webDist: path.join(repoRoot, 'web', 'dist'),
  });
  server = await startServer({ app, host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server.close();
  await services.exports.stop();
  await services.audit.close();
  await db.destroy();
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

describe('nine cameras in step', () => {
  it('plays a grid of sub-streams in step, showing the gap of a camera recorded at other moments', async () => {
    await page.goto(server.url);
    await page.getByLabel('Nome utente').fill('rossi');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('button', { name: 'Esci' }).waitFor();
    await page.goto(`${server.url}#/recordings/${CAMERAS.join(',')}`);
    await page.getByTestId('timeline-cam-009').locator('.pb-span').first().waitFor();
    await page.locator('input[name="reason"]').fill('verifica segnalazione furto');
    await page.getByTestId('open-playback').click();
    await expect.poll(async () => (await tiles()).length, { timeout: 20_000 }).toBe(9);
    // It opens on the latest footage, playing.
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'), { timeout: 20_000 })
      .toBe('true');

    // Into cam-009's gap, 10 s before it ends; playing.
    await page.getByTestId('goto-input').fill(italian(recordedFrom + GAP.from + 10_000));
    await page.getByTestId('goto-submit').click();
    await page.getByTestId('notice-cam-009').waitFor({ timeout: 20_000 });
    const target = recordedFrom + GAP.from + 10_000;
    await expect
      .poll(async () => Math.abs((await clockMs()) - target), { timeout: 20_000 })
      .toBeLessThan(1000);
    await expect
      .poll(() => page.getByTestId('play-pause').getAttribute('data-playing'), { timeout: 20_000 })
      .toBe('true');

    // The grid plays sub-streams (160 wide); cam-008 recorded none, and plays its main stream.
    await expect
      .poll(
        async () =>
          (await tiles())
            .filter((t) => t.camera !== 'cam-009')
            .map((t) => `${t.camera}:${t.stream}:${t.width}`),
        { timeout: 20_000 },
      )
      .toEqual(
        CAMERAS.filter((c) => c !== 'cam-009').map((c) =>
          c === 'cam-008' ? `${c}:main:320` : `${c}:sub:160`,
        ),
      );
    expect((await tileOf('cam-009'))?.stream).toBe('sub');
    const inGap = (await tileOf('cam-009'))?.frames ?? 0;

    // Every tile with footage presents new frames; their playheads are one wall clock.
    const before = await tiles();
    await expect
      .poll(
        async () => {
          const now = await tiles();
          return now
            .filter((t) => t.camera !== 'cam-009')
            .every((t) => t.frames > (before.find((b) => b.camera === t.camera)?.frames ?? 0));
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await expect.poll(spread, { timeout: 20_000 }).toBeLessThanOrEqual(FRAME_S);
    await shot('playback-grid-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot('playback-grid-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });

    // cam-009's footage resumes at the end of its gap: it joins the others, in step.
    await expect
      .poll(async () => (await tileOf('cam-009'))?.frames ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(inGap + 25);
    expect(await page.getByTestId('notice-cam-009').count()).toBe(0);
    expect((await tileOf('cam-009'))?.stream).toBe('sub');
    await expect.poll(spread, { timeout: 20_000 }).toBeLessThanOrEqual(FRAME_S);
    const all = await tiles();
    expect(all.every((t) => t.ready >= 2)).toBe(true);
    expect(Math.max(...all.map((t) => t.time)) - Math.min(...all.map((t) => t.time))).toBeLessThan(
      1,
    );
  });

  it('switches an enlarged tile to the main stream, and back to the sub-stream', async () => {
    // A digital zoom of the tile (three wheel notches: 2×) is kept when the tile is enlarged.
    const tile = 'figure[data-camera="cam-002"]';
    const level = page.locator(`${tile} [data-testid="zoom-level"]`);
    const bb = await page.locator(`${tile} .zoom-view`).boundingBox();
    if (bb === null) throw new Error('no zoom view on the tile');
    await page.mouse.move(bb.x + bb.width / 2, bb.y + bb.height / 2);
    for (let i = 1; i <= 3; i++) {
      await page.mouse.wheel(0, -100);
      await expect.poll(() => level.count()).toBe(1);
    }
    await expect.poll(() => level.textContent()).toBe('2×');
    await page
      .getByRole('button', { name: 'Ingrandisci Telecamera 2 (flusso principale)' })
      .click();
    expect(await level.textContent()).toBe('2×');
    expect(await page.locator(`${tile} .zoom-layer`).getAttribute('style')).toMatch(
      /scale\(2(\.0+)?\)/,
    );
    await expect
      .poll(
        async () => {
          const t = await tileOf('cam-002');
          return `${t?.stream}:${t?.width}`;
        },
        { timeout: 20_000 },
      )
      .toBe('main:320');
    const enlarged = (await tileOf('cam-002'))?.frames ?? 0;
    await expect
      .poll(async () => (await tileOf('cam-002'))?.frames ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(enlarged);
    // Still in step with the grid beneath it.
    await expect.poll(spread, { timeout: 20_000 }).toBeLessThanOrEqual(FRAME_S);
    await shot('playback-grid-enlarged-1366x768');

    await page.getByRole('button', { name: 'Riduci Telecamera 2 e torna alla griglia' }).click();
    await expect
      .poll(
        async () => {
          const t = await tileOf('cam-002');
          return `${t?.stream}:${t?.width}`;
        },
        { timeout: 20_000 },
      )
      .toBe('sub:160');
  });
});
