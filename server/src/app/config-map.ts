/**
 * The `map` section of the configuration: the operations room's basemap (a PMTiles file on this
 * server, or an XYZ or WMS service on the city's network; never an online service by default),
 * the first view, and image overlays (a plan of a square or a building) pinned by two or three
 * points. Nothing here is required: without a basemap the map draws markers on a plain background.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';

const absoluteFile = z
  .string()
  .refine((p) => isAbsolute(p), { message: 'must be an absolute path' });
const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');
const latitude = z.number().min(-85).max(85);
const longitude = z.number().min(-180).max(180);
const attribution = z.string().max(300).default('');
const maxZoom = z.number().int().min(0).max(24).default(19);

const pmtilesBasemap = z.strictObject({
  kind: z.literal('pmtiles'),
  /** The PMTiles v3 archive (raster PNG/JPEG/WebP tiles) the city extracted for its area. */
  file: absoluteFile,
  attribution,
  maxZoom,
});

const xyzBasemap = z.strictObject({
  kind: z.literal('xyz'),
  /** Tile URL template on the city's network, e.g. `http://tiles.comune.lan/{z}/{x}/{y}.png`. */
  url: httpUrl.regex(/\{z\}.*\{x\}.*\{y\}/, 'must contain {z}, {x} and {y}'),
  attribution,
  maxZoom,
});

const wmsBasemap = z.strictObject({
  kind: z.literal('wms'),
  /** The WMS endpoint, e.g. the Region's orthophotos (`http://wms.regione.lan/ortofoto`). */
  url: httpUrl,
  /** The WMS `LAYERS` parameter, comma-separated. */
  layers: z.string().min(1).max(500),
  format: z.enum(['image/png', 'image/jpeg']).default('image/png'),
  version: z.enum(['1.1.1', '1.3.0']).default('1.3.0'),
  transparent: z.boolean().default(false),
  attribution,
  maxZoom,
});

const overlayPoint = z.strictObject({
  /** A pixel of the image, `[x, y]` from its top-left corner. */
  pixel: z.tuple([z.number().min(0), z.number().min(0)]),
  lat: latitude,
  lon: longitude,
});

const overlaySchema = z.strictObject({
  /** Shown in the map's layer list. */
  name: z.string().min(1).max(100),
  /** The image (PNG or JPEG). */
  image: absoluteFile.regex(/\.(png|jpe?g)$/i, 'must be a .png or .jpg file'),
  /** Two points (scale, rotation, shift) or three (any affine placement) pinning the image. */
  points: z.array(overlayPoint).min(2).max(3),
  opacity: z.number().min(0).max(1).default(0.8),
});

/** The schema of the `map` section. */
export const mapConfigSchema = z.strictObject({
  /** The background; null: a plain background (the demo ships no map data). */
  basemap: z
    .discriminatedUnion('kind', [pmtilesBasemap, xyzBasemap, wmsBasemap])
    .nullable()
    .default(null),
  /** The first view; null: fit every camera. */
  center: z
    .strictObject({ lat: latitude, lon: longitude, zoom: z.number().min(0).max(22) })
    .nullable()
    .default(null),
  overlays: z.array(overlaySchema).max(20).default([]),
});

/** The validated `map` section. */
export type MapConfig = z.output<typeof mapConfigSchema>;
/** One configured basemap. */
export type BasemapConfig = NonNullable<MapConfig['basemap']>;
/** One configured image overlay. */
export type OverlayConfig = MapConfig['overlays'][number];
