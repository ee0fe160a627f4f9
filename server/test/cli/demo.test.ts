import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const VEDETTA = fileURLToPath(new URL('../../bin/vedetta.mjs', import.meta.url));

interface Ready {
  url: string;
  user: string;
  password: string;
}

/** Reads the demo's banner from its standard output (bounded by the test timeout). */
function readBanner(child: ChildProcess): Promise<Ready> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error('no stdout');
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    rl.on('line', (line) => {
      lines.push(line);
      const start = lines.indexOf('Vedetta demo ready');
      if (start < 0 || lines.length < start + 4) return;
      const [web, user, password] = lines.slice(start + 1, start + 4);
      const m1 = /^ {2}web: {6}(http:\/\/127\.0\.0\.1:\d+\/)$/.exec(web ?? '');
      const m2 = /^ {2}user: {5}(\S+)$/.exec(user ?? '');
      const m3 = /^ {2}password: (\S+)$/.exec(password ?? '');
      if (!m1?.[1] || !m2?.[1] || !m3?.[1]) {
        reject(new Error(`unexpected banner:\n${lines.join('\n')}`));
        return;
      }
      resolve({ url: m1[1], user: m2[1], password: m3[1] });
    });
    child.once('exit', (code) => reject(new Error(`demo exited (${code}) early:\n${stderr}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('vedetta demo', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('prints the web address and admin credentials, which log in; stops on SIGTERM', async () => {
    const data = mkdtempSync(join(tmpdir(), 'vedetta-'));
    dirs.push(data);
    const child = spawn(
      process.execPath,
      [VEDETTA, 'demo', '--port', '0', '--data', data, '--cameras', '12'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    const ready = await readBanner(child);
    expect(ready.user).toBe('admin');

    const page = await fetch(ready.url);
    expect(page.status).toBeLessThan(500);
    const login = await fetch(new URL('/api/session', ready.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: ready.user, password: ready.password }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({
      user: { username: 'admin', role: 'administrator' },
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const cameras = await fetch(new URL('/api/cameras', ready.url), { headers: { cookie } });
    const body = (await cameras.json()) as {
      cameras: {
        id: string;
        streams: { main: string; sub: string };
        location: { latitude: number };
      }[];
    };
    expect(body.cameras).toHaveLength(12);
    expect(body.cameras[0]?.streams.main).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/cam-001$/);
    expect(body.cameras[0]?.streams.sub).toMatch(/\/cam-001\/sub$/);
    expect(Math.abs((body.cameras[0]?.location.latitude ?? 0) - 44.1)).toBeLessThan(0.1);
    const groups = await fetch(new URL('/api/camera-groups', ready.url), { headers: { cookie } });
    expect(((await groups.json()) as { groups: unknown[] }).groups.length).toBeGreaterThan(1);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });
});
