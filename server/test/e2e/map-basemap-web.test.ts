/**
 * End-to-end: the operations room's map on a closed network, in Debian's Chromium. The test
 * builds a small PMTiles archive (raster tiles of zoom 0-4, each a solid colour of its own) and a
 * plan image, writes them into the demo's configuration (`map.basemap: pmtiles`, one overlay),
 * starts the demo city with three live cameras and adds 200 more to the registry. The page must
 * read the archive with HTTP range requests (206) and draw its tiles (the pixels are the tiles'
 * colours), place the overlay, group the 203 cameras into clusters at city scale, show status
 * markers once zoomed in (with the register's field of view as a wedge), drag a marker with the
 * wall's drag data, and open a camera's popup with "Live" and "Riproduci". Without a
 * configured basemap the page says plainly that Vedetta ships no map data. Screenshots at
 * 1366×768 and 1920×1080 go to test-output/e2e/.
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/cli/demo/start-demo.ts';
import { demoConfigPath } from '../../src/cli/installation.ts';
import { buildPmtiles, colouredPyramid, solidPng, tileColour } from '../support/pmtiles.ts';
import { ensureWebBuilt, launchChromium, screenshot, signIn, within } from './live-e2e-support.ts';

const EXTRA_CAMERAS = 200;
const CENTRE = { lat: 44.1045, lon: 9.8245 };

let city: Demo | undefined;
let plain: Demo | undefined;
let xyz: Demo | undefined;
let tileServer: Server | undefined;
const tileRequests: string[] = [];
let browser: Browser | undefined;
const dirs: string[] = [];

/** A demo whose folder holds `map` in its configuration (none: no map section). */
async function startCity(cameras: number, map?: Record<string, unknown>): Promise<Demo> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-map-'));
  dirs.push(dataDir);
  if (map !== undefined) {
    fs.writeFileSync(
      demoConfigPath(dataDir),
      stringify({
        storage: { path: dataDir },
        server: { host: '127.0.0.1', port: 8080 },
        log: { level: 'warn' },
        map,
      }),
    );
  }
  return startDemo({ dataDir, port: 0, simulatorPort: 0, cameras });
}

/** The colour at the middle of every drawn basemap tile, with the tile's z/x/y. */
function drawnTiles(page: Page): Promise<{ tile: string; rgb: number[] }[]> {
  // A string: the server's TypeScript has no DOM types.
  return page.evaluate<{ tile: string; rgb: number[] }[]>(`(() => {
    const out = [];
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    for (const img of document.querySelectorAll('.map-basemap img[data-tile]')) {
      if (!img.complete || img.naturalWidth === 0) continue;
      ctx.clearRect(0, 0, 1, 1);
      ctx.drawImage(img, img.naturalWidth / 2, img.naturalHeight / 2, 1, 1, 0, 0, 1, 1);
      out.push({ tile: img.dataset.tile, rgb: [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)] });
    }
    return out;
  })()`);
}

/** The text of the first element matching `selector`, or null when there is none. */
async function textOf(page: Page, selector: string): Promise<string | null> {
  const el = page.locator(selector).first();
  return (await el.count()) === 0 ? null : el.textContent();
}

beforeAll(async () => {
  ensureWebBuilt();
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-map-files-'));
  dirs.push(files);
  const pmtiles = path.join(files, 'citta.pmtiles');
  fs.writeFileSync(pmtiles, buildPmtiles(colouredPyramid(0, 4)));
  const plan = path.join(files, 'piazza.png');
  fs.writeFileSync(plan, solidPng([230, 40, 200], 64));
  city = await startCity(3, {
    basemap: { kind: 'pmtiles', file: pmtiles, attribution: 'Tasselli di prova', maxZoom: 4 },
    center: { ...CENTRE, zoom: 4 },
    overlays: [
      {
        name: 'Piazza Verdi',
        image: plan,
        points: [
          { pixel: [0, 0], lat: 44.1072, lon: 9.8238 },
          { pixel: [64, 64], lat: 44.1062, lon: 9.8252 },
        ],
      },
    ],
  });
  // 200 more cameras around the city (disabled: nothing to ingest), for the clusters.
  for (let i = 0; i < EXTRA_CAMERAS; i++) {
    await city.vedetta.services.cameras.create({
      id: `map-${String(i).padStart(3, '0')}`,
      name: `Punto ${i}`,
      enabled: false,
      streams: { main: `rtsp://127.0.0.1:9/map-${i}` },
      location: {
        latitude: CENTRE.lat - 0.02 + ((i * 37) % 200) * 0.0002,
        longitude: CENTRE.lon - 0.03 + ((i * 71) % 199) * 0.0003,
        address: '',
        district: '',
      },
    });
  }
  plain = await startCity(1);
  // An XYZ tile server on the city's network (here: loopback, another port, so another origin).
  tileServer = createServer((req, res) => {
    const m = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    if (m === null) return void res.writeHead(404).end();
    tileRequests.push(req.url ?? '');
    const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    res.writeHead(200, { 'content-type': 'image/png' }).end(solidPng(tileColour(z, x, y)));
  });
  await new Promise<void>((resolve) => tileServer?.listen(0, '127.0.0.1', resolve));
  const address = tileServer.address();
  const tilePort = typeof address === 'object' && address !== null ? address.port : 0;
  xyz = await startCity(1, {
    basemap: {
      kind: 'xyz',
      url: `http://127.0.0.1:${tilePort}/tiles/{z}/{x}/{y}.png`,
      attribution: 'Servizio XYZ di prova',
      maxZoom: 4,
    },
    center: { ...CENTRE, zoom: 4 },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await city?.close();
  await plain?.close();
  await xyz?.close();
  await new Promise((resolve) => tileServer?.close(resolve));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the map in the browser', () => {
  it('draws the PMTiles basemap read by ranges, clusters, markers and a popup', async () => {
    if (browser === undefined || city === undefined) throw new Error('not started');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const ranges: { range: string; status: number }[] = [];
    page.on('response', (res) => {
      if (!res.url().includes('/api/map/basemap.pmtiles')) return;
      ranges.push({ range: res.request().headers()['range'] ?? '', status: res.status() });
    });
    await signIn(page, city.url, city.username, city.password);
    // The register states where cam-001 looks (the map draws it as a wedge).
    const patched = await page.request.patch(
      new URL('/api/register/cam-001', city.url).toString(),
      {
        headers: { origin: new URL(city.url).origin },
        data: { fieldOfView: { directionDeg: 200, angleDeg: 70, rangeM: 80 } },
      },
    );
    expect(patched.status()).toBe(200);
    await page.getByRole('link', { name: 'Mappa' }).click();

    // The tiles are drawn: each drawn tile shows its own colour, and several differ.
    let tiles: { tile: string; rgb: number[] }[] = [];
    await within(20_000, 'basemap tiles drawn', async () => {
      tiles = await drawnTiles(page);
      return tiles.length >= 4;
    });
    for (const { tile, rgb } of tiles) {
      const [z, x, y] = tile.split('/').map(Number);
      expect(rgb, tile).toEqual(tileColour(z ?? -1, x ?? -1, y ?? -1));
    }
    expect(new Set(tiles.map((t) => t.rgb.join())).size).toBeGreaterThan(1);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((r) => /^bytes=\d+-\d+$/.test(r.range) && r.status === 206)).toBe(true);
    expect(await textOf(page, '.leaflet-control-attribution')).toContain('Tasselli di prova');
    expect(await page.getByTestId('map-no-basemap').count()).toBe(0);

    // City scale: 203 cameras in clusters whose counts add up.
    await page.locator('[data-map-cluster]').first().waitFor();
    const counts = await page.evaluate<number[]>(
      `[...document.querySelectorAll('[data-map-cluster]')].map((e) => Number(e.dataset.mapCluster))`,
    );
    const singles = await page.locator('[data-map-camera]').count();
    expect(counts.reduce((a, b) => a + b, 0) + singles).toBe(EXTRA_CAMERAS + 3);
    expect(counts.length).toBeLessThan(10);
    await within(10_000, 'every visible tile loaded', async () =>
      page.evaluate<boolean>(
        `[...document.querySelectorAll('.map-basemap img[data-tile]')].every((i) => i.classList.contains('leaflet-tile-loaded'))`,
      ),
    );
    await page.waitForTimeout(400); // Leaflet's tile fade-in
    await screenshot(page, 'map-clusters-1366');

    // Clicking the big cluster zooms in: more, smaller groups and single cameras.
    await page.locator('[data-map-cluster]').first().click();
    await within(10_000, 'zoomed into the cluster', async () => {
      return Number(await page.locator('.camera-map').getAttribute('data-zoom')) > 10;
    });
    // The overlay is placed by its corners once the map is near.
    await within(5_000, 'overlay placed', async () =>
      /matrix\(/.test(
        (await page.locator('img[data-overlay="Piazza Verdi"]').getAttribute('style')) ?? '',
      ),
    );

    // Zoom onto the demo's first camera: a status marker, live once the simulator streams.
    const cam = page.locator('[data-map-camera="cam-001"]');
    await within(60_000, 'cam-001 shown live', async () => {
      if ((await cam.count()) === 0) {
        await page.locator('.leaflet-control-zoom-in').click();
        return false;
      }
      return (await cam.getAttribute('data-state')) === 'live';
    });
    await screenshot(page, 'map-markers-1366');
    // The legend explains every state.
    expect(await page.locator('.map-legend li').count()).toBe(10);
    // cam-001's field of view, from the register.
    expect(await page.locator('[data-map-fov="cam-001"]').count()).toBe(1);
    expect(await cam.getAttribute('aria-label')).toContain('In diretta');

    // A marker drags as the wall's camera list does (its drag type and plain text).
    const dragged = await page.evaluate<string[]>(`(() => {
      const dt = new DataTransfer();
      const el = document.querySelector('[data-map-camera="cam-001"]');
      el.dispatchEvent(new DragEvent('dragstart', { dataTransfer: dt, bubbles: true }));
      return [dt.getData('application/x-vedetta-camera'), dt.getData('text/plain')];
    })()`);
    expect(dragged).toEqual(['cam-001', 'cam-001']);

    // The popup: state, Live (the wall) and Riproduci (recordings 30 s ago).
    await cam.click();
    const popup = page.locator('[data-map-popup="cam-001"]');
    await popup.waitFor();
    expect(await popup.getByTestId('map-popup-state').textContent()).toBe('In diretta');
    expect(await popup.getByTestId('map-popup-live').getAttribute('href')).toBe('#/wall/cam-001');
    const replay = await popup.getByTestId('map-popup-replay').getAttribute('href');
    const at = /^#\/recordings\/cam-001%40(.+)$/.exec(replay ?? '')?.[1];
    const atMs = Date.parse(decodeURIComponent(at ?? ''));
    expect(Math.abs(Date.now() - 30_000 - atMs)).toBeLessThan(120_000);
    expect(await popup.locator('[draggable="true"]').count()).toBe(1);
    await screenshot(page, 'map-popup-1366');

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(300);
    await screenshot(page, 'map-popup-1920');
    await popup.getByTestId('map-popup-replay').click();
    await within(10_000, 'recordings page', () =>
      Promise.resolve(page.url().includes('#/recordings/')),
    );
    await context.close();
  });

  it('says plainly that it ships no map data when none is configured', async () => {
    if (browser === undefined || plain === undefined) throw new Error('not started');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await signIn(page, plain.url, plain.username, plain.password);
    await page.getByRole('link', { name: 'Mappa' }).click();
    await page.getByTestId('map-no-basemap').waitFor();
    expect(await page.getByTestId('map-no-basemap').textContent()).toContain(
      'Vedetta non include dati cartografici',
    );
    await page.locator('[data-map-camera="cam-001"]').waitFor();
    expect(await page.locator('.map-basemap').count()).toBe(0);
    await screenshot(page, 'map-plain-1920');
    await context.close();
  });

  it('draws an XYZ basemap from a tile server on the network (allowed by the CSP)', async () => {
    if (browser === undefined || xyz === undefined) throw new Error('not started');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await signIn(page, xyz.url, xyz.username, xyz.password);
    await page.getByRole('link', { name: 'Mappa' }).click();
    await within(20_000, 'XYZ tiles drawn', async () =>
      page.evaluate<boolean>(
        `document.querySelectorAll('.map-basemap img.leaflet-tile-loaded').length >= 4`,
      ),
    );
    expect(tileRequests.some((u) => u.startsWith('/tiles/4/'))).toBe(true);
    expect(await textOf(page, '.leaflet-control-attribution')).toContain('Servizio XYZ di prova');
    await context.close();
  });
});
