/**
 * Reads an exported (progressive) MP4 back: each track's handler, timescale, sample descriptions
 * and sample table expanded to one record per sample (file offset, size, decode time, duration,
 * composition offset, sync flag, description). The verifier uses it to find every frame of the
 * exported video. Throws `Mp4Error` naming the missing or malformed box.
 */
import { Mp4Error, readBoxes, type BoxHeader } from '../../media/index.ts';

/** One sample as the sample tables describe it. */
export interface MovieSampleRecord {
  offset: number;
  size: number;
  decodeTime: number;
  durationTicks: number;
  compositionOffsetTicks: number;
  isKey: boolean;
  /** 1-based sample description index. */
  descriptionIndex: number;
}

/** One track of a movie. */
export interface MovieTrack {
  trackId: number;
  handler: string;
  timescale: number;
  /** Whole sample-entry boxes, in `stsd` order. */
  sampleEntries: Buffer[];
  samples: MovieSampleRecord[];
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'udta']);

function child(buf: Buffer, parent: BoxHeader, type: string): BoxHeader | undefined {
  const skip = parent.type === 'stsd' ? 8 : 0;
  for (const h of readBoxes(buf, parent.start + parent.headerSize + skip, parent.end)) {
    if (h.type === type) return h;
  }
  return undefined;
}

function need(buf: Buffer, parent: BoxHeader, type: string): BoxHeader {
  const h = child(buf, parent, type);
  if (!h) throw new Mp4Error(`'${parent.type}' has no '${type}' box`);
  return h;
}

/** Reads `count` fixed-size records after a full box's version/flags, prefix and count. */
function table(buf: Buffer, h: BoxHeader, prefix: number, recordSize: number): [number, number] {
  const at = h.start + h.headerSize + 4 + prefix;
  if (at + 4 > h.end) throw new Mp4Error(`'${h.type}' is cut off`);
  const count = buf.readUInt32BE(at);
  if (at + 4 + count * recordSize > h.end) {
    throw new Mp4Error(`'${h.type}' declares ${count} entries but is too short`);
  }
  return [count, at + 4];
}

/** The tracks of the `moov` box found in `moov` (the box's bytes, starting at its header). */
export function readMovieTracks(moov: Buffer): MovieTrack[] {
  const top = [...readBoxes(moov)];
  const root = top[0];
  if (!root || root.type !== 'moov') throw new Mp4Error('no moov box');
  if (!CONTAINERS.has(root.type)) throw new Mp4Error('moov is not a container');
  const tracks: MovieTrack[] = [];
  for (const h of readBoxes(moov, root.start + root.headerSize, root.end)) {
    if (h.type === 'trak') tracks.push(readTrack(moov, h));
  }
  return tracks;
}

function readTrack(buf: Buffer, trak: BoxHeader): MovieTrack {
  const tkhd = need(buf, trak, 'tkhd');
  const v = buf.readUInt8(tkhd.start + tkhd.headerSize);
  const trackId = buf.readUInt32BE(tkhd.start + tkhd.headerSize + (v === 1 ? 20 : 12));
  const mdia = need(buf, trak, 'mdia');
  const mdhd = need(buf, mdia, 'mdhd');
  const mv = buf.readUInt8(mdhd.start + mdhd.headerSize);
  const timescale = buf.readUInt32BE(mdhd.start + mdhd.headerSize + (mv === 1 ? 20 : 12));
  const hdlr = need(buf, mdia, 'hdlr');
  const handler = buf.toString(
    'latin1',
    hdlr.start + hdlr.headerSize + 8,
    hdlr.start + hdlr.headerSize + 12,
  );
  const stbl = need(buf, need(buf, mdia, 'minf'), 'stbl');
  const stsd = need(buf, stbl, 'stsd');
  const sampleEntries = [...readBoxes(buf, stsd.start + stsd.headerSize + 8, stsd.end)].map((e) =>
    buf.subarray(e.start, e.end),
  );
  return { trackId, handler, timescale, sampleEntries, samples: readSamples(buf, stbl) };
}

function readSamples(buf: Buffer, stbl: BoxHeader): MovieSampleRecord[] {
  const stsz = need(buf, stbl, 'stsz');
  const fixedSize = buf.readUInt32BE(stsz.start + stsz.headerSize + 4);
  const [count, sizesAt] = table(buf, stsz, 4, fixedSize === 0 ? 4 : 0);
  const samples: MovieSampleRecord[] = [];
  for (let i = 0; i < count; i++) {
    samples.push({
      offset: 0,
      size: fixedSize === 0 ? buf.readUInt32BE(sizesAt + i * 4) : fixedSize,
      decodeTime: 0,
      durationTicks: 0,
      compositionOffsetTicks: 0,
      isKey: true,
      descriptionIndex: 1,
    });
  }
  // stts: decode times and durations
  const stts = need(buf, stbl, 'stts');
  const [runs, sttsAt] = table(buf, stts, 0, 8);
  let i = 0;
  let t = 0;
  for (let r = 0; r < runs; r++) {
    const n = buf.readUInt32BE(sttsAt + r * 8);
    const d = buf.readUInt32BE(sttsAt + r * 8 + 4);
    for (let k = 0; k < n; k++, i++) {
      const s = samples[i];
      if (!s) throw new Mp4Error('stts describes more samples than stsz');
      s.decodeTime = t;
      s.durationTicks = d;
      t += d;
    }
  }
  if (i !== count) throw new Mp4Error(`stts describes ${i} samples, stsz ${count}`);
  const ctts = child(buf, stbl, 'ctts');
  if (ctts) {
    const signed = buf.readUInt8(ctts.start + ctts.headerSize) === 1;
    const [cruns, cAt] = table(buf, ctts, 0, 8);
    let j = 0;
    for (let r = 0; r < cruns; r++) {
      const n = buf.readUInt32BE(cAt + r * 8);
      const off = signed ? buf.readInt32BE(cAt + r * 8 + 4) : buf.readUInt32BE(cAt + r * 8 + 4);
      for (let k = 0; k < n; k++, j++) {
        const s = samples[j];
        if (!s) throw new Mp4Error('ctts describes more samples than stsz');
        s.compositionOffsetTicks = off;
      }
    }
  }
  const stss = child(buf, stbl, 'stss');
  if (stss) {
    for (const s of samples) s.isKey = false;
    const [n, at] = table(buf, stss, 0, 4);
    for (let k = 0; k < n; k++) {
      const s = samples[buf.readUInt32BE(at + k * 4) - 1];
      if (!s) throw new Mp4Error('stss names a sample that does not exist');
      s.isKey = true;
    }
  }
  // stsc + stco/co64: where each sample lies
  const stsc = need(buf, stbl, 'stsc');
  const [scRuns, scAt] = table(buf, stsc, 0, 12);
  const co = child(buf, stbl, 'stco') ?? child(buf, stbl, 'co64');
  if (!co) throw new Mp4Error("'stbl' has no 'stco' or 'co64' box");
  const wide = co.type === 'co64';
  const [chunks, coAt] = table(buf, co, 0, wide ? 8 : 4);
  let next = 0;
  for (let r = 0; r < scRuns; r++) {
    const first = buf.readUInt32BE(scAt + r * 12);
    const perChunk = buf.readUInt32BE(scAt + r * 12 + 4);
    const desc = buf.readUInt32BE(scAt + r * 12 + 8);
    const last = r + 1 < scRuns ? buf.readUInt32BE(scAt + (r + 1) * 12) - 1 : chunks;
    if (first < 1 || last > chunks || last < first - 1) throw new Mp4Error('stsc is inconsistent');
    for (let c = first; c <= last; c++) {
      let offset = wide
        ? Number(buf.readBigUInt64BE(coAt + (c - 1) * 8))
        : buf.readUInt32BE(coAt + (c - 1) * 4);
      for (let k = 0; k < perChunk; k++) {
        const s = samples[next++];
        if (!s) throw new Mp4Error('stsc describes more samples than stsz');
        s.offset = offset;
        s.descriptionIndex = desc;
        offset += s.size;
      }
    }
  }
  if (next !== count) throw new Mp4Error(`chunks hold ${next} samples, stsz ${count}`);
  return samples;
}
