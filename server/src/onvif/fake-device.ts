/**
 * Test support: a small ONVIF device on 127.0.0.1 answering from the recorded fixtures, with the
 * quirks the client must handle: a clock `clockOffsetMs` off (GetSystemDateAndTime reports it and
 * the UsernameToken's Created must be within ±5 min of it), WS-Security digest checked
 * independently of the client's code, optional HTTP Digest in front (MD5 or SHA-256), NotAuthorized
 * as a SOAP 1.2 fault with HTTP 400. `hang` never answers; `padBytes` pads answers.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture } from './fixtures.ts';

/** How the fake device behaves. */
export interface FakeDeviceOptions {
  username: string;
  password: string;
  clockOffsetMs: number;
  /** Ask for HTTP Digest with this algorithm before any SOAP. */
  httpDigest?: 'MD5' | 'SHA-256';
  hang?: boolean;
  padBytes?: number;
}

/** A running fake device. */
export interface FakeDevice {
  readonly deviceUrl: string;
  /** Operations answered, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

const dateTime = (ms: number): string => {
  const d = new Date(ms);
  return (
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute>` +
    `<tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time><tt:Date><tt:Year>${d.getUTCFullYear()}` +
    `</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`
  );
};

const md = (alg: string, s: string): string =>
  createHash(alg === 'SHA-256' ? 'sha256' : 'md5')
    .update(s)
    .digest('hex');

function tokenValid(body: string, o: FakeDeviceOptions): boolean {
  const user = /<[\w-]*:?Username>([^<]*)</.exec(body)?.[1];
  const digest = /<[\w-]*:?Password[^>]*>([^<]*)</.exec(body)?.[1];
  const nonce = /<[\w-]*:?Nonce[^>]*>([^<]*)</.exec(body)?.[1];
  const created = /<[\w-]*:?Created>([^<]*)</.exec(body)?.[1];
  if (user === undefined || digest === undefined || nonce === undefined || created === undefined) {
    return false;
  }
  const expected = createHash('sha1')
    .update(Buffer.from(nonce, 'base64'))
    .update(created + o.password)
    .digest('base64');
  const deviceNow = Date.now() + o.clockOffsetMs;
  return (
    user === o.username &&
    digest === expected &&
    Math.abs(Date.parse(created) - deviceNow) <= 300_000
  );
}

function httpDigestValid(header: string | undefined, o: FakeDeviceOptions, nonce: string): boolean {
  if (header === undefined || o.httpDigest === undefined) return false;
  const f = (k: string): string => new RegExp(`${k}="?([^",]*)"?`).exec(header)?.[1] ?? '';
  const ha1 = md(o.httpDigest, `${o.username}:onvif:${o.password}`);
  const ha2 = md(o.httpDigest, `POST:${f('uri')}`);
  const expected = md(o.httpDigest, `${ha1}:${nonce}:${f('nc')}:${f('cnonce')}:auth:${ha2}`);
  return (
    f('username') === o.username && f('response') === expected && f('algorithm') === o.httpDigest
  );
}

const NOT_AUTHORIZED = fixture('fault.soap12.not-authorized.xml');

/** Starts the fake device. */
export async function startFakeDevice(o: FakeDeviceOptions): Promise<FakeDevice> {
  const calls: string[] = [];
  const nonce = 'bm9uY2UtMTIz';
  let base = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (o.hang === true) return;
      const body = Buffer.concat(chunks).toString('utf8');
      if (o.httpDigest !== undefined && !httpDigestValid(req.headers.authorization, o, nonce)) {
        res.writeHead(401, {
          'www-authenticate': `Digest realm="onvif", qop="auth", nonce="${nonce}", algorithm=${o.httpDigest}`,
        });
        res.end('unauthorized');
        return;
      }
      const op = /<s:Body><\w+:(\w+)/.exec(body)?.[1] ?? '';
      calls.push(op);
      const answer = (status: number, xml: string): void => {
        res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' });
        res.end(xml + (o.padBytes === undefined ? '' : `<!--${'x'.repeat(o.padBytes)}-->`));
      };
      if (op === 'GetSystemDateAndTime') {
        const xml = fixture('get-system-date-and-time.env.xml').replace(
          /<tt:UTCDateTime>[\s\S]*<\/tt:UTCDateTime>/,
          `<tt:UTCDateTime>${dateTime(Date.now() + o.clockOffsetMs)}</tt:UTCDateTime>`,
        );
        answer(200, xml);
        return;
      }
      if (!tokenValid(body, o)) {
        answer(400, NOT_AUTHORIZED);
        return;
      }
      const isMedia2 = req.url?.endsWith('media2_service') === true;
      const files: Record<string, string> = {
        GetDeviceInformation: 'get-device-information.soap-env.xml',
        GetServices: 'get-services.env.xml',
        GetProfiles: isMedia2 ? 'get-profiles.media2.tt.xml' : 'get-profiles.media1.onvif.xml',
        GetStreamUri: isMedia2 ? 'get-stream-uri.media2.xml' : 'get-stream-uri.media1.xml',
        GetSnapshotUri: 'get-snapshot-uri.media1.xml',
      };
      const file = files[op];
      if (file === undefined) {
        answer(400, fixture('fault.soap11.xml'));
        return;
      }
      let xml = fixture(file).replaceAll('http://10.0.4.18:8000/onvif', base);
      if (op === 'GetStreamUri' && isMedia2) {
        const token = /ProfileToken>([^<]*)</.exec(body)?.[1] ?? '';
        xml = xml.replace('/main<', `/${token}<`);
      }
      answer(200, xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/onvif`;
  return {
    deviceUrl: `${base}/device_service`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
