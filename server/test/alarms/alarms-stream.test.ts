/**
 * The alarm console's event stream: the open alarms first, then every change (a new alarm, an
 * acknowledgement, a comment, a clear) with the alarm's id and state, so that open pages follow;
 * a user sees only the alarms of cameras they may watch.
 */
import { describe, expect, it } from 'vitest';
import { agree, CC, createCity } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { sseReader } from '../support/sse.ts';
import { act, cameraStates } from './alarms-fixture.ts';

interface SseEvent {
  event: string;
  data: { id: string; state: string; kind: string; cameraIds: string[]; clearedMs: number | null };
}

describe('alarm console event stream', () => {
  forEachDatabase((_name, open) => {
    it('streams the open alarms, then each change with its id and state', async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city, { groupIds: [], cameraIds: ['cam-001'] });
      const op = await t.userCookie('operator', { username: 'rossi' });
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      const cams = cameraStates(t, ['cam-001', 'cam-002']);
      cams.offline.add('cam-002');
      await cams.poll();

      const res = await t.request('GET', '/api/alarms/stream', { cookie: op });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const events = sseReader(res);
      const partner = sseReader(await t.request('GET', '/api/alarms/stream', { cookie: cc }));
      const [snapshot] = await events.next(1);
      expect(snapshot).toEqual({
        event: 'alarms',
        data: [expect.objectContaining({ kind: 'camera_offline', cameraIds: ['cam-002'] })],
      });
      expect(await partner.next(1)).toEqual([{ event: 'alarms', data: [] }]);

      const offline2 = (snapshot?.data as SseEvent['data'][])[0]?.id ?? '';
      cams.offline.add('cam-001');
      await cams.poll();
      const reported = await t.request('POST', '/api/alarms', {
        cookie: op,
        body: { cameraId: 'cam-002', atMs: t.clock.nowMs(), note: 'Auto in sosta vietata' },
      });
      expect(reported.status).toBe(201);
      await act(t, op, `/${offline2}/acknowledge`);
      cams.offline.delete('cam-002');
      await cams.poll();

      const changes = (await events.next(4)) as SseEvent[];
      expect(changes.map((e) => [e.event, e.data.kind, e.data.cameraIds[0], e.data.state])).toEqual(
        [
          ['raised', 'camera_offline', 'cam-001', 'new'],
          ['raised', 'operator_report', 'cam-002', 'new'],
          ['acknowledged', 'camera_offline', 'cam-002', 'acknowledged'],
          ['cleared', 'camera_offline', 'cam-002', 'acknowledged'],
        ],
      );
      expect(changes[2]?.data.id).toBe(offline2);
      expect(changes[3]?.data.clearedMs).toBe(t.clock.nowMs());
      // The partner sees the one alarm of the camera their agreement lets them watch.
      const theirs = (await partner.next(1)) as SseEvent[];
      expect(theirs.map((e) => [e.event, e.data.cameraIds])).toEqual([['raised', ['cam-001']]]);
      await events.cancel();
      await partner.cancel();
      cams.stop();
      expect((await t.request('GET', '/api/alarms/stream')).status).toBe(401);
    });
  });
});
