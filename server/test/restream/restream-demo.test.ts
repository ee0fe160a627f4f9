/**
 * `vedetta demo` turns the re-stream on, prints its addresses and a Carabinieri service account,
 * and that account reads a granted camera with ffprobe (RTSP/TCP) straight away.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ffprobePath } from '../../src/app/ffmpeg.ts';

const VEDETTA = fileURLToPath(new URL('../../bin/vedetta.mjs', import.meta.url));

/** The re-stream lines of the demo's banner. */
function readRestreamBanner(
  child: ChildProcess,
): Promise<{ url: string; tlsUrl: string; user: string; password: string }> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error('no stdout');
    const lines: string[] = [];
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const at = lines.findIndex((l) => l.startsWith('  rtsp:'));
      if (at < 0 || lines.length < at + 2) return;
      const m1 =
        /^ {2}rtsp: {5}(rtsp:\/\/127\.0\.0\.1:\d+\/)<camera>\/<main\|sub> and (rtsps:\/\/127\.0\.0\.1:\d+\/)</.exec(
          lines[at] ?? '',
        );
      const m2 = /^ {12}user (\S+), password (\S+) \(Carabinieri/.exec(lines[at + 1] ?? '');
      if (!m1?.[1] || !m1[2] || !m2?.[1] || !m2[2]) {
        reject(new Error(`unexpected banner:\n${lines.join('\n')}`));
        return;
      }
      resolve({ url: m1[1], tlsUrl: m1[2], user: m2[1], password: m2[2] });
    });
    child.once('exit', (code) => reject(new Error(`demo exited (${code}) early:\n${stderr}`)));
  });
}

describe('vedetta demo re-stream', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is on, printed, and readable with the printed service account', async () => {
    const data = mkdtempSync(join(tmpdir(), 'vedetta-'));
    dirs.push(data);
    const child = spawn(
      process.execPath,
      [VEDETTA, 'demo', '--port', '0', '--data', data, '--cameras', '4'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    const banner = await readRestreamBanner(child);
    expect(banner.user).toBe('carabinieri-vms');
    const url = new URL(`${banner.url}cam-002/sub`);
    url.username = banner.user;
    url.password = banner.password;
    const { stdout } = await promisify(execFile)(
      ffprobePath(),
      [
        '-v',
        'error',
        '-rtsp_transport',
        'tcp',
        '-show_entries',
        'stream=codec_name',
        '-of',
        'csv=p=0',
        url.href,
      ],
      { timeout: 60_000 },
    );
    expect(stdout.trim()).toBe('h264');
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  });
});
