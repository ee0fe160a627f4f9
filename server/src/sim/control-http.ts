/**
 * A small HTTP endpoint to drive a running simulator from outside (the demo, a shell, another
 * process): `GET /stats`, and `POST /cameras/{id}/{fault}` with the fault's parameters in the
 * query string, e.g. `POST /cameras/cam-001/stall?seconds=10`. Faults: disconnect
 * (`refuseSeconds`), offline, restore, stall (`seconds`), corrupt (`seconds`, `fraction`),
 * timestamp-jump (`seconds`), resolution-change (`width`, `height`, `sub=1`); with `--onvif`, the
 * ONVIF controls of `onvif/onvif-control.ts` (events, clock offset, ONVIF faults, PTZ position).
 * Answers JSON.
 */
import http from 'node:http';
import { httpStatusOf, invalidArgument, isAppError } from '../app/index.ts';
import type { Logger } from '../app/index.ts';
import type { OnvifDevices } from './onvif/onvif-devices.ts';
import { ONVIF_ACTIONS, applyOnvifControl } from './onvif/onvif-control.ts';
import type { Simulator } from './simulator.ts';

/** A running control endpoint. */
export interface ControlServer {
  readonly port: number;
  close(): Promise<void>;
}

function numberParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) {
    throw invalidArgument(`query parameter '${name}' must be a number, got ${JSON.stringify(v)}`);
  }
  return n;
}

function required(q: URLSearchParams, name: string): number {
  const n = numberParam(q, name);
  if (n === undefined) throw invalidArgument(`query parameter '${name}' is required`);
  return n;
}

/** Applies one fault request; returns what to answer. */
export async function applyFault(
  sim: Simulator,
  cameraId: string,
  fault: string,
  q: URLSearchParams,
): Promise<Record<string, unknown>> {
  const f = sim.faults;
  switch (fault) {
    case 'disconnect':
      return { closed: f.disconnect(cameraId, { refuseSeconds: numberParam(q, 'refuseSeconds') }) };
    case 'offline':
      f.offline(cameraId);
      return {};
    case 'restore':
      f.restore(cameraId);
      return {};
    case 'stall':
      f.stall(cameraId, required(q, 'seconds'));
      return {};
    case 'corrupt':
      f.corrupt(cameraId, required(q, 'seconds'), numberParam(q, 'fraction'));
      return {};
    case 'timestamp-jump':
      f.timestampJump(cameraId, numberParam(q, 'seconds'));
      return {};
    case 'resolution-change': {
      const size = await f.resolutionChange(cameraId, {
        width: numberParam(q, 'width'),
        height: numberParam(q, 'height'),
        sub: q.get('sub') === '1' || q.get('sub') === 'true',
      });
      return { ...size };
    }
    default:
      throw invalidArgument(`unknown fault ${JSON.stringify(fault)}`);
  }
}

async function route(
  sim: Simulator,
  onvif: OnvifDevices | undefined,
  req: http.IncomingMessage,
): Promise<[number, unknown]> {
  const url = new URL(req.url ?? '/', 'http://sim');
  if (req.method === 'GET' && url.pathname === '/stats') return [200, sim.stats()];
  const m = /^\/cameras\/([^/]+)\/([a-z-]+)$/.exec(url.pathname);
  if (m === null) return [404, { error: 'not found' }];
  const [, rawId = '', action = ''] = m;
  const id = decodeURIComponent(rawId);
  if (req.method === 'GET' && action === 'ptz') {
    return [200, applyOnvifControl(onvif, id, action, url.searchParams)];
  }
  if (req.method !== 'POST') return [405, { error: 'use POST' }];
  if (ONVIF_ACTIONS.has(action)) {
    return [200, applyOnvifControl(onvif, id, action, url.searchParams)];
  }
  return [200, await applyFault(sim, id, action, url.searchParams)];
}

/** Starts the control endpoint on `host:port` (port 0 picks a free one). */
export async function startControlServer(
  sim: Simulator,
  opts: { host?: string; port?: number; logger: Logger; onvif?: OnvifDevices },
): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    req.resume();
    route(sim, opts.onvif, req).then(
      ([status, body]) => send(status, body),
      (err: unknown) => {
        if (isAppError(err)) send(httpStatusOf(err.kind), { error: err.message });
        else {
          opts.logger.error({ err }, 'simulator control request failed');
          send(500, { error: 'internal error' });
        }
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
