/**
 * Basic authentication over plain rtsp:// puts the camera's password on the network in clear, so
 * ingest refuses it unless the camera allows it explicitly (`allowBasicOverPlainRtsp`). Against
 * the camera simulator, through a relay that records every byte Vedetta sends: without the flag
 * no Authorization header ever leaves and the stream ends offline naming why; with it the stream
 * plays; Digest needs no flag.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { IngestManager, type IngestCamera } from '../../src/ingest/manager.ts';
import { startSimulator, type Simulator } from '../../src/sim/simulator.ts';
import { Collector, waitFor } from './helpers.ts';

const SMALL = {
  width: 320,
  height: 180,
  gopSeconds: 1,
  sub: false as const,
  codec: 'h264' as const,
};
const USER = { username: 'admin', password: 'sim-basic-pw' };

/** A TCP relay in front of the simulator that keeps what the client sent. */
interface Relay {
  port: number;
  sent(): string;
  close(): Promise<void>;
}

async function relay(target: number): Promise<Relay> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (d: Buffer) => {
      chunks.push(Buffer.from(d));
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => client.write(d));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    sent: () => Buffer.concat(chunks).toString('latin1'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let basicSim: Simulator;
let digestSim: Simulator;
const managers: IngestManager[] = [];
const relays: Relay[] = [];

beforeAll(async () => {
  const common = { loopSeconds: 2, labelPerCamera: false, senderReportMs: 1000 };
  basicSim = await startSimulator({
    cameras: [{ id: 'basic', ...SMALL }],
    auth: { ...USER, scheme: 'basic' },
    ...common,
  });
  digestSim = await startSimulator({
    cameras: [{ id: 'digest', ...SMALL }],
    auth: { ...USER, scheme: 'digest' },
    ...common,
  });
});

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.stop()));
  await Promise.all(relays.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await Promise.all([basicSim.close(), digestSim.close()]);
});

async function ingest(sim: Simulator, id: string, allowBasicOverPlainRtsp?: boolean) {
  const r = await relay(sim.port);
  relays.push(r);
  const url = new URL(sim.url(id));
  url.port = String(r.port);
  const camera: IngestCamera = {
    id,
    mainUrl: url.toString(),
    credentials: USER,
    ...(allowBasicOverPlainRtsp !== undefined ? { allowBasicOverPlainRtsp } : {}),
  };
  const manager = new IngestManager([camera], { logger: silentLogger(), lingerMs: 0 });
  managers.push(manager);
  const collector = new Collector();
  manager.hub(id).subscribe(collector, { name: 'test' });
  return { manager, collector, relay: r };
}

describe('Basic authentication over plain RTSP', () => {
  it('is refused by default: no credentials sent, offline with the reason', async () => {
    const { manager, collector, relay: r } = await ingest(basicSim, 'basic');
    await waitFor(() => collector.ofType('stopped').length > 0, 10_000, 'stopped');
    const stopped = collector.ofType('stopped')[0]?.event;
    expect(stopped?.cause).toBe('offline');
    expect(stopped?.message).toMatch(/authentication refused.*Basic.*in clear.*rtsp:\/\//);
    expect(stopped?.message).toMatch(/allowBasicOverPlainRtsp/);
    expect(manager.status('basic').main.state).toBe('offline');
    expect(manager.status('basic').main.lastError?.message).toMatch(/authentication refused/);
    expect(r.sent()).toMatch(/^DESCRIBE /m);
    expect(r.sent()).not.toMatch(/Authorization/i);
    expect(r.sent()).not.toContain(
      Buffer.from(`${USER.username}:${USER.password}`).toString('base64'),
    );
    expect(collector.frames()).toHaveLength(0);
    expect(basicSim.stats().totals.framesSent).toBe(0);
  });

  it('works when the camera allows it explicitly', async () => {
    const { manager, collector, relay: r } = await ingest(basicSim, 'basic', true);
    await waitFor(() => collector.frames().length >= 10, 15_000, '10 frames');
    expect(manager.status('basic').main.state).toBe('online');
    expect(r.sent()).toMatch(/^Authorization: Basic /m);
  });

  it('leaves Digest alone', async () => {
    const { manager, collector, relay: r } = await ingest(digestSim, 'digest');
    await waitFor(() => collector.frames().length >= 10, 15_000, '10 frames');
    expect(manager.status('digest').main.state).toBe('online');
    expect(r.sent()).toMatch(/^Authorization: Digest /m);
    expect(r.sent()).not.toMatch(/^Authorization: Basic /m);
  });
});
