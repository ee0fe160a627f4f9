/**
 * A slow MSE viewer (a socket whose send buffer stays full) gets nothing more until the buffer
 * drains, then resumes at a key frame: memory does not grow with it, and the other subscribers of
 * the hub (the recorder) get every frame.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import { MseViewer, type LiveSocket } from '../../src/live/mse-viewer.ts';
import { clipEvents, loadClip } from '../recording/support.ts';

/** A socket that keeps what it is sent and reports a send buffer the test sets. */
class HeldSocket implements LiveSocket {
  bufferedAmount = 0;
  readonly sent: (string | Uint8Array)[] = [];
  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }
  get fragments(): number {
    return this.sent.filter((d) => typeof d !== 'string').length;
  }
}

describe('MSE viewer back-pressure', () => {
  it('skips to the next key frame while its socket is backed up; the recorder misses nothing', async () => {
    const clip = await loadClip('h264'); // 25 fps, GOP 25
    const hub = new StreamHub('cam-001', 'main', { clock: systemClock, logger: silentLogger() });
    const socket = new HeldSocket();
    const viewer = new MseViewer(socket, { maxBufferedBytes: 64 * 1024 });
    let recorded = 0;
    hub.subscribe(
      { onEvent: (e) => void (e.type === 'frame' && recorded++) },
      { name: 'recorder' },
    );
    const sub = hub.subscribe(viewer, { name: 'live' });

    hub.publish({ type: 'started', info: clip.info, atMs: 0 });
    const events = clipEvents(clip, 100, { wall0: 0 });
    events.slice(0, 30).forEach((e) => hub.publish(e));
    expect(socket.fragments).toBe(1 + 30); // init + 30 frames

    socket.bufferedAmount = 10 * 1024 * 1024; // the browser stopped reading
    events.slice(30, 60).forEach((e) => hub.publish(e));
    expect(socket.fragments).toBe(31);

    socket.bufferedAmount = 0; // it caught up: the next frame sent is a key frame
    events.slice(60).forEach((e) => hub.publish(e));
    const resumed = socket.sent.findIndex(
      (d, i) => i > 0 && typeof d === 'string' && d.includes('"skipped"'),
    );
    expect(resumed).toBeGreaterThan(0);
    expect(JSON.parse(socket.sent[resumed] as string)).toMatchObject({ type: 'skipped' });
    expect(JSON.parse(socket.sent[resumed + 1] as string)).toMatchObject({ type: 'clock' });
    expect(viewer.stats.skippedFrames).toBeGreaterThanOrEqual(30);
    expect(sub.skippedFrames).toBe(viewer.stats.skippedFrames);
    expect(recorded).toBe(100);
  });
});
