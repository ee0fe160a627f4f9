/**
 * SIGKILL during recording: a recorder process is killed mid-segment and started again. The
 * repaired segment must end at most 2 s before the kill, every file must decode cleanly, and
 * the restart must be recorded as a gap that closes when recording resumes.
 */
import type { VedettaDb } from '../../src/compose/schema.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import type { RepairReport } from '../../src/recording/repair.ts';
import { startSimulator, type Simulator } from '../../src/sim/simulator.ts';
import { waitFor } from '../support/wait-for.ts';
import { ffmpegErrors } from './support.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const CAMERA = 'cam-kill';
const children: ChildProcess[] = [];
let sim: Simulator | undefined;
let db: VedettaDb | undefined;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await db?.destroy();
  await sim?.close();
});

/** Starts the recorder process; resolves with its repair report once it records. */
function startRecorder(args: string[]): Promise<{ child: ChildProcess; repair: RepairReport }> {
  const child = spawn(
    process.execPath,
    ['server/bin/run-ts.mjs', 'server/test/recording/recorder-process.ts', ...args],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`recorder did not start: ${err}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve({ child, repair: (JSON.parse(line) as { repair: RepairReport }).repair });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`recorder exited early (${code}): ${err}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

describe('a recorder killed with SIGKILL', () => {
  it('loses at most 2 s, leaves every file readable, and records the restart as a gap', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
    sim = await startSimulator({
      cameras: [{ id: CAMERA, codec: 'h264', width: 320, height: 240, gopSeconds: 1, sub: false }],
      port: 0,
      labelPerCamera: false,
    });
    const dbPath = path.join(dir, 'db.sqlite');
    const root = path.join(dir, 'recordings');
    const args = [dbPath, root, path.join(dir, 'keys'), CAMERA, sim.url(CAMERA)];

    const first = await startRecorder(args);
    expect(first.repair).toEqual({ repaired: [], tornBytes: 0, removed: [] });
    const d = await openDatabase<Schema>({ kind: 'sqlite', path: dbPath });
    db = d;
    const writing = await waitFor(
      async () => {
        const row = await d
          .selectFrom('segments')
          .selectAll()
          .where('state', '=', 'writing')
          .executeTakeFirst();
        return row && Date.now() - row.start_ms >= 4000 ? row : undefined;
      },
      { timeoutMs: 20_000, what: '4 s into a segment' },
    );
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await startRecorder(args);
    expect(second.repair.repaired).toEqual([writing.path]);
    const repaired = await d
      .selectFrom('segments')
      .selectAll()
      .where('id', '=', writing.id)
      .executeTakeFirstOrThrow();
    expect(repaired).toMatchObject({ state: 'complete', closed_by: 'repair' });
    expect(killedAt - repaired.end_ms).toBeLessThanOrEqual(2000);
    expect(repaired.end_ms).toBeLessThanOrEqual(killedAt + 500);

    const gap = await waitFor(
      () =>
        d
          .selectFrom('gaps')
          .selectAll()
          .where('cause', '=', 'restart')
          .where('end_ms', 'is not', null)
          .executeTakeFirst(),
      { timeoutMs: 20_000, what: 'the restart gap to close' },
    );
    expect(gap.start_ms).toBe(repaired.end_ms);
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.child.exitCode).toBe(0);

    const rows = await d.selectFrom('segments').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const s of rows) {
      expect(s.state).toBe('complete');
      expect(await ffmpegErrors(path.join(root, s.path)), s.path).toBe('');
    }
  });
});
