/**
 * The hashing of an exported video, on two worker threads while the main thread copies bytes:
 * one computes the SHA-256 and CRC-32 of the output (for the manifest and the zip), the other,
 * when asked, the SHA-256 of each recorded fragment read (checked against the recorder's index).
 * Read buffers are shared (`SharedArrayBuffer`), never copied; requests are answered in order.
 */
import { Worker } from 'node:worker_threads';
import type { EntryDigests } from './zip/zip-writer.ts';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
let out = createHash('sha256');
let crc = 0;
const add = (b) => { out.update(b); crc = crc32(b, crc); };
parentPort.on('message', (m) => {
  if (m.op === 'bytes') { add(m.bytes); parentPort.postMessage({ id: m.id, digests: [] }); return; }
  if (m.op === 'end') {
    parentPort.postMessage({ id: m.id, sha256: out.digest('hex'), crc32: crc >>> 0 });
    out = createHash('sha256'); crc = 0; return;
  }
  const buf = Buffer.from(m.sab);
  const digests = m.source.map(([s, l]) => createHash('sha256').update(buf.subarray(s, s + l)).digest('hex'));
  for (const [s, l] of m.output) add(buf.subarray(s, s + l));
  parentPort.postMessage({ id: m.id, digests });
});
`;

/** A buffer the worker can read without a copy. */
export function sharedBuffer(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}

type Reply = { id: number; digests?: string[]; sha256?: string; crc32?: number };

/** One worker and its pending requests. */
class HashWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve(r: Reply): void; reject(e: unknown): void }
  >();
  private nextId = 0;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.resolve(m);
    });
    this.worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  send(m: Record<string, unknown>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...m, id });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The hashing workers of one video. */
export class VideoHasher {
  private readonly output = new HashWorker();
  private readonly sources = new HashWorker();

  /** Adds bytes (copied) to the output digests. */
  async bytes(b: Uint8Array): Promise<void> {
    await this.output.send({ op: 'bytes', bytes: Uint8Array.from(b) });
  }

  /**
   * Adds `output` ranges of a shared buffer to the output digests, in order; resolves with the
   * SHA-256 of each `source` range. The buffer may be reused once this resolves.
   */
  async run(
    buf: Buffer,
    source: [number, number][],
    output: [number, number][],
  ): Promise<string[]> {
    const base = buf.byteOffset;
    const shift = (r: [number, number]): [number, number] => [base + r[0], r[1]];
    const [, checked] = await Promise.all([
      this.output.send({ op: 'run', sab: buf.buffer, source: [], output: output.map(shift) }),
      source.length > 0
        ? this.sources.send({ op: 'run', sab: buf.buffer, source: source.map(shift), output: [] })
        : Promise.resolve<Reply>({ id: -1, digests: [] }),
    ]);
    return checked.digests ?? [];
  }

  /** The output digests of everything added; starts afresh. */
  async end(): Promise<EntryDigests> {
    const r = await this.output.send({ op: 'end' });
    return { sha256: r.sha256 ?? '', crc32: r.crc32 ?? 0 };
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all([this.output.close(), this.sources.close()]);
  }
}
