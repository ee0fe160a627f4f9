/**
 * The `map` section's rules: every mistake names its key, in the file's shape (zod) and in the
 * files it names (checked when the map service starts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigText } from '../../src/app/config.ts';
import { createMapService } from '../../src/map/index.ts';
import { buildPmtiles, colouredPyramid, solidPng } from '../support/pmtiles.ts';

function problem(yaml: string): string {
  try {
    parseConfigText(`storage: { path: /s }\n${yaml}`, 'test.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

function serviceProblem(map: Record<string, unknown>): string {
  const config = parseConfig({ storage: { path: '/s' }, map });
  try {
    createMapService({
      config: config.map,
      cameras: { list: () => Promise.resolve([]) },
      liveStates: () => new Map(),
      recordingNow: () => false,
      maskedCameras: () => Promise.resolve(new Set()),
      fieldsOfView: () => Promise.resolve(new Map()),
      ptzCameras: () => Promise.resolve(new Set()),
    });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('map configuration', () => {
  it('defaults to no basemap, no centre, no overlays', () => {
    const config = parseConfigText('storage: { path: /s }\n');
    expect(config.map).toEqual({ basemap: null, center: null, overlays: [] });
  });

  it('names the bad key in the file', () => {
    expect(problem('map: { basemap: { kind: xyz, url: "http://tiles.lan/a.png" } }')).toMatch(
      /map\.basemap\.url: must contain \{z\}, \{x\} and \{y\}/,
    );
    expect(problem('map: { basemap: { kind: pmtiles, file: citta.pmtiles } }')).toMatch(
      /map\.basemap\.file: must be an absolute path/,
    );
    expect(problem('map: { basemap: { kind: wms, url: "http://wms.lan/" } }')).toMatch(
      /map\.basemap\.layers/,
    );
    expect(problem('map: { basemap: { kind: mbtiles, file: /x } }')).toMatch(/map\.basemap/);
    expect(
      problem(
        'map: { overlays: [ { name: P, image: /p.png, points: [ { pixel: [0, 0], lat: 44, lon: 9 } ] } ] }',
      ),
    ).toMatch(/map\.overlays.*points/);
    expect(problem('map: { center: { lat: 44, lon: 9 } }')).toMatch(/map\.center\.zoom/);
  });

  it('names the bad file when the map starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vedetta-map-config-'));
    const notPmtiles = join(dir, 'x.pmtiles');
    writeFileSync(notPmtiles, 'hello, not a map');
    const good = join(dir, 'ok.pmtiles');
    writeFileSync(good, buildPmtiles(colouredPyramid(0, 0, 8)));
    const notImage = join(dir, 'plan.png');
    writeFileSync(notImage, 'not an image');
    const plan = join(dir, 'real.png');
    writeFileSync(plan, solidPng([1, 2, 3], 10));

    expect(
      serviceProblem({ basemap: { kind: 'pmtiles', file: join(dir, 'none.pmtiles') } }),
    ).toMatch(/^configuration: map\.basemap\.file: cannot read file/);
    expect(serviceProblem({ basemap: { kind: 'pmtiles', file: notPmtiles } })).toBe(
      'configuration: map.basemap.file: is not a PMTiles version 3 archive',
    );
    const points = [
      { pixel: [0, 0], lat: 44.1, lon: 9.8 },
      { pixel: [10, 10], lat: 44.2, lon: 9.9 },
    ];
    expect(
      serviceProblem({
        basemap: { kind: 'pmtiles', file: good },
        overlays: [{ name: 'P', image: notImage, points }],
      }),
    ).toBe('configuration: map.overlays[0].image: is not a PNG or JPEG image');
    expect(
      serviceProblem({
        overlays: [
          { name: 'P', image: plan, points: [...points, { pixel: [5, 5], lat: 44, lon: 9 }] },
        ],
      }),
    ).toBe('configuration: map.overlays[0].points: the three points must not be on one line');
  });
});
