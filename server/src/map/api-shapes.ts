/** The JSON shapes of the map API (`GET /api/map`, `GET /api/map/cameras`). */
import { z } from '@hono/zod-openapi';

const latLon = z.object({ lat: z.number(), lon: z.number() });
const common = { attribution: z.string(), maxZoom: z.number() };

/** `GET /api/map`. */
export const mapSettingsSchema = z
  .object({
    basemap: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({
        kind: z.literal('pmtiles'),
        url: z.string().openapi({ description: 'This server’s range route of the archive' }),
        ...common,
      }),
      z.object({ kind: z.literal('xyz'), url: z.string(), ...common }),
      z.object({
        kind: z.literal('wms'),
        url: z.string(),
        layers: z.string(),
        format: z.string(),
        version: z.string(),
        transparent: z.boolean(),
        ...common,
      }),
    ]),
    center: z.object({ lat: z.number(), lon: z.number(), zoom: z.number() }).nullable(),
    overlays: z.array(
      z.object({
        name: z.string(),
        url: z.string(),
        opacity: z.number(),
        corners: z.object({
          topLeft: latLon,
          topRight: latLon,
          bottomLeft: latLon,
          bottomRight: latLon,
        }),
      }),
    ),
  })
  .openapi('MapSettings');

/** `GET /api/map/cameras`. */
export const mapCamerasSchema = z
  .object({
    cameras: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        lat: z.number(),
        lon: z.number(),
        address: z.string(),
        state: z.enum(['live', 'connecting', 'offline', 'disabled', 'unknown']),
        recording: z.boolean().nullable(),
        masked: z.boolean(),
        ptz: z.boolean().openapi({ description: 'The camera can pan, tilt and zoom' }),
        fieldOfView: z
          .object({ directionDeg: z.number(), angleDeg: z.number(), rangeM: z.number() })
          .nullable()
          .openapi({ description: "The register's field of view; null when not stated" }),
      }),
    ),
  })
  .openapi('MapCameras');
