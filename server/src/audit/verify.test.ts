import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateInstallationKey } from '../keys/installation-key.ts';
import { appendToChain, EMPTY_HEAD } from './chain.ts';
import { signCheckpoint } from './checkpoint.ts';
import { entryHash, GENESIS_HASH, type AuditEntry, type AuditEntryContent } from './entry.ts';
import { verifyChain } from './verify.ts';

const key = loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-')));
const otherKey = loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-')));

function content(i: number): AuditEntryContent {
  return {
    timeMs: Date.UTC(2026, 0, 1) + i * 1000,
    userId: String(i % 7),
    username: `user${i % 7}`,
    agencyId: i % 2 === 0 ? '1' : '2',
    sourceAddress: '10.0.0.9',
    action: i % 3 === 0 ? 'playback.view' : 'live.start',
    cameraId: String(i % 11),
    resource: null,
    fromMs: i % 3 === 0 ? Date.UTC(2026, 0, 1) : null,
    toMs: i % 3 === 0 ? Date.UTC(2026, 0, 1) + 60_000 : null,
    outcome: i % 5 === 0 ? 'denied' : 'granted',
    reason: i % 3 === 0 ? 'indagine furto' : null,
    caseReference: i % 3 === 0 ? 'RG 1234/2026' : null,
    details: i % 4 === 0 ? '{"route":"/api/x"}' : null,
  };
}

function chain(n: number): AuditEntry[] {
  return appendToChain(
    EMPTY_HEAD,
    Array.from({ length: n }, (_, i) => content(i)),
  ).entries;
}

describe('appendToChain', () => {
  it('numbers entries from 1 and links each to the previous hash', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
  });

  it('continues a chain from its head exactly as one long append would', () => {
    const all = chain(10);
    const first = appendToChain(
      EMPTY_HEAD,
      Array.from({ length: 4 }, (_, i) => content(i)),
    );
    const rest = appendToChain(
      first.head,
      Array.from({ length: 6 }, (_, i) => content(i + 4)),
    );
    expect([...first.entries, ...rest.entries]).toEqual(all);
  });

  it('distinguishes null from the string "null" and field boundaries', () => {
    const a = content(1);
    const b = { ...a, reason: 'null' };
    const c = { ...a, username: 'ab', agencyId: 'c' };
    const d = { ...a, username: 'a', agencyId: 'bc' };
    expect(entryHash(1, a, GENESIS_HASH)).not.toBe(entryHash(1, b, GENESIS_HASH));
    expect(entryHash(1, c, GENESIS_HASH)).not.toBe(entryHash(1, d, GENESIS_HASH));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain with valid checkpoints and counts unsealed entries', () => {
    const entries = chain(50);
    const cps = [20, 40].map((s) => signCheckpoint(key, s, entries[s - 1]?.hash ?? '', 5));
    const r = verifyChain(entries, cps, key);
    expect(r).toMatchObject({ ok: true, entries: 50, lastSeq: 50, lastCheckpointSeq: 40 });
    expect(r.unsealedEntries).toBe(10);
    expect(r.firstBreak).toBeUndefined();
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([], [], key)).toMatchObject({ ok: true, entries: 0, lastSeq: 0 });
  });

  const fields: [keyof AuditEntry, unknown][] = [
    ['timeMs', 1],
    ['userId', '99'],
    ['username', 'mallory'],
    ['agencyId', '3'],
    ['sourceAddress', '1.2.3.4'],
    ['action', 'live.stop'],
    ['cameraId', '123'],
    ['resource', 'user:1'],
    ['fromMs', 0],
    ['toMs', 0],
    ['outcome', 'denied'],
    ['reason', 'altro'],
    ['caseReference', 'X'],
    ['details', '{}'],
    ['prevHash', 'f'.repeat(64)],
    ['hash', 'e'.repeat(64)],
  ];
  it.each(fields)('names the entry whose %s was changed', (field, value) => {
    const entries = chain(30);
    const target = entries[16];
    if (!target) throw new Error('fixture');
    entries[16] = { ...target, [field]: value };
    const r = verifyChain(entries, [], key);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ seq: 17, kind: 'changed' });
    expect(r.firstBreak?.message).toContain('entry 17');
  });

  it('detects a rewritten entry whose hash was recomputed, at the next entry', () => {
    const entries = chain(10);
    const t = entries[4];
    if (!t) throw new Error('fixture');
    const forged = { ...t, outcome: 'denied' as const };
    entries[4] = { ...forged, hash: entryHash(5, forged, forged.prevHash) };
    expect(verifyChain(entries, [], key).firstBreak).toMatchObject({
      seq: 6,
      kind: 'chain_broken',
    });
  });

  it('detects a whole rewritten chain against the signed checkpoint that sealed it', () => {
    const entries = chain(10);
    const cp = signCheckpoint(key, 8, entries[7]?.hash ?? '', 1);
    const rewritten = appendToChain(
      EMPTY_HEAD,
      entries.map((e, i) => (i === 2 ? { ...e, cameraId: '999' } : e)),
    ).entries;
    expect(verifyChain(rewritten, [cp], key).firstBreak).toMatchObject({
      seq: 8,
      kind: 'checkpoint_mismatch',
    });
  });

  it('detects a deleted entry in the middle as a gap', () => {
    const entries = chain(10);
    entries.splice(3, 2);
    expect(verifyChain(entries, [], key).firstBreak).toMatchObject({
      seq: 4,
      kind: 'missing',
      message: 'entries 4 to 5 are missing (deleted)',
    });
  });

  it('detects deleted entries renumbered to hide the gap', () => {
    const entries = chain(10);
    entries.splice(3, 1);
    const renumbered = entries.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered, [], key).firstBreak).toMatchObject({ seq: 4, kind: 'changed' });
  });

  it('detects deleted leading entries', () => {
    const entries = chain(10).slice(2);
    expect(verifyChain(entries, [], key).firstBreak).toMatchObject({ seq: 1, kind: 'missing' });
  });

  it('detects entries deleted from the tail behind a checkpoint', () => {
    const entries = chain(10);
    const cp = signCheckpoint(key, 10, entries[9]?.hash ?? '', 1);
    const r = verifyChain(entries.slice(0, 7), [cp], key);
    expect(r.firstBreak).toMatchObject({ seq: 8, kind: 'truncated' });
  });

  it('detects two rows whose sequence numbers were swapped', () => {
    const entries = chain(10);
    const a = entries[3];
    const b = entries[4];
    if (!a || !b) throw new Error('fixture');
    entries[3] = { ...b, seq: 4 };
    entries[4] = { ...a, seq: 5 };
    expect(verifyChain(entries, [], key).firstBreak).toMatchObject({ seq: 4, kind: 'changed' });
  });

  it('detects rows delivered out of order', () => {
    const entries = chain(10);
    const a = entries[3];
    const b = entries[4];
    if (!a || !b) throw new Error('fixture');
    entries[3] = b;
    entries[4] = a;
    expect(verifyChain(entries, [], key).firstBreak).toMatchObject({ seq: 4, kind: 'missing' });
  });

  it('rejects a checkpoint with a bad signature and names its entry', () => {
    const entries = chain(10);
    const cp = signCheckpoint(key, 6, entries[5]?.hash ?? '', 1);
    const bad = { ...cp, timeMs: 2 };
    const r = verifyChain(entries, [bad], key);
    expect(r.firstBreak).toMatchObject({ seq: 6, kind: 'checkpoint_signature' });
  });

  it('rejects a checkpoint signed by another key', () => {
    const entries = chain(10);
    const cp = signCheckpoint(otherKey, 6, entries[5]?.hash ?? '', 1);
    const r = verifyChain(entries, [cp], key);
    expect(r.firstBreak?.kind).toBe('checkpoint_signature');
    expect(r.firstBreak?.message).toContain('another key');
  });

  it('reports the earliest problem when a bad checkpoint precedes a broken entry', () => {
    const entries = chain(10);
    const cp = { ...signCheckpoint(key, 3, entries[2]?.hash ?? '', 1), signature: 'AAAA' };
    entries.splice(7, 1);
    expect(verifyChain(entries, [cp], key).firstBreak).toMatchObject({ seq: 3 });
  });
});
