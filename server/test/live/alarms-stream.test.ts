/**
 * The alarm feed over Server-Sent Events: the active alarms first, then raises and clears as they
 * happen; a user sees only the alarms of cameras they may watch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveTestServer, type LiveTestServer } from './live-test-server.ts';

let t: LiveTestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads SSE events from a response body, a few at a time. */
function sseReader(res: Response) {
  const body = res.body;
  if (body === null) throw new Error('no body');
  const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
  const decoder = new TextDecoder();
  const ready: SseEvent[] = [];
  let buffer = '';
  return {
    async next(count: number): Promise<SseEvent[]> {
      for (let reads = 0; ready.length < count && reads < 1000; reads++) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) {
            ready.push({ event, data: JSON.parse(data) });
          }
        }
      }
      return ready.splice(0, count);
    },
    cancel: () => reader.cancel(),
  };
}

describe('alarms over Server-Sent Events', () => {
  it('streams camera alarms as they happen to users who may watch the camera', async () => {
    const states: Record<string, string> = { 'cam-001': 'offline', 'cam-002': 'online' };
    t = await startLiveTestServer({
      hubs: { hub: () => undefined },
      cameraIds: ['cam-001', 'cam-002'],
      alarmSources: {
        streamStates: () =>
          Object.entries(states).map(([cameraId, state]) => ({ cameraId, stream: 'main', state })),
      },
    });
    const operator = await t.user('operator');
    const auditor = await t.user('auditor');

    const res = await fetch(`${t.origin}/api/alarms/stream`, { headers: { cookie: operator } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = sseReader(res);
    const [snapshot] = await events.next(1);
    states['cam-002'] = 'offline';
    states['cam-001'] = 'online';
    const changes = await events.next(2);
    await events.cancel();
    expect(snapshot).toEqual({
      event: 'alarms',
      data: [expect.objectContaining({ kind: 'camera_offline', cameraIds: ['cam-001'] })],
    });
    expect(changes.map((e) => [e.event, (e.data as { cameraIds: string[] }).cameraIds])).toEqual([
      ['raised', ['cam-002']],
      ['cleared', ['cam-001']],
    ]);

    const forAuditor = await fetch(`${t.origin}/api/alarms`, { headers: { cookie: auditor } });
    expect(await forAuditor.json()).toEqual({ alarms: [] });
    const forOperator = await fetch(`${t.origin}/api/alarms`, { headers: { cookie: operator } });
    expect(((await forOperator.json()) as { alarms: unknown[] }).alarms).toHaveLength(1);
    const anonymous = await fetch(`${t.origin}/api/alarms/stream`);
    expect(anonymous.status).toBe(401);
  });
});
