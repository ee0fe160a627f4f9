/**
 * ONVIF onboarding routes (`camera.manage`, audited): `POST /api/onvif/discovery` probes the
 * camera network with WS-Discovery (`onvif.discovery.targets`) and lists the devices found,
 * with their identity (from the scopes, and from GetDeviceInformation where default credentials
 * are configured) and whether a registered camera already has that address;
 * `POST /api/onvif/probe` reads one device with credentials: identity, profiles, main and sub
 * stream URIs, snapshot URI, PTZ and events, and its clock against the server's. A device that
 * does not answer is an answer (`ok: false` with the reason), not a failed request.
 *
 * Composition level because it joins the ONVIF client (below every module) with the camera
 * registry (credentials references, registered addresses) and audit.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { invalidArgument, type Clock, type Config, type Logger } from '../app/index.ts';
import type { AuditService } from '../audit/index.ts';
import { secretRefSchema, type CameraRegistry } from '../cameras/index.ts';
import {
  clientAddress,
  currentPrincipal,
  errorResponses,
  jsonBody,
  jsonResponse,
  type AppEnv,
  type RouteKit,
} from '../http/index.ts';
import {
  createOnvifClient,
  deviceUrlOf,
  discoverDevices,
  OnvifError,
  probeDevice,
  type DiscoveredDevice,
  type OnvifCredentials,
} from '../onvif/index.ts';
import { authorize } from '../permissions/index.ts';
import { discoveredSchema, probeResultSchema, type ProbeResult } from './onvif-shapes.ts';

const discoveryBodySchema = z
  .strictObject({
    durationMs: z
      .number()
      .int()
      .min(100, 'must be at least 100')
      .max(30_000, 'must be at most 30000')
      .optional()
      .openapi({
        description: 'How long answers are collected; onvif.discovery.durationMs by default.',
      }),
  })
  .openapi('OnvifDiscoveryInput');

const probeBodySchema = z
  .strictObject({
    address: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(2048)
      .regex(
        /^(https?:\/\/[^\s/@]+(\/\S*)?|[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:]+\](:\d{1,5})?)$/,
        'must be host[:port] or an http(s):// device service URL without credentials',
      )
      .openapi({ example: 'http://10.0.4.17/onvif/device_service' }),
    username: z.string().min(1).max(200).optional(),
    password: z.string().max(200).optional(),
    credentialsRef: secretRefSchema.optional(),
  })
  .openapi('OnvifProbeInput');

const discoveryRoute = createRoute({
  method: 'post',
  path: '/onvif/discovery',
  summary: 'Find ONVIF devices on the camera network (WS-Discovery; audited)',
  tags: ['onvif'],
  request: { body: jsonBody(discoveryBodySchema, 'Optional collection time') },
  responses: {
    200: jsonResponse(
      z.object({
        devices: z.array(discoveredSchema),
        failedTargets: z
          .array(z.object({ target: z.string(), message: z.string() }))
          .openapi({ description: 'Targets the Probe could not be sent to, and why' }),
      }),
      'The devices found',
    ),
    ...errorResponses(400, 401, 403),
  },
});

const probeRoute = createRoute({
  method: 'post',
  path: '/onvif/probe',
  summary: 'Read one ONVIF device: identity, profiles, stream URIs, clock (audited)',
  tags: ['onvif'],
  request: { body: jsonBody(probeBodySchema, 'The device and its credentials') },
  responses: {
    200: jsonResponse(probeResultSchema, 'What the probe found; ok false names the cause'),
    ...errorResponses(400, 401, 403),
  },
});

/** What the routes are built from. */
export interface OnvifRoutesDeps extends RouteKit {
  audit: AuditService;
  cameras: CameraRegistry;
  clock: Clock;
  logger: Logger;
  onvif: Config['onvif'];
}

/** Devices identified with the default credentials at the same time. */
const IDENTIFY_CONCURRENCY = 8;

/** `fn` over `items`, at most `limit` at a time, results in order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A URL compared loosely: lower-case scheme and host, default port and trailing slash dropped. */
export function sameDeviceUrl(a: string, b: string): boolean {
  const norm = (s: string): string => {
    try {
      const u = new URL(deviceUrlOf(s));
      return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`.toLowerCase();
    } catch {
      return s.toLowerCase();
    }
  };
  return norm(a) === norm(b);
}

/** The ONVIF routes. */
export function onvifRoutes(ctx: OnvifRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const logger = ctx.logger.child({ module: 'onvif' });
  const timeoutMs = ctx.onvif.requestTimeoutMs;

  const audited = (c: Context<AppEnv>, action: string, details: Record<string, unknown>) =>
    ctx.audit.record({
      action,
      outcome: 'granted',
      principal: currentPrincipal(c),
      sourceAddress: clientAddress(c, ctx.http.trustProxy),
      resource: null,
      cameraId: null,
      details,
    });

  async function identify(d: DiscoveredDevice, credentials: OnvifCredentials | undefined) {
    const address = d.xaddrs[0] ?? null;
    const base = {
      endpoint: d.endpoint,
      address,
      name: d.name,
      manufacturer: d.manufacturer,
      model: d.hardware,
      firmware: null as string | null,
      serial: null as string | null,
      location: d.location,
      identified: false,
    };
    if (address === null || credentials === undefined) return base;
    try {
      const client = createOnvifClient({
        deviceUrl: address,
        credentials,
        clock: ctx.clock,
        timeoutMs,
      });
      await client.getSystemDateAndTime();
      const info = await client.getDeviceInformation();
      return {
        ...base,
        manufacturer: info.manufacturer,
        model: info.model,
        firmware: info.firmwareVersion,
        serial: info.serialNumber,
        identified: true,
      };
    } catch (e) {
      logger.debug({ err: e, address }, 'onvif discovery: device not identified');
      return base;
    }
  }

  app.openapi(discoveryRoute, async (c) => {
    authorize(currentPrincipal(c), 'camera.manage');
    const body = c.req.valid('json');
    const settings = ctx.onvif.discovery;
    const ref = settings.defaultCredentialsRef;
    const credentials = ref === null ? undefined : ctx.cameras.credentialsOf(ref);
    const found = await discoverDevices({
      targets: settings.targets,
      durationMs: body.durationMs ?? settings.durationMs,
      clock: ctx.clock,
    });
    const registered = (await ctx.cameras.list()).filter((cam) => cam.onvif !== null);
    const devices = await mapLimited(found.devices, IDENTIFY_CONCURRENCY, async (d) => {
      const identified = await identify(d, credentials);
      const camera = registered.find((cam) =>
        d.xaddrs.some((x) => cam.onvif !== null && sameDeviceUrl(cam.onvif.address, x)),
      );
      return { ...identified, registered: camera !== undefined, cameraId: camera?.id ?? null };
    });
    devices.sort((a, b) => (a.address ?? '').localeCompare(b.address ?? ''));
    await audited(c, 'camera.onvif_discovery', {
      discovery: {
        found: devices.length,
        malformed: found.malformed,
        failedTargets: found.failedTargets.map((f) => f.target),
      },
    });
    return c.json({ devices, failedTargets: found.failedTargets }, 200);
  });

  app.openapi(probeRoute, async (c) => {
    authorize(currentPrincipal(c), 'camera.manage');
    const body = c.req.valid('json');
    if (body.credentialsRef !== undefined && body.username !== undefined) {
      throw invalidArgument('credentialsRef: give either credentialsRef or username and password', {
        issues: [
          {
            path: 'credentialsRef',
            message: 'give either credentialsRef or username and password',
          },
        ],
      });
    }
    const credentials: OnvifCredentials | undefined =
      body.credentialsRef !== undefined
        ? ctx.cameras.credentialsOf(body.credentialsRef)
        : body.username !== undefined
          ? { username: body.username, password: body.password ?? '' }
          : undefined;
    const deviceUrl = deviceUrlOf(body.address);
    let result: ProbeResult;
    try {
      const p = await probeDevice({ address: deviceUrl, credentials, clock: ctx.clock, timeoutMs });
      result = {
        ok: true,
        deviceUrl,
        device: p.device,
        mediaService: p.mediaService,
        profiles: p.profiles.map((x) => ({ ...x })),
        streams: { main: p.main, sub: p.sub },
        snapshotUri: p.snapshotUri,
        ptz: p.ptz,
        events: p.events,
        clock: {
          deviceMs: p.clock.deviceMs,
          serverMs: p.clock.serverMs,
          driftSeconds: Math.round(p.clock.offsetMs / 1000),
          fromLocalTime: p.clock.fromLocal,
        },
      };
    } catch (e) {
      if (!(e instanceof OnvifError)) throw e;
      result = {
        ok: false,
        deviceUrl,
        reason: e.reason,
        operation: e.operation,
        message: e.message,
      };
    }
    const summary = result.ok
      ? { ok: true, model: result.device?.model, profiles: result.profiles?.length }
      : { ok: false, reason: result.reason, operation: result.operation };
    await audited(c, 'camera.onvif_probe', {
      probe: {
        host: new URL(deviceUrl).host,
        credentialsRef: body.credentialsRef ?? null,
        ...summary,
      },
    });
    return c.json(result, 200);
  });
  return app;
}
