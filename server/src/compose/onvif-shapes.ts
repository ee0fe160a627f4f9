/**
 * The JSON shapes of the ONVIF onboarding routes (`onvif-routes.ts`): a device found by
 * discovery, and what probing one device found.
 */
import { z } from '@hono/zod-openapi';
import { ONVIF_FAILURES } from '../onvif/index.ts';

/** A device that answered the discovery Probe. */
export const discoveredSchema = z
  .object({
    endpoint: z.string().openapi({ description: 'WS-Discovery EndpointReference (urn:uuid:...)' }),
    address: z.string().nullable().openapi({ description: 'The device service URL (first XAddr)' }),
    name: z.string().nullable(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    firmware: z.string().nullable(),
    serial: z.string().nullable(),
    location: z.string().nullable(),
    identified: z.boolean().openapi({
      description: 'True when the default credentials read GetDeviceInformation',
    }),
    registered: z.boolean().openapi({ description: 'A registered camera has this address' }),
    cameraId: z.string().nullable(),
  })
  .openapi('OnvifDiscoveredDevice');

const profileSchema = z.object({
  token: z.string(),
  name: z.string(),
  codec: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  fps: z.number().nullable(),
  streamUri: z.string().nullable(),
});

const streamSchema = z.object({ token: z.string(), uri: z.string() }).nullable();

/** What probing one device found; `ok: false` names the cause. */
export const probeResultSchema = z
  .object({
    ok: z.boolean(),
    deviceUrl: z.string(),
    device: z
      .object({
        manufacturer: z.string(),
        model: z.string(),
        firmwareVersion: z.string(),
        serialNumber: z.string(),
        hardwareId: z.string(),
      })
      .optional(),
    mediaService: z.enum(['media', 'media2']).optional(),
    profiles: z.array(profileSchema).optional(),
    streams: z.object({ main: streamSchema, sub: streamSchema }).optional(),
    snapshotUri: z.string().nullable().optional(),
    ptz: z.boolean().optional(),
    events: z.boolean().optional(),
    clock: z
      .object({
        deviceMs: z.number(),
        serverMs: z.number(),
        driftSeconds: z.number().openapi({ description: 'device − server, whole seconds' }),
        fromLocalTime: z.boolean(),
      })
      .optional(),
    reason: z.enum(ONVIF_FAILURES).optional(),
    operation: z.string().optional(),
    message: z.string().optional().openapi({ description: "the client's own words (English)" }),
  })
  .openapi('OnvifProbeResult');

/** A probe's answer. */
export type ProbeResult = z.output<typeof probeResultSchema>;
