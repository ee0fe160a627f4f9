/**
 * The console benchmark's map figure: a 200-camera map render. On a signed-in page, the time
 * from opening the map (`#/map`) until every camera is drawn — as clusters at city scale or
 * single status markers, their counts adding up to the registry — with the one
 * `GET /api/map/cameras` it needs; and that request's own time over HTTP (median of many).
 * `seedMapCameras` adds the cameras (disabled: nothing to ingest) around the demo city.
 */
import type { Page } from 'playwright-core';
import type { Services } from '../src/compose/services.ts';

/** What one map benchmark run measured, in milliseconds. */
export interface MapRenderFigures {
  /** Cameras on the map. */
  cameras: number;
  /** From the hash change to every camera drawn, one per round. */
  renderMs: number[];
  /** `GET /api/map/cameras` over HTTP, one per request. */
  apiMs: number[];
}

/** Adds `count` disabled cameras `map-000`… around the demo city (44.10 N, 9.82 E). */
export async function seedMapCameras(services: Services, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await services.cameras.create({
      id: `map-${String(i).padStart(3, '0')}`,
      name: `Punto ${i}`,
      enabled: false,
      streams: { main: `rtsp://127.0.0.1:9/map-${i}` },
      location: {
        latitude: 44.0845 + ((i * 37) % 200) * 0.0002,
        longitude: 9.7945 + ((i * 71) % 199) * 0.0003,
        address: '',
        district: '',
      },
    });
  }
}

/** In the page: leave the map, open it, and time until `expected` cameras are drawn. */
const RENDER_SCRIPT = (expected: number) => `new Promise((resolve, reject) => {
  const drawn = () => {
    let n = document.querySelectorAll('[data-map-camera]').length;
    for (const c of document.querySelectorAll('[data-map-cluster]')) n += Number(c.dataset.mapCluster);
    return n;
  };
  location.hash = '#/cameras';
  const away = () => {
    if (document.querySelector('.camera-map') !== null) return requestAnimationFrame(away);
    const start = performance.now();
    location.hash = '#/map';
    const poll = () => {
      if (drawn() === ${expected}) return resolve(performance.now() - start);
      if (performance.now() - start > 30000) return reject(new Error('map not drawn in 30 s'));
      requestAnimationFrame(poll);
    };
    poll();
  };
  away();
})`;

/**
 * Opens the map `rounds` times on `page` (signed in, on `baseUrl`) and times the render of
 * `expected` cameras; then times `requests` calls of `GET /api/map/cameras`.
 */
export async function benchMapRender(
  page: Page,
  baseUrl: string,
  expected: number,
  rounds: number,
  requests = 50,
): Promise<MapRenderFigures> {
  const renderMs: number[] = [];
  // One warm-up round (the bundle's map code, Leaflet's first layout), not counted.
  await page.evaluate(RENDER_SCRIPT(expected));
  for (let i = 0; i < rounds; i++) {
    renderMs.push(Math.round(await page.evaluate<number>(RENDER_SCRIPT(expected))));
  }
  const apiMs: number[] = [];
  const url = new URL('/api/map/cameras', baseUrl).toString();
  for (let i = 0; i < requests; i++) {
    const start = performance.now();
    const res = await page.request.get(url);
    const body = (await res.json()) as { cameras: unknown[] };
    if (res.status() !== 200 || body.cameras.length !== expected) {
      throw new Error(`GET /api/map/cameras: ${res.status()}, ${body.cameras.length} cameras`);
    }
    apiMs.push(Math.round((performance.now() - start) * 10) / 10);
  }
  return { cameras: expected, renderMs, apiMs };
}
