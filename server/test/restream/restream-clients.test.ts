/**
 * The re-stream read by clients Vedetta did not write: ffprobe and ffmpeg over RTSP/TCP and
 * RTSPS (self-signed certificate), GStreamer's rtspsrc; one camera connection however many
 * clients; a masked camera reaches a partner with its masks burned in; a revoked or suspended
 * agreement (or masks drawn since) ends a running session, audited with its bytes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ffmpegPath, ffprobePath } from '../../src/app/ffmpeg.ts';
import { forEachDatabase } from '../support/databases.ts';
import { waitFor } from '../support/wait-for.ts';
import { startRestreamCity, VMS_USER, type RestreamCity } from './restream-fixture.ts';

const run = promisify(execFile);

/** Runs a client to the end; resolves with its exit code and output. */
async function client(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string }> {
  try {
    const r = await run(file, args, { timeout: 60_000, env, maxBuffer: 16 << 20 });
    return { code: 0, out: `${r.stdout}${r.stderr}` };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof err.code === 'number' ? err.code : -1,
      out: `${err.stdout}${err.stderr}`,
    };
  }
}

/** One decoded picture of a stream, grey, 64×36 (ffmpeg as the partner's VMS would read it). */
async function grayFrame(url: string): Promise<Buffer> {
  const r = await promisify(execFile)(
    ffmpegPath(),
    [
      ...['-hide_banner', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url],
      ...['-frames:v', '1', '-vf', 'scale=64:36', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    ],
    { encoding: 'buffer', timeout: 60_000, maxBuffer: 1 << 20 },
  );
  return r.stdout;
}

/** Mean grey level of the picture's cells whose centres lie in `[x0, x1) × [y0, y1)` (0–1). */
function meanIn(frame: Buffer, x0: number, x1: number, y0: number, y1: number): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.ceil(y0 * 36); y < y1 * 36; y++)
    for (let x = Math.ceil(x0 * 64); x < x1 * 64; x++) {
      sum += frame[y * 64 + x] ?? 0;
      n++;
    }
  return sum / n;
}

/** ffmpeg reading a stream until stopped, decoding to nothing. */
function reader(url: string): ChildProcess {
  return spawn(
    ffmpegPath(),
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-rtsp_transport',
      'tcp',
      '-i',
      url,
      '-t',
      '120',
      '-f',
      'null',
      '-',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

function exited(p: ChildProcess): Promise<number | null> {
  return p.exitCode !== null
    ? Promise.resolve(p.exitCode)
    : new Promise((resolve) => p.once('exit', (code) => resolve(code)));
}

describe('restream read by standard clients', () => {
  forEachDatabase((_name, open) => {
    let city: RestreamCity | undefined;
    const procs: ChildProcess[] = [];
    afterEach(async () => {
      for (const p of procs.splice(0)) {
        p.kill('SIGKILL');
        await exited(p);
      }
      await city?.close();
      city = undefined;
    });

    it("serves a masked camera to a partner's VMS with the masks burned in", async () => {
      city = await startRestreamCity(open);
      await city.grant(['cam-001']);
      const url = city.url('cam-001');
      // Inside the fixture's mask (the triangle (0.1,0.1) (0.3,0.1) (0.3,0.3)), and outside it.
      const inside = (f: Buffer) => meanIn(f, 0.22, 0.29, 0.12, 0.18);
      const outside = (f: Buffer) => meanIn(f, 0.5, 0.9, 0.3, 0.9);
      const before = await grayFrame(url);
      await city.mask('cam-001');
      const after = await grayFrame(url);
      // Black under the mask (the camera's own picture is not: testsrc's colour bars), the rest
      // the camera's picture.
      expect(inside(before)).toBeGreaterThan(40);
      expect(inside(after)).toBeLessThan(24);
      expect(Math.abs(outside(after) - outside(before))).toBeLessThan(25);
    });

    it('ffprobe reads granted cameras (H.264, H.265) over RTSP/TCP; ffmpeg over RTSPS', async () => {
      city = await startRestreamCity(open);
      await city.grant(['cam-001']);
      const probe = await client(ffprobePath(), [
        '-v',
        'error',
        '-rtsp_transport',
        'tcp',
        '-show_entries',
        'stream=codec_name,width,height',
        '-of',
        'json',
        city.url('cam-001'),
      ]);
      expect(probe.code, probe.out).toBe(0);
      const streams = (JSON.parse(probe.out) as { streams: Record<string, unknown>[] }).streams;
      expect(streams[0]).toMatchObject({ codec_name: 'h264', width: 320, height: 180 });
      await city.grant(['cam-003']);
      const hevc = await client(ffprobePath(), [
        '-v',
        'error',
        '-rtsp_transport',
        'tcp',
        '-show_entries',
        'stream=codec_name,width',
        '-of',
        'csv=p=0',
        city.url('cam-003'),
      ]);
      expect(hevc.code, hevc.out).toBe(0);
      expect(hevc.out.trim()).toBe('hevc,320');

      const ff = await client(ffmpegPath(), [
        '-hide_banner',
        '-loglevel',
        'error',
        '-rtsp_transport',
        'tcp',
        '-i',
        city.url('cam-001', { tls: true, stream: 'sub' }),
        '-frames:v',
        '30',
        '-f',
        'null',
        '-',
      ]);
      expect(ff.code, ff.out).toBe(0);

      // Each session is audited at start and end, with the account, camera, stream and bytes.
      const c = city;
      const stops = await waitFor(
        async () => {
          const rows = await c.audit('restream.stop');
          return rows.length >= 3 ? rows : undefined;
        },
        { timeoutMs: 10_000, what: 'three restream.stop entries' },
      );
      const starts = await c.audit('restream.start');
      expect(starts.map((r) => [r.username, r.camera_id, r.agency_id])).toEqual([
        [VMS_USER, 'cam-001', 'carabinieri'],
        [VMS_USER, 'cam-003', 'carabinieri'],
        [VMS_USER, 'cam-001', 'carabinieri'],
      ]);
      const details = stops.map((r) => JSON.parse(r.details ?? '{}') as Record<string, unknown>);
      expect(stops.map((r, i) => [r.camera_id, details[i]?.stream, details[i]?.rtsps])).toEqual([
        ['cam-001', 'main', false],
        ['cam-003', 'main', false],
        ['cam-001', 'sub', true],
      ]);
      for (const d of details) expect(d.bytes).toBeGreaterThan(1000);
      expect(Number(stops[2]?.to_ms)).toBeGreaterThanOrEqual(Number(stops[2]?.from_ms));
    });

    it('GStreamer rtspsrc reads a granted camera over TCP', async () => {
      city = await startRestreamCity(open);
      await city.grant(['cam-002']);
      const url = `rtsp://127.0.0.1:${city.port}/cam-002/main`;
      const gst = await client('gst-launch-1.0', [
        '-q',
        'rtspsrc',
        `location=${url}`,
        'protocols=tcp',
        `user-id=${VMS_USER}`,
        `user-pw=${'Tre tigri contro tre tigri 2026'}`,
        '!',
        'rtph264depay',
        '!',
        'fakesink',
        'num-buffers=25',
      ]);
      expect(gst.code, gst.out).toBe(0);
      const c = city;
      await waitFor(async () => (await c.audit('restream.start')).length === 1, {
        timeoutMs: 5000,
        what: 'the GStreamer session audited',
      });
    });

    it('serves many clients from one camera connection', async () => {
      city = await startRestreamCity(open);
      await city.grant(['cam-001']);
      for (let i = 0; i < 3; i++) procs.push(reader(city.url('cam-001', { tls: i === 2 })));
      const c = city;
      await waitFor(
        () => c.services.restream.sessions().filter((s) => s.framesSent > 5).length === 3,
        { timeoutMs: 30_000, what: 'three clients receiving video' },
      );
      const mount = c.sim.stats().cameras.find((m) => m.id === 'cam-001')?.main;
      expect(mount?.sessions).toBe(1);
      expect(c.services.ingest.hub('cam-001', 'main').subscriberCount).toBeGreaterThanOrEqual(3);
    });

    it('writes the end of running sessions into the audit trail before it stops', async () => {
      const c = (city = await startRestreamCity(open));
      await c.grant(['cam-001']);
      procs.push(reader(c.url('cam-001')));
      await waitFor(() => c.services.restream.sessions().some((s) => s.framesSent > 5), {
        timeoutMs: 30_000,
        what: 'video flowing',
      });
      await c.services.restream.close();
      const stops = await c.audit('restream.stop');
      expect(stops.map((r) => JSON.parse(r.details ?? '{}') as { reason: string })).toMatchObject([
        { reason: 'server_shutdown' },
      ]);
    });

    /** What ends a running session, and the reasons audited at its end and for the refusal. */
    const endings = [
      {
        how: 'revoke',
        title: 'its agreement is revoked',
        stop: 'permission_revoked',
        denied: 'not_granted',
      },
      {
        how: 'suspend',
        title: 'its agreement is suspended',
        stop: 'permission_revoked',
        denied: 'not_granted',
      },
      {
        how: 'disable',
        title: 'its account is disabled',
        stop: 'account_disabled',
        denied: 'account_disabled',
      },
      { how: 'mask', title: 'the camera gets a privacy mask', stop: 'masked', denied: 'masked' },
    ] as const;
    for (const e of endings) {
      it(`ends a running session when ${e.title}`, async () => {
        city = await startRestreamCity(open);
        const agreement = await city.grant(['cam-001']);
        const p = reader(city.url('cam-001'));
        procs.push(p);
        const c = city;
        await waitFor(() => c.services.restream.sessions().some((s) => s.framesSent > 5), {
          timeoutMs: 30_000,
          what: 'video flowing',
        });
        if (e.how === 'disable') await c.services.restream.accounts.disable(VMS_USER);
        else if (e.how === 'mask') await c.mask('cam-001');
        else await c.end(agreement, e.how);
        // Re-checked every 2 s (and at once on an agreement change): well within 5 s.
        await waitFor(() => c.services.restream.sessions().length === 0, {
          timeoutMs: 5000,
          what: `the session ended after ${e.title}`,
        });
        await exited(p);
        const stop = await waitFor(async () => (await c.audit('restream.stop'))[0], {
          timeoutMs: 5000,
          what: 'restream.stop',
        });
        const details = JSON.parse(stop.details ?? '{}') as Record<string, unknown>;
        expect(details.reason).toBe(e.stop);
        expect(details.bytes).toBeGreaterThan(1000);
        const denied = await c.audit('restream.denied');
        expect(denied.map((d) => [d.reason, d.camera_id])).toContainEqual([e.denied, 'cam-001']);
      });
    }
  });
});
