/**
 * The display's event stream: the display's current content first, then every push and take-back
 * as it happens; a new connection (the browser reconnecting after a drop) gets the current
 * content again; deleting the display ends the stream with `gone`; an account that shows no
 * display has no stream.
 */
import { describe, expect, it } from 'vitest';
import { createCity } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { displayWithAccount, push, sseReader } from './displays-fixture.ts';

describe('display event stream', () => {
  forEachDatabase((_name, open) => {
    it('sends the current content, then each change; a reconnection starts from now', async () => {
      const city = await createCity(open);
      const { t } = city;
      const { display, cookie: wall } = await displayWithAccount(city, { username: 'schermo1' });
      const op = await t.userCookie('operator', { username: 'rossi' });

      const online = async () =>
        (
          (await (await t.request('GET', '/api/displays', { cookie: op })).json()) as {
            displays: { online: boolean }[];
          }
        ).displays[0]?.online;
      expect(await online()).toBe(false);
      const res = await t.request('GET', '/api/displays/me/stream', { cookie: wall });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const events = sseReader(res);
      expect(await events.next(1)).toMatchObject([
        { event: 'display', data: { id: display.id, content: { kind: 'none' } } },
      ]);
      // The operators see that the display is connected.
      expect(await online()).toBe(true);

      expect((await push(t, op, display.id, { kind: 'camera', cameraId: 'cam-002' })).status).toBe(
        200,
      );
      expect(await events.next(1)).toMatchObject([
        { event: 'display', data: { content: { kind: 'camera', cameraId: 'cam-002' } } },
      ]);
      await events.cancel();

      // Reconnecting (as EventSource does after a drop) gives the content of now.
      const again = sseReader(await t.request('GET', '/api/displays/me/stream', { cookie: wall }));
      expect(await again.next(1)).toMatchObject([
        {
          event: 'display',
          data: { content: { kind: 'camera', cameraId: 'cam-002' }, pushedBy: 'rossi' },
        },
      ]);
      expect(
        (await t.request('POST', `/api/displays/${display.id}/clear`, { cookie: op })).status,
      ).toBe(200);
      expect(await again.next(1)).toMatchObject([
        { event: 'display', data: { content: { kind: 'none' } } },
      ]);
      expect(
        (await t.request('DELETE', `/api/displays/${display.id}`, { cookie: city.admin })).status,
      ).toBe(204);
      expect(await again.next(1)).toMatchObject([{ event: 'gone' }]);
      await again.cancel();

      // Not a display account (any more): no display, no stream.
      expect((await t.request('GET', '/api/displays/me/stream', { cookie: wall })).status).toBe(
        404,
      );
      expect((await t.request('GET', '/api/displays/me', { cookie: op })).status).toBe(404);
    });
  });
});
