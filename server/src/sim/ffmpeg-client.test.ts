import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../app/ffmpeg.ts';
import type { Simulator } from './simulator.ts';
import { startSimulator } from './simulator.ts';

/** Runs ffmpeg as an independent RTSP client; resolves with its exit code and error output. */
function ffmpegRead(url: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-rtsp_transport', 'tcp'];
    args.push('-i', url, '-t', '2', '-c', 'copy', '-f', 'null', '-');
    const child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('ffmpeg as an independent RTSP client', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      cameras: [
        { id: 'cam-001', codec: 'h264', width: 320, height: 180, sub: false },
        { id: 'cam-002', codec: 'h265', width: 320, height: 180, sub: false },
      ],
      loopSeconds: 2,
      auth: { username: 'viewer', password: 'pass-word', scheme: 'digest' },
    });
  });
  afterAll(() => sim.close());

  it.each([
    ['h264', 'cam-001'],
    ['h265', 'cam-002'],
  ])('reads the %s stream with Digest authentication and no error', async (_codec, id) => {
    const url = sim.url(id).replace('rtsp://', 'rtsp://viewer:pass-word@');
    const { code, stderr } = await ffmpegRead(url);
    expect(stderr.trim()).toBe('');
    expect(code).toBe(0);
    const stats = sim.stats().cameras.find((c) => c.id === id);
    expect(stats?.main.framesSent).toBeGreaterThanOrEqual(45);
  });
});
