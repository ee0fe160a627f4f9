/**
 * Browser side of the console benchmark's view switch: on a signed-in wall page, views saved on
 * the server (`POST /api/views`) are chosen in the views panel, and the time from the click to
 * every tile of the new view playing (its camera's video presenting frames) is measured. The
 * baseline is the same switch to a 1-tile view, measured in the same run.
 */
import type { Page } from 'playwright-core';
import { tileSamples } from './live-page.ts';

/** A view to save: its name and cameras (1 or 16). */
interface ViewSpec {
  name: string;
  cameras: readonly string[];
}

/** Saves `spec` as a personal view of the page's user; its id. */
async function saveView(page: Page, baseUrl: string, spec: ViewSpec): Promise<string> {
  const layout = spec.cameras.length === 1 ? '1' : '16';
  const res = await page.request.post(new URL('/api/views', baseUrl).toString(), {
    headers: { origin: new URL(baseUrl).origin },
    data: {
      name: spec.name,
      layout,
      tiles: spec.cameras.map((cameraId) => ({ cameraId, stream: 'sub' })),
    },
  });
  if (res.status() !== 201) throw new Error(`saving view ${spec.name}: ${await res.text()}`);
  const body = (await res.json()) as { id: string };
  return body.id;
}

/** Waits until the wall shows exactly `cameras`, each tile playing; ms since `startMs`. */
async function allPlaying(page: Page, cameras: readonly string[], startMs: number) {
  const want = new Set(cameras);
  const deadline = startMs + 60_000;
  for (;;) {
    const tiles = await tileSamples(page);
    const ready = tiles.filter((t) => want.has(t.camera) && t.state === 'playing' && t.frames > 0);
    if (ready.length === want.size && tiles.length === want.size) return Date.now() - startMs;
    if (Date.now() > deadline) {
      throw new Error(`only ${ready.length} of ${want.size} tiles play: ${JSON.stringify(tiles)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Medians (ms) of switching to a 16-tile view and to a 1-tile view, `rounds` times each. */
export interface ViewSwitchResult {
  sixteenMs: number[];
  oneMs: number[];
}

/**
 * Saves two 16-tile views (`cameras` 1–16 and 17–32) and two 1-tile views, then alternates:
 * each switch goes to cameras not on the wall before, so every tile starts its stream anew.
 */
export async function benchViewSwitch(
  page: Page,
  baseUrl: string,
  cameras: readonly string[],
  rounds: number,
): Promise<ViewSwitchResult> {
  if (cameras.length < 32) throw new Error('the view switch needs 32 cameras');
  const a = await saveView(page, baseUrl, { name: 'Bench A', cameras: cameras.slice(0, 16) });
  const b = await saveView(page, baseUrl, { name: 'Bench B', cameras: cameras.slice(16, 32) });
  const one = await saveView(page, baseUrl, { name: 'Bench 1', cameras: cameras.slice(0, 1) });
  const two = await saveView(page, baseUrl, { name: 'Bench 2', cameras: cameras.slice(16, 17) });
  await page.reload();
  await page.locator(`[data-view-id="${a}"]`).waitFor();
  const choose = async (id: string, want: readonly string[]) => {
    const start = Date.now();
    await page.locator(`button[data-view-id="${id}"]`).click();
    return allPlaying(page, want, start);
  };
  const result: ViewSwitchResult = { sixteenMs: [], oneMs: [] };
  await choose(a, cameras.slice(0, 16));
  for (let i = 0; i < rounds; i++) {
    const to = i % 2 === 0 ? b : a;
    result.sixteenMs.push(
      await choose(to, i % 2 === 0 ? cameras.slice(16, 32) : cameras.slice(0, 16)),
    );
  }
  await choose(one, cameras.slice(0, 1));
  for (let i = 0; i < rounds; i++) {
    const to = i % 2 === 0 ? two : one;
    result.oneMs.push(await choose(to, i % 2 === 0 ? cameras.slice(16, 17) : cameras.slice(0, 1)));
  }
  return result;
}
