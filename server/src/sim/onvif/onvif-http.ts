/**
 * The HTTP side of the simulated ONVIF devices: one server, a path per camera
 * (`/onvif/<id>/<service>[/pullpoint/<n>]`, `/onvif/<id>/snapshot.jpg`). A SOAP request is parsed,
 * delayed or failed by the camera's faults, authenticated (UsernameToken, or HTTP Digest/Basic),
 * and handed to the service's handler; answers and faults are SOAP 1.2.
 */
import http from 'node:http';
import type { Clock, Logger } from '../../app/index.ts';
import { RtspAuthenticator } from '../rtsp-auth.ts';
import type { OnvifCamera } from './onvif-camera.ts';
import { SoapFault, envelope, faultEnvelope, faults } from './soap.ts';
import type { ServiceHandlers, ServiceName } from './service.ts';
import type { OnvifCredentials } from './wsse.ts';
import { checkUsernameToken } from './wsse.ts';
import type { XmlElement } from './xml.ts';
import { child, parseXml } from './xml.ts';

/** Operations answered without credentials (as many devices do, so clients can sync first). */
export const OPEN_OPERATIONS: ReadonlySet<string> = new Set([
  'GetSystemDateAndTime',
  'GetCapabilities',
  'GetServices',
  'GetServiceCapabilities',
  'GetWsdlUrl',
]);

const MAX_BODY = 1 << 20;
const SOAP_TYPE = 'application/soap+xml; charset=utf-8';

/** What the HTTP server needs. */
export interface OnvifHttpOptions {
  cameras: ReadonlyMap<string, OnvifCamera>;
  services: Readonly<Partial<Record<ServiceName, ServiceHandlers>>>;
  credentials: OnvifCredentials | undefined;
  /** Answer a request without any credentials with HTTP 401 and a Digest challenge. */
  challengeHttpDigest: boolean;
  /** The JPEG still of a camera. */
  snapshot(cam: OnvifCamera): Promise<Buffer>;
  clock: Clock;
  logger: Logger;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (b: Buffer) => {
      size += b.length;
      if (size > MAX_BODY) req.destroy(new Error('request too large'));
      else chunks.push(b);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(clock: Clock, ms: number, closing: AbortSignal): Promise<void> {
  if (ms <= 0 || closing.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      t.cancel();
      closing.removeEventListener('abort', done);
      resolve();
    };
    const t = clock.setTimeout(done, ms);
    closing.addEventListener('abort', done);
  });
}

/** Creates the server (not listening yet) and an abort controller that `close` fires. */
export function createOnvifHttpServer(opts: OnvifHttpOptions): {
  server: http.Server;
  closing: AbortController;
} {
  const closing = new AbortController();
  const creds = opts.credentials;
  const digest =
    creds === undefined
      ? undefined
      : new RtspAuthenticator({ ...creds, scheme: 'digest' }, opts.clock);
  const basic =
    creds === undefined
      ? undefined
      : new RtspAuthenticator({ ...creds, scheme: 'basic' }, opts.clock);
  const httpAuthOk = (req: http.IncomingMessage): boolean => {
    const h = req.headers.authorization;
    if (h === undefined || digest === undefined || basic === undefined) return false;
    const auth = /^basic /i.test(h) ? basic : digest;
    return auth.check(req.method ?? 'GET', h) === 'ok';
  };

  const handleSoap = async (
    req: http.IncomingMessage,
    cam: OnvifCamera,
    service: ServiceName,
    rest: string,
  ): Promise<{ status: number; body: string; challenge?: string }> => {
    const text = await readBody(req);
    let root: XmlElement;
    try {
      root = parseXml(text);
    } catch {
      throw new SoapFault('Sender', 'ter:WellFormed', 'The request is not well-formed XML');
    }
    const header = child(root, 'Header');
    const op = child(root, 'Body')?.children[0];
    if (root.name !== 'Envelope' || op === undefined) {
      throw new SoapFault('Sender', 'ter:WellFormed', 'No SOAP envelope or no operation');
    }
    await delay(opts.clock, cam.slowMs, closing.signal);
    if (creds !== undefined && !OPEN_OPERATIONS.has(op.name) && !httpAuthOk(req)) {
      const hasToken = child(header, 'Security') !== undefined;
      if (!hasToken && req.headers.authorization === undefined && opts.challengeHttpDigest) {
        return {
          status: 401,
          body: faultEnvelope(faults.notAuthorized('no credentials')),
          challenge: digest?.challenge(),
        };
      }
      const why = checkUsernameToken(header, creds, cam.nowMs(opts.clock.nowMs()));
      if (why !== undefined) {
        opts.logger.debug(
          { camera: cam.id, operation: op.name, why },
          'ONVIF request not authorized',
        );
        throw faults.notAuthorized(why);
      }
    }
    if (cam.takeFault(op.name)) {
      throw new SoapFault(
        'Receiver',
        'ter:Action',
        `Simulated fault in ${op.name}`,
        'ter:SimulatedFault',
      );
    }
    const handler = opts.services[service]?.[op.name];
    if (handler === undefined) throw faults.actionNotSupported(op.name);
    const host = req.headers.host ?? 'localhost';
    const base = `http://${host}/onvif/${encodeURIComponent(cam.id)}`;
    const body = await handler({
      op,
      header,
      cam,
      base,
      rest,
      clock: opts.clock,
      closing: closing.signal,
    });
    return { status: 200, body: envelope(body) };
  };

  const handleSnapshot = async (
    req: http.IncomingMessage,
    cam: OnvifCamera,
  ): Promise<{ status: number; type: string; body: Buffer | string; challenge?: string }> => {
    if (creds !== undefined && !httpAuthOk(req)) {
      return {
        status: 401,
        type: 'text/plain',
        body: 'unauthorized\n',
        challenge: digest?.challenge(),
      };
    }
    await delay(opts.clock, cam.slowMs, closing.signal);
    return { status: 200, type: 'image/jpeg', body: await opts.snapshot(cam) };
  };

  const server = http.createServer((req, res) => {
    const send = (
      status: number,
      type: string,
      body: Buffer | string,
      challenge?: string,
    ): void => {
      // Exact header case and an explicit length: some clients (libonvif) parse the raw answer.
      const headers: http.OutgoingHttpHeaders = {
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(body),
      };
      if (challenge !== undefined) headers['WWW-Authenticate'] = challenge;
      res.writeHead(status, headers);
      res.end(body);
    };
    const sendFault = (f: SoapFault): void => send(f.httpStatus, SOAP_TYPE, faultEnvelope(f));
    const url = new URL(req.url ?? '/', 'http://sim');
    const m = /^\/onvif\/([^/]+)\/([a-z0-9_.]+)(?:\/(.*))?$/.exec(url.pathname);
    const cam = m === null ? undefined : opts.cameras.get(decodeURIComponent(m[1] ?? ''));
    const target = m?.[2] ?? '';
    if (cam === undefined) {
      req.resume();
      send(404, 'text/plain', 'not found\n');
      return;
    }
    const fail = (err: unknown): void => {
      if (err instanceof SoapFault) return sendFault(err);
      opts.logger.error({ err, camera: cam.id }, 'simulated ONVIF request failed');
      sendFault(new SoapFault('Receiver', 'ter:Action', 'Internal error'));
    };
    if (target === 'snapshot.jpg' && req.method === 'GET') {
      req.resume();
      handleSnapshot(req, cam).then((r) => send(r.status, r.type, r.body, r.challenge), fail);
      return;
    }
    const service = target as ServiceName;
    if (req.method !== 'POST' || opts.services[service] === undefined) {
      req.resume();
      send(req.method === 'POST' ? 404 : 405, 'text/plain', 'not found\n');
      return;
    }
    handleSoap(req, cam, service, m?.[3] ?? '').then(
      (r) => send(r.status, SOAP_TYPE, r.body, r.challenge),
      fail,
    );
  });
  return { server, closing };
}
