import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, silentLogger } from '../app/index.ts';
import {
  authorizationFor,
  digestHa1,
  parseAuthChallenges,
  pickChallenge,
  RtspStreamParser,
  writeRequest,
  type RtspResponse,
} from '../media/index.ts';
import { DigestAuthenticator } from './digest-auth.ts';
import { RestreamConnection, type ConnectionContext } from './rtsp-connection.ts';

const PASSWORD = 'a long enough password';
const secret = {
  account: { id: 'a1', name: 'cc-vms', agencyId: 'cc', createdMs: 0, disabledMs: null },
  realm: 'Vedetta',
  ha1: digestHa1('MD5', 'cc-vms', 'Vedetta', PASSWORD),
};

/** A server of bare connections on a fake clock, and a client that reads its answers. */
async function setup(clock: FakeClock) {
  const ctx: ConnectionContext = {
    clock,
    logger: silentLogger(),
    authenticator: new DigestAuthenticator('Vedetta', clock, (name) =>
      Promise.resolve(name === 'cc-vms' ? secret : undefined),
    ),
    audit: {
      started: () => undefined,
      stopped: () => undefined,
      denied: () => undefined,
      idle: () => Promise.resolve(),
    },
    secure: false,
    sessionTimeoutSeconds: 10,
    describeWaitMs: 1000,
    softLimitBytes: 1 << 20,
    hardLimitBytes: 4 << 20,
    admit: () => Promise.resolve({ refused: 'not_granted' }),
    reload: () => Promise.resolve(undefined),
    failedAuthDelayMs: () => 0,
  };
  const server = net.createServer((s) => new RestreamConnection(s, ctx));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const socket = net.connect(port, '127.0.0.1');
  const parser = new RtspStreamParser();
  const answers: RtspResponse[] = [];
  let closed = false;
  socket.on('data', (d: Buffer) => {
    for (const item of parser.push(d)) if (item.kind === 'response') answers.push(item);
  });
  socket.on('close', () => (closed = true));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let cseq = 0;
  let nc = 0;
  let authorization: ((method: string) => string) | undefined;
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((r) => setTimeout(r, 5));
  };
  const send = async (method: string): Promise<RtspResponse> => {
    const n = answers.length;
    const uri = 'rtsp://h/cam-001/main';
    const headers: Record<string, string | number> = { CSeq: ++cseq };
    if (authorization !== undefined) headers['Authorization'] = authorization(method);
    socket.write(writeRequest({ method, uri, headers }));
    await until(() => answers.length > n || closed);
    const a = answers[n];
    if (a === undefined) throw new Error('closed without an answer');
    return a;
  };
  return {
    server,
    socket,
    answers,
    isClosed: () => closed,
    send,
    /** Answers the Digest challenge of a first request; later requests carry credentials. */
    async signIn(): Promise<RtspResponse> {
      const first = await send('GET_PARAMETER');
      const challenge = pickChallenge(
        parseAuthChallenges(first.headers.getAll('WWW-Authenticate')),
      );
      if (challenge === undefined) throw new Error('no challenge');
      authorization = (method) =>
        authorizationFor(
          challenge,
          { username: 'cc-vms', password: PASSWORD },
          { method, uri: 'rtsp://h/cam-001/main', cnonce: 'c', nc: ++nc },
        );
      return send('GET_PARAMETER');
    },
    until,
  };
}

describe('RestreamConnection', () => {
  const servers: net.Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  it('closes a connection that does not sign in within 15 s, whatever it sends', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const c = await setup(clock);
    servers.push(c.server);
    for (let i = 0; i < 3; i++) {
      expect((await c.send('OPTIONS')).statusCode).toBe(200);
      expect((await c.send('GET_PARAMETER')).statusCode).toBe(401);
      clock.advance(5000);
    }
    clock.advance(1000);
    await c.until(c.isClosed);
  });

  it('ends a signed-in session without requests for the session timeout; requests keep it', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const c = await setup(clock);
    servers.push(c.server);
    expect((await c.signIn()).statusCode).toBe(200);
    clock.advance(8000);
    expect((await c.send('GET_PARAMETER')).statusCode).toBe(200);
    clock.advance(8000);
    expect(c.isClosed()).toBe(false);
    expect((await c.send('GET_PARAMETER')).statusCode).toBe(200);
    clock.advance(13_000);
    await c.until(c.isClosed);
  });

  it('answers a request it cannot parse with 400 and closes', async () => {
    const c = await setup(new FakeClock(0));
    servers.push(c.server);
    c.socket.write('DESCRIBE\r\n\r\n');
    await c.until(c.isClosed);
    expect(c.answers.map((a) => a.statusCode)).toEqual([400]);
  });
});
