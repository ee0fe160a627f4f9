/**
 * One SOAP exchange over HTTP: POST the envelope (`application/soap+xml`, SOAP 1.2), read at
 * most `maxResponseBytes`, give up after `timeoutMs` on the injected clock, and answer one HTTP
 * Digest challenge (a 401 with `WWW-Authenticate: Digest`) by sending again with the
 * credentials. Answers with a SOAP fault (devices use 400 and 500 for those) are returned as
 * text for the caller to read; other HTTP errors become `OnvifError`s.
 */
import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../app/index.ts';
import { OnvifError } from './errors.ts';
import { digestAuthorization, parseDigestChallenges } from './http-digest.ts';

/** Limits of one exchange. */
export interface ExchangeLimits {
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** A user name and password. */
export interface OnvifCredentials {
  readonly username: string;
  readonly password: string;
}

interface RawAnswer {
  status: number;
  authenticate: string[];
  contentType: string;
  body: string;
}

function send(
  url: URL,
  envelope: string,
  action: string,
  authorization: string | undefined,
  operation: string,
  limits: ExchangeLimits,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = {
      'content-type': `application/soap+xml; charset=utf-8; action="${action}"`,
      'content-length': String(Buffer.byteLength(envelope)),
    };
    if (authorization !== undefined) headers.authorization = authorization;
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      timer.cancel();
      f();
    };
    const req = lib.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxResponseBytes) {
          finish(() =>
            reject(
              new OnvifError(
                'too_large',
                operation,
                `the answer is larger than ${limits.maxResponseBytes} bytes`,
              ),
            ),
          );
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish(() => {
          const authenticate: string[] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            if (res.rawHeaders[i]?.toLowerCase() === 'www-authenticate') {
              authenticate.push(res.rawHeaders[i + 1] ?? '');
            }
          }
          resolve({
            status: res.statusCode ?? 0,
            authenticate,
            contentType: res.headers['content-type'] ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
          });
        }),
      );
      res.on('error', (e) =>
        finish(() => reject(new OnvifError('unreachable', operation, e.message, { cause: e }))),
      );
    });
    const timer = limits.clock.setTimeout(() => {
      finish(() =>
        reject(new OnvifError('timeout', operation, `no answer within ${limits.timeoutMs} ms`)),
      );
      req.destroy();
    }, limits.timeoutMs);
    req.on('error', (e) =>
      finish(() =>
        reject(new OnvifError('unreachable', operation, `${url.host}: ${e.message}`, { cause: e })),
      ),
    );
    req.end(envelope);
  });
}

const looksLikeSoap = (a: RawAnswer): boolean =>
  /xml/i.test(a.contentType) || a.body.trimStart().startsWith('<');

/**
 * Posts `envelope` to `url`; the answer's text (a response or a SOAP fault). A 401 with a Digest
 * challenge is answered once when `credentials` are given.
 */
export async function postSoap(
  url: string,
  envelope: string,
  options: {
    action: string;
    operation: string;
    credentials?: OnvifCredentials | undefined;
    limits: ExchangeLimits;
  },
): Promise<string> {
  const { operation, limits, credentials } = options;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new OnvifError('protocol', operation, `not a URL: ${url}`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new OnvifError('protocol', operation, `not an http(s) address: ${url}`);
  }
  let answer = await send(target, envelope, options.action, undefined, operation, limits);
  if (answer.status === 401) {
    const [challenge] = parseDigestChallenges(answer.authenticate);
    if (challenge === undefined || credentials === undefined) {
      throw new OnvifError(
        'authentication',
        operation,
        credentials === undefined
          ? 'the device asks for HTTP authentication and no credentials were given'
          : 'the device asks for HTTP authentication other than Digest',
      );
    }
    const authorization = digestAuthorization(challenge, {
      method: 'POST',
      uri: `${target.pathname}${target.search}`,
      ...credentials,
    });
    answer = await send(target, envelope, options.action, authorization, operation, limits);
    if (answer.status === 401 && !looksLikeSoap(answer)) {
      throw new OnvifError('authentication', operation, 'HTTP Digest credentials refused (401)');
    }
  }
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  if (answer.status >= 400 && answer.status < 600 && looksLikeSoap(answer)) return answer.body;
  if (answer.status === 401 || answer.status === 403) {
    throw new OnvifError('authentication', operation, `HTTP ${answer.status}`);
  }
  throw new OnvifError('protocol', operation, `HTTP ${answer.status} without a SOAP answer`);
}
