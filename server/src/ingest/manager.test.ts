import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { isAppError } from '../app/errors.ts';
import { silentLogger } from '../app/logger.ts';
import {
  newConnectionCounters,
  type ConnectionHandlers,
  type StreamConnection,
  type StreamOpener,
} from './connection.ts';
import { IngestManager, type IngestCamera } from './manager.ts';
import type { StreamInfo, TimedAccessUnit } from './types.ts';

const INFO: StreamInfo = {
  params: { codec: 'h264', sps: new Uint8Array([0x67]), pps: new Uint8Array([0x68]) },
  width: 1920,
  height: 1080,
  codecString: 'avc1.640028',
};
const KEY_FRAME: TimedAccessUnit = {
  codec: 'h264',
  nalus: [new Uint8Array(100)],
  rtpTimestamp: 0,
  isKey: true,
  pts90k: 0,
  wallMs: 0,
};

/** Records which streams were opened and closed; connections never deliver video. */
function recordingOpener(log: string[]) {
  return (camera: IngestCamera, stream: string): StreamOpener =>
    () => {
      log.push(`open ${camera.id}/${stream}`);
      const conn: StreamConnection = {
        counters: newConnectionCounters(),
        close: () => {
          log.push(`close ${camera.id}/${stream}`);
          return Promise.resolve();
        },
        fail: () => undefined,
      };
      return Promise.resolve(conn);
    };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('IngestManager', () => {
  it('pulls a stream only while its hub has demand, lingering before it lets go', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const m = new IngestManager(
      [{ id: 'a', mainUrl: 'rtsp://cam-a/main', subUrl: 'rtsp://cam-a/sub' }],
      { logger: silentLogger(), clock, lingerMs: 2000, openerFor: recordingOpener(log) },
    );
    expect(m.status('a')).toMatchObject({ main: { state: 'idle' }, sub: { state: 'idle' } });
    const viewer = m.hub('a', 'sub').subscribe({ onEvent: () => undefined });
    await settle();
    expect(log).toEqual(['open a/sub']);
    expect(m.status('a').sub?.state).toBe('connecting');
    viewer.close();
    clock.advance(1999);
    await settle();
    expect(log).toEqual(['open a/sub']);
    clock.advance(1);
    await settle();
    expect(log).toEqual(['open a/sub', 'close a/sub']);
    expect(m.status('a').sub?.state).toBe('idle');
    await m.stop();
  });

  it('batches the reads of a stream only the recorder takes, and stops for a live viewer', async () => {
    const run = async (readBatchMs: number | undefined) => {
      const clock = new FakeClock();
      const batched: boolean[] = [];
      let handlers: ConnectionHandlers | undefined;
      const m = new IngestManager([{ id: 'a', mainUrl: 'rtsp://cam-a/main' }], {
        logger: silentLogger(),
        clock,
        readBatchMs,
        openerFor: () => (h) => {
          handlers = h;
          return Promise.resolve({
            counters: newConnectionCounters(),
            close: () => Promise.resolve(),
            fail: () => undefined,
            setBatchedReads: (on) => batched.push(on),
          });
        },
      });
      const recorder = m.hub('a').subscribe({ onEvent: () => undefined }, { realtime: false });
      await settle();
      handlers?.event({ type: 'started', info: INFO, atMs: 0 });
      handlers?.event({ type: 'frame', frame: KEY_FRAME });
      const viewer = m.hub('a').subscribe({ onEvent: () => undefined });
      viewer.close();
      recorder.close();
      await m.stop();
      return batched;
    };
    expect(await run(undefined)).toEqual([true, false, true]);
    expect(await run(0)).toEqual([false, false, false]);
  });

  it('answers not_found for unknown cameras and streams', () => {
    const m = new IngestManager([{ id: 'a', mainUrl: 'rtsp://cam-a/main' }], {
      logger: silentLogger(),
    });
    for (const fn of [() => m.hub('b'), () => m.hub('a', 'sub'), () => m.status('b')]) {
      let caught: unknown;
      try {
        fn();
      } catch (e) {
        caught = e;
      }
      expect(isAppError(caught, 'not_found')).toBe(true);
    }
    expect(m.statuses().map((s) => s.cameraId)).toEqual(['a']);
  });

  it('applies a new camera list: adds, removes and restarts changed cameras', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const m = new IngestManager(
      [
        { id: 'a', mainUrl: 'rtsp://cam-a/main' },
        { id: 'b', mainUrl: 'rtsp://cam-b/main' },
      ],
      { logger: silentLogger(), clock, lingerMs: 0, openerFor: recordingOpener(log) },
    );
    m.hub('a').subscribe({ onEvent: () => undefined });
    m.hub('b').subscribe({ onEvent: () => undefined });
    await settle();
    const hubB = m.hub('b');
    await m.setCameras([
      { id: 'b', mainUrl: 'rtsp://cam-b/main' },
      { id: 'c', mainUrl: 'rtsp://cam-c/main' },
    ]);
    expect(log).toEqual(['open a/main', 'open b/main', 'close a/main']);
    expect(m.cameraIds()).toEqual(['b', 'c']);
    expect(m.hub('b')).toBe(hubB);
    await m.setCameras([{ id: 'b', mainUrl: 'rtsp://cam-b/other' }]);
    expect(log.at(-1)).toBe('close b/main');
    expect(m.hub('b')).not.toBe(hubB);
    await m.stop();
  });
});
