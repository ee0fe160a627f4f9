/**
 * A full recording volume, for real: the data folder (database, keys, recordings) on a 60 MiB
 * tmpfs, four simulated cameras recording, and another file (`fallocate`) taking every free
 * byte. While the volume is full, reading requests keep working (sessions stay valid though
 * their idle time cannot be written) and a login is refused with 503 "storage full", never 500.
 * Disk pressure then frees space without the database being writable first (it releases its
 * reserve, then deletes the oldest recordings through the journal), records the run and the
 * deletions in the audit trail; once the other file is gone, recording resumes with a `disk`
 * gap and the alarms clear, without a restart. Needs root (mount); skipped otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/cli/demo/start-demo.ts';
import { waitFor } from '../support/wait-for.ts';

const isRoot = process.getuid?.() === 0;
const CAMERAS = 4;
const MiB = 1024 * 1024;

let mountDir = '';
let mounted = false;
let demo: Demo | undefined;

function freeBytes(): number {
  const s = statfsSync(mountDir);
  return s.bavail * s.bsize;
}

/** Takes every free byte of the volume with one file, as another process would. */
function fillVolume(file: string): void {
  let size = freeBytes();
  while (size > 0) {
    try {
      execFileSync('fallocate', ['-l', String(size), file]);
      return;
    } catch {
      size -= 256 * 1024; // the file's own blocks of metadata: a little less
    }
  }
}

function unmount(): void {
  if (!mounted) return;
  try {
    execFileSync('umount', [mountDir]);
  } catch {
    execFileSync('umount', ['-l', mountDir]);
  }
  mounted = false;
}

describe.skipIf(!isRoot)('a full recording volume (a real 60 MiB tmpfs; needs root)', () => {
  beforeAll(async () => {
    mountDir = mkdtempSync(path.join(tmpdir(), 'vedetta-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=60m', 'tmpfs', mountDir]);
    mounted = true;
    writeFileSync(
      path.join(mountDir, 'vedetta.yaml'),
      [
        `storage: { path: ${JSON.stringify(mountDir)} }`,
        'server: { host: 127.0.0.1, port: 8080 }',
        'log: { level: silent }',
        'recording: { segmentSeconds: 10, diskRetrySeconds: 1 }',
        'retention: { disk: { checkEverySeconds: 5, reserveMiB: 4 } }',
        '',
      ].join('\n'),
    );
    demo = await startDemo({ dataDir: mountDir, port: 0, simulatorPort: 0, cameras: CAMERAS });
  }, 60_000);

  afterAll(async () => {
    try {
      await demo?.close();
    } finally {
      unmount();
      rmSync(mountDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps serving reads, frees space, records it and recovers by itself', async () => {
    const d = demo;
    if (!d) throw new Error('demo did not start');
    const { services } = d.vedetta;
    const api = (p: string, init?: RequestInit) => fetch(new URL(p, d.url), init);
    const login = () =>
      api('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: d.username, password: d.password }),
      });
    const first = await login();
    expect(first.status).toBe(200);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const read = (p: string) => api(p, { headers: { cookie } });

    // Recordings accumulate, and the reserve is in place.
    const recordedBytes = async () =>
      Number(
        (
          await services.db
            .selectFrom('segments')
            .select((eb) => eb.fn.sum<number>('size_bytes').as('bytes'))
            .where('state', '=', 'complete')
            .executeTakeFirstOrThrow()
        ).bytes ?? 0,
      );
    await waitFor(async () => (await recordedBytes()) >= 8 * MiB, {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: '8 MiB of complete recordings',
    });
    const reserve = path.join(mountDir, '.reserve');
    await waitFor(() => existsSync(reserve), {
      timeoutMs: 20_000,
      intervalMs: 250,
      what: 'the space reserve',
    });

    // Another process takes every free byte; disk pressure is held off while reads are tried.
    await services.retention.stop();
    const filler = path.join(mountDir, 'filler.bin');
    fillVolume(filler);
    expect(() => writeFileSync(path.join(mountDir, 'probe'), Buffer.alloc(256 * 1024))).toThrow(
      /ENOSPC/,
    );
    for (const p of ['/api/session', '/api/cameras', '/api/retention/status']) {
      const r = await read(p);
      expect(r.status, `GET ${p} on a full volume`).toBe(200);
    }
    // The recorders run into the full volume: each ends its segment and opens a `disk` gap.
    await waitFor(() => services.recording.allStatuses().some((s) => s.lastError !== undefined), {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'a recorder failing on the full volume',
    });
    const full = await login();
    // A login must write (its attempt, the session): refused with 503 "storage full", not 500.
    expect(full.status, 'a login on a full volume').toBe(503);
    expect(await full.text()).toMatch(/storage full/);

    // Disk pressure frees space on its own: reserve first, then the oldest recordings.
    services.retention.start();
    const run = await waitFor(
      async () => {
        const runs = await services.retention.runs(1);
        return runs.find((r) => r.kind === 'disk_pressure' && r.segmentsDeleted > 0) ?? false;
      },
      { timeoutMs: 45_000, intervalMs: 250, what: 'a disk-pressure run that deleted segments' },
    );
    expect(run.state).toBe('ok');

    // The other file goes away: recording resumes with a `disk` gap, the alarms clear.
    unlinkSync(filler);
    await waitFor(
      () =>
        services.retention.alarms
          .active()
          .every((a) => !a.kind.startsWith('storage.') && a.kind !== 'recording.stopped_disk') &&
        services.recording.allStatuses().filter((s) => s.state === 'recording').length >= CAMERAS,
      { timeoutMs: 60_000, intervalMs: 250, what: 'recording on every camera, no storage alarm' },
    );
    const diskGaps = await waitFor(
      async () => {
        const gaps = await services.db
          .selectFrom('gaps')
          .select(['camera_id', 'end_ms'])
          .where('cause', '=', 'disk')
          .where('end_ms', 'is not', null)
          .execute();
        return gaps.length > 0 ? gaps : false;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'a closed gap of cause disk' },
    );
    expect(diskGaps.length).toBeGreaterThan(0);
    await services.audit.flush();
    const deletions = await services.db
      .selectFrom('audit_entries')
      .select(['action', 'reason', 'resource'])
      .where('action', '=', 'recording.delete')
      .where('resource', '=', `retention_run:${run.id}`)
      .execute();
    expect(deletions.length).toBeGreaterThan(0);
    expect(deletions.every((e) => e.reason === 'disk pressure')).toBe(true);
    expect((await read('/api/cameras')).status).toBe(200);
  }, 240_000);
});
