/**
 * Browser side of the live benchmark: a signed-in Chromium page with the live stats switched on
 * (`localStorage['vedetta.live.stats'] = '1'`), a wall of 1 or 16 tiles on a given transport, and
 * what its videos did: capture-to-presentation delays per camera, frames presented, stalls.
 */
import type { Browser, Page } from 'playwright-core';

/** One tile's progress. */
export interface TileSample {
  camera: string;
  frames: number;
  dropped: number;
  state: string;
  transport: string;
}

/** The parts of the page's elements the benchmark reads (the server has no DOM types). */
interface TileElement {
  dataset: Record<string, string | undefined>;
  querySelector(selector: 'video'): {
    getVideoPlaybackQuality(): { totalVideoFrames: number; droppedVideoFrames: number };
  } | null;
}

/** Opens a page signed in as `user`, live stats on. */
export async function openWallPage(
  browser: Browser,
  url: string,
  user: string,
  password: string,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript("localStorage.setItem('vedetta.live.stats', '1')");
  const page = await context.newPage();
  // The web app may be being rebuilt (web/dist is emptied first): try again a few times.
  for (let attempt = 1; ; attempt++) {
    await page.goto(url);
    try {
      await page.getByLabel('Nome utente').waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt >= 6) throw e;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  await page.getByLabel('Nome utente').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('link', { name: 'Wall' }).click();
  return page;
}

/** Lays out `cameras` on a wall of `size` tiles with `transport`, and waits until all play. */
export async function showCameras(
  page: Page,
  size: 1 | 4 | 9 | 16,
  transport: 'mse' | 'webrtc',
  cameras: readonly string[],
): Promise<void> {
  await page.locator(`[data-layout="${size}"]`).click();
  await page.getByLabel('Trasporto').selectOption(transport);
  for (const [i, id] of cameras.entries()) {
    await page.locator(`[data-tile-index="${i}"]`).click();
    await page.locator(`[data-picker-camera="${id}"]`).click();
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const tiles = await tileSamples(page);
    const playing = tiles.filter((t) => t.state === 'playing').length;
    if (playing === cameras.length) return;
    if (Date.now() > deadline) {
      throw new Error(`only ${playing} of ${cameras.length} tiles play: ${JSON.stringify(tiles)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every tile's camera, frames and state. */
export function tileSamples(page: Page): Promise<TileSample[]> {
  return page.$$eval('.wall-tile .live-video', (elements) =>
    (elements as unknown as TileElement[]).map((tile) => {
      const q = tile.querySelector('video')?.getVideoPlaybackQuality();
      return {
        camera: tile.dataset['liveCamera'] ?? '',
        frames: q?.totalVideoFrames ?? 0,
        dropped: q?.droppedVideoFrames ?? 0,
        state: tile.dataset['state'] ?? '',
        transport: tile.dataset['transport'] ?? '',
      };
    }),
  );
}

/** Empties the page's delay samples. */
export async function resetDelays(page: Page): Promise<void> {
  await page.evaluate('window.vedettaLiveStats = {}');
}

/** Capture-to-presentation delays (ms) recorded by the page, per camera. */
export async function delays(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate<Record<string, number[]>>('window.vedettaLiveStats ?? {}');
}
