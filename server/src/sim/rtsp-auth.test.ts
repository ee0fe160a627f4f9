import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthChallenges } from '../media/rtsp/index.ts';
import type { Simulator } from './simulator.ts';
import { startSimulator } from './simulator.ts';
import { TestRtspClient } from './test-client.ts';

const CAMERA = { id: 'cam-001', codec: 'h264', width: 160, height: 90, sub: false } as const;

describe.each(['digest', 'basic'] as const)('%s authentication', (scheme) => {
  let sim: Simulator;
  const clients: TestRtspClient[] = [];
  const connect = async (password?: string): Promise<TestRtspClient> => {
    const creds = password === undefined ? undefined : { username: 'admin', password };
    const c = await TestRtspClient.connect(sim.url('cam-001'), creds);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    sim = await startSimulator({
      cameras: [CAMERA],
      loopSeconds: 2,
      auth: { username: 'admin', password: 's3cret-pw', scheme },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it('challenges a request without credentials with 401', async () => {
    const client = await connect();
    expect((await client.request('OPTIONS')).statusCode).toBe(200);
    const res = await client.request('DESCRIBE');
    expect(res.statusCode).toBe(401);
    const [challenge] = parseAuthChallenges(res.headers.getAll('WWW-Authenticate'));
    expect(challenge?.scheme).toBe(scheme === 'digest' ? 'Digest' : 'Basic');
    expect(challenge?.realm).toBe('Vedetta Simulator');
  });

  it('refuses a wrong password with 401', async () => {
    const client = await connect('wrong-password');
    expect((await client.request('DESCRIBE')).statusCode).toBe(401);
  });

  it('plays with the right password', async () => {
    const client = await connect('s3cret-pw');
    await client.play();
    await client.waitFor(() => client.frameEnds().length >= 2, 5000, '2 frames');
    expect(client.rtp.length).toBeGreaterThan(0);
  });
});
