/**
 * Batched reads over a real socket on 127.0.0.1 (the batcher on a fake clock): a connection with
 * batched reads on stops reading once it has drained its socket, and takes what arrived meanwhile
 * at the batcher's next tick; the answer to a request is read at once; with batching off, every
 * frame is read as it arrives.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, systemClock } from '../../src/app/clock.ts';
import { ReadBatcher } from '../../src/ingest/read-batcher.ts';
import { RtspConnection } from '../../src/ingest/rtsp-connection.ts';
import {
  RtspStreamParser,
  cseqOf,
  writeInterleavedFrame,
  writeResponse,
} from '../../src/media/rtsp/index.ts';
import { waitFor } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/**
 * A camera that answers every request with 200 and sends frames when told; `send` resolves once
 * the frame is written to the socket (on loopback: in the connection's receive buffer).
 */
async function camera(): Promise<{
  port: number;
  connected: () => boolean;
  send: (n: number) => Promise<void>;
}> {
  let peer: net.Socket | undefined;
  const server = net.createServer((socket) => {
    peer = socket;
    socket.on('error', () => undefined);
    const parser = new RtspStreamParser();
    socket.on('data', (chunk: Buffer) => {
      for (const item of parser.push(new Uint8Array(chunk))) {
        if (item.kind !== 'request') continue;
        const headers: [string, string][] = [['CSeq', String(cseqOf(item) ?? 0)]];
        socket.write(writeResponse({ statusCode: 200, headers }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  cleanups.push(() => {
    peer?.destroy();
    server.close();
  });
  return {
    port: address.port,
    connected: () => peer !== undefined,
    send: (n) =>
      new Promise<void>((resolve, reject) => {
        if (peer === undefined) throw new Error('no connection to send on');
        peer.write(writeInterleavedFrame(0, new Uint8Array(1000).fill(n)), (err) =>
          err ? reject(err) : resolve(),
        );
      }),
  };
}

/** A connection to the camera; `frames` gets the first byte of each frame it delivers. */
async function connect(port: number, readBatcher: ReadBatcher | undefined) {
  const frames: number[] = [];
  const conn = await RtspConnection.open({
    host: '127.0.0.1',
    port,
    clock: systemClock,
    connectTimeoutMs: 5000,
    requestTimeoutMs: 5000,
    ...(readBatcher ? { readBatcher } : {}),
    onFrame: (_channel, data, start) => frames.push(data[start] ?? -1),
    onClose: () => undefined,
  });
  cleanups.push(() => conn.close());
  return { conn, frames };
}

describe('batched reads', () => {
  it('hold a drained connection until the tick, answer requests at once, stop when told', async () => {
    const cam = await camera();
    const clock = new FakeClock();
    const batcher = new ReadBatcher(clock, 250);
    const { conn, frames } = await connect(cam.port, batcher);
    await waitFor(cam.connected, 5000, 'the camera to see the connection');
    conn.setBatchedReads(true);
    expect(conn.batchedReads).toBe(true);

    await cam.send(1);
    await waitFor(() => frames.length === 1, 5000, 'the first frame');
    expect(batcher.heldCount).toBe(1); // drained: waits for the tick

    await cam.send(2);
    await cam.send(3);
    // Paused: the two frames are waiting in the socket, and nothing is read before the tick (the
    // batcher's clock is fake: no real time brings it). That nothing happens can only be shown
    // by a wall-clock wait; an unpaused socket would read frames already written on loopback
    // within a turn of the event loop, so 50 ms is ample even on a loaded machine.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frames).toEqual([1]);
    clock.advance(250);
    await waitFor(() => frames.length === 3, 5000, 'the frames sent during the pause');
    expect(frames).toEqual([1, 2, 3]);
    expect(batcher.heldCount).toBe(1);

    // A request's answer is not held back (no tick comes during this request).
    const res = await conn.request('OPTIONS', `rtsp://127.0.0.1:${cam.port}/cam`);
    expect(res.statusCode).toBe(200);

    conn.setBatchedReads(false);
    expect(batcher.heldCount).toBe(0);
    await cam.send(4);
    await waitFor(() => frames.length === 4, 5000, 'a frame after batching stopped');
    await cam.send(5);
    await waitFor(() => frames.length === 5, 5000, 'the next frame');
    expect(frames).toEqual([1, 2, 3, 4, 5]);
    expect(batcher.heldCount).toBe(0);
  });

  it('are off without a batcher, whatever is asked', async () => {
    const cam = await camera();
    const { conn, frames } = await connect(cam.port, undefined);
    conn.setBatchedReads(true);
    expect(conn.batchedReads).toBe(false);
    await waitFor(cam.connected, 5000, 'the camera to see the connection');
    await cam.send(1);
    await waitFor(() => frames.length === 1, 5000, 'the first frame');
    await cam.send(2);
    await waitFor(() => frames.length === 2, 5000, 'the second frame');
  });
});
