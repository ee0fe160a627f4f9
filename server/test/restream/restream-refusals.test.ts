/**
 * What the re-stream refuses, and how: wrong credentials (401 with a fresh Digest challenge,
 * audited), a camera no agreement grants `restream` on — or one granted only `live.view` —
 * (403), a disabled account, RTP over UDP (461 with the
 * reason), unknown addresses (404), and malformed or random input (400, the server keeps
 * serving).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyText } from '../../src/media/index.ts';
import { forEachDatabase } from '../support/databases.ts';
import { waitFor } from '../support/wait-for.ts';
import { RawRtsp } from './raw-rtsp.ts';
import {
  startRestreamCity,
  VMS_PASSWORD,
  VMS_USER,
  type RestreamCity,
} from './restream-fixture.ts';

describe('restream refusals', () => {
  forEachDatabase((_name, open) => {
    let city: RestreamCity | undefined;
    const conns: RawRtsp[] = [];
    afterEach(async () => {
      for (const c of conns.splice(0)) c.close();
      await city?.close();
      city = undefined;
    });
    const connect = async (c: RestreamCity) => {
      const conn = await RawRtsp.connect(c.port);
      conns.push(conn);
      return conn;
    };
    const uri = (c: RestreamCity, path: string) => `rtsp://127.0.0.1:${c.port}/${path}`;

    it('answers wrong credentials with 401 and a new challenge, and audits them', async () => {
      const c = (city = await startRestreamCity(open));
      await c.grant(['cam-001']);
      const conn = await connect(c);
      const options = await conn.request('OPTIONS', uri(c, 'cam-001/main'));
      expect(options.statusCode).toBe(200);
      expect(options.headers.get('Public')).toContain('DESCRIBE');
      const bare = await conn.request('DESCRIBE', uri(c, 'cam-001/main'));
      expect(bare.statusCode).toBe(401);
      expect(bare.headers.get('WWW-Authenticate')).toMatch(/^Digest realm="Vedetta", nonce="/);
      const wrong = await conn.authorized('DESCRIBE', uri(c, 'cam-001/main'), VMS_USER, 'nope');
      expect(wrong.statusCode).toBe(401);
      const unknown = await conn.authorized('DESCRIBE', uri(c, 'cam-001/main'), 'x', VMS_PASSWORD);
      expect(unknown.statusCode).toBe(401);
      const basic = await conn.request('DESCRIBE', uri(c, 'cam-001/main'), {
        Authorization: `Basic ${Buffer.from(`${VMS_USER}:${VMS_PASSWORD}`).toString('base64')}`,
      });
      expect(basic.statusCode).toBe(401);
      const denied = await waitFor(
        async () => {
          const rows = await c.audit('restream.denied');
          return rows.length >= 3 ? rows : undefined;
        },
        { timeoutMs: 5000, what: 'three refusals audited' },
      );
      expect(denied.map((d) => [d.username, d.reason, d.outcome])).toEqual([
        [VMS_USER, 'bad_credentials', 'denied'],
        ['x', 'bad_credentials', 'denied'],
        [VMS_USER, 'bad_credentials', 'denied'],
      ]);
      const ok = await conn.authorized('DESCRIBE', uri(c, 'cam-001/main'), VMS_USER, VMS_PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect(bodyText(ok)).toMatch(/m=video 0 RTP\/AVP 96[\s\S]*sprop-parameter-sets=/);
    });

    it('refuses cameras the agreement does not grant restream on (403), and unknown ones', async () => {
      const c = (city = await startRestreamCity(open));
      await c.grant(['cam-001']);
      await c.grant(['cam-002'], ['live.view', 'playback.view']);
      const conn = await connect(c);
      for (const path of ['cam-002/main', 'cam-003/sub', 'cam-404/main']) {
        const res = await conn.authorized('DESCRIBE', uri(c, path), VMS_USER, VMS_PASSWORD);
        expect(res.statusCode, path).toBe(403);
        expect(res.headers.get('X-Vedetta-Refused')).toBe('not_granted');
      }
      const bad = await conn.authorized(
        'DESCRIBE',
        uri(c, 'cam-001/third'),
        VMS_USER,
        VMS_PASSWORD,
      );
      expect(bad.statusCode).toBe(404);
      const denied = await waitFor(
        async () => {
          const rows = await c.audit('restream.denied');
          return rows.length >= 3 ? rows : undefined;
        },
        { timeoutMs: 5000, what: 'refusals audited' },
      );
      expect(denied.map((d) => [d.camera_id, d.reason, d.user_id !== null])).toEqual([
        ['cam-002', 'not_granted', true],
        ['cam-003', 'not_granted', true],
        ['cam-404', 'not_granted', true],
      ]);
    });

    it('refuses a disabled account', async () => {
      const c = (city = await startRestreamCity(open));
      await c.grant(['cam-001']);
      const conn = await connect(c);
      await c.services.restream.accounts.disable(VMS_USER);
      const disabled = await conn.authorized(
        'DESCRIBE',
        uri(c, 'cam-001/main'),
        VMS_USER,
        VMS_PASSWORD,
      );
      expect(disabled.statusCode).toBe(403);
      expect(disabled.headers.get('X-Vedetta-Refused')).toBe('account_disabled');
    });

    it('offers RTP over TCP only: SETUP for UDP is 461 with the reason', async () => {
      const c = (city = await startRestreamCity(open));
      await c.grant(['cam-001']);
      const conn = await connect(c);
      const d = await conn.authorized('DESCRIBE', uri(c, 'cam-001/main'), VMS_USER, VMS_PASSWORD);
      expect(d.statusCode).toBe(200);
      const udp = await conn.authorized(
        'SETUP',
        uri(c, 'cam-001/main/trackID=0'),
        VMS_USER,
        VMS_PASSWORD,
        {
          Transport: 'RTP/AVP;unicast;client_port=5000-5001',
        },
      );
      expect(udp.statusCode).toBe(461);
      expect(bodyText(udp)).toContain('TCP interleaved only');
      const tcp = await conn.authorized(
        'SETUP',
        uri(c, 'cam-001/main/trackID=0'),
        VMS_USER,
        VMS_PASSWORD,
        {
          Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1',
        },
      );
      expect(tcp.statusCode).toBe(200);
      expect(tcp.headers.get('Transport')).toContain('interleaved=0-1');
      expect(tcp.headers.get('Session')).toMatch(/^[0-9A-F]{16};timeout=60$/);
    });

    it('answers malformed requests with 400 and keeps serving through random input', async () => {
      const c = (city = await startRestreamCity(open));
      const bad = await connect(c);
      bad.send('DESCRIBE\r\n\r\n');
      expect((await bad.next()).statusCode).toBe(400);
      const huge = await connect(c);
      huge.send(`OPTIONS rtsp://x/ RTSP/1.0\r\nCSeq: 1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect((await huge.next()).statusCode).toBe(400);
      const valid = 'DESCRIBE rtsp://127.0.0.1/cam-001/main RTSP/1.0\r\nCSeq: 2\r\n\r\n';
      for (let i = 0; i < 200; i++) {
        const conn = await RawRtsp.connect(c.port);
        const bytes = Buffer.from(valid);
        if (i % 2 === 0) {
          for (let k = 0; k < 1 + (i % 7); k++)
            bytes[(i * 31 + k * 17) % bytes.length] = (i * 13 + k) & 0xff;
          conn.send(bytes);
        } else conn.send(randomBytes(1 + ((i * 97) % 3000)));
        conn.socket.end();
        await new Promise<void>((resolve) => conn.socket.once('close', () => resolve()));
      }
      const after = await connect(c);
      expect((await after.request('OPTIONS', uri(c, 'cam-001/main'))).statusCode).toBe(200);
    });
  });
});
