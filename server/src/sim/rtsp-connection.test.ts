import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { mountPathOf } from './rtsp-connection.ts';
import type { Simulator } from './simulator.ts';
import { startSimulator } from './simulator.ts';
import { TestRtspClient } from './test-client.ts';

describe('mountPathOf', () => {
  it('reduces request URIs to mount paths', () => {
    expect(mountPathOf('rtsp://h:554/cam-001')).toBe('cam-001');
    expect(mountPathOf('rtsp://h:554/cam-001/')).toBe('cam-001');
    expect(mountPathOf('rtsp://h/cam-001/trackID=0')).toBe('cam-001');
    expect(mountPathOf('rtsp://h/cam-001/sub/trackID=0?x=1')).toBe('cam-001/sub');
    expect(mountPathOf('/cam-002/sub/')).toBe('cam-002/sub');
    expect(mountPathOf('not a url')).toBeUndefined();
  });
});

describe('RTSP sessions on a fake clock', () => {
  const clock = new FakeClock();
  let sim: Simulator;
  const clients: TestRtspClient[] = [];
  const connect = async (): Promise<TestRtspClient> => {
    const c = await TestRtspClient.connect(sim.url('cam-001'));
    clients.push(c);
    return c;
  };
  const setup = async (c: TestRtspClient): Promise<string> => {
    const res = await c.request('SETUP', `${sim.url('cam-001')}/trackID=0`, {
      Transport: 'RTP/AVP/TCP;unicast;interleaved=2-3',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.get('Transport')).toMatch(/^RTP\/AVP\/TCP;unicast;interleaved=2-3;ssrc=/);
    expect(res.headers.get('Session')).toMatch(/;timeout=60$/);
    return (res.headers.get('Session') ?? '').split(';')[0] ?? '';
  };

  beforeAll(async () => {
    sim = await startSimulator({
      cameras: [{ id: 'cam-001', codec: 'h264', width: 160, height: 90, sub: false }],
      loopSeconds: 2,
      clock,
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it('ends a session after 60 s without a request, and keeps one alive with GET_PARAMETER', async () => {
    const idle = await connect();
    const alive = await connect();
    await setup(idle);
    const session = await setup(alive);
    clock.advance(40_000);
    expect(
      (await alive.request('GET_PARAMETER', sim.url('cam-001'), { Session: session })).statusCode,
    ).toBe(200);
    clock.advance(40_000);
    await idle.closed;
    expect(alive.isClosedNow).toBe(false);
    clock.advance(61_000);
    await alive.closed;
  });

  it('answers 461 to UDP, 454 to an unknown session and 501 to an unknown method', async () => {
    const c = await connect();
    const udp = await c.request('SETUP', `${sim.url('cam-001')}/trackID=0`, {
      Transport: 'RTP/AVP;unicast;client_port=5000-5001',
    });
    expect(udp.statusCode).toBe(461);
    expect((await c.request('PLAY', sim.url('cam-001'), { Session: 'nope' })).statusCode).toBe(454);
    expect((await c.request('RECORD', sim.url('cam-001'))).statusCode).toBe(501);
  });

  it('sends nothing before time moves, then one frame per 40 ms of the clock', async () => {
    const c = await connect();
    await c.play();
    // The first frame is due at PLAY; the fake clock fires it when advanced.
    clock.advance(0);
    await c.waitFor(() => c.frameEnds().length >= 1, 5000, 'the first frame');
    clock.advance(400);
    await c.waitFor(() => c.frameEnds().length >= 11, 5000, '11 frames');
    expect(c.frameEnds()).toHaveLength(11);
  });
});
