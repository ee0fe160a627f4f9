/**
 * Counts the video frames in MP4 files without reading their media data: the sample count of
 * each `moov/trak/.../stsz` (a plain MP4, as ffmpeg's segment muxer writes) plus that of each
 * `moof/traf/trun` (a fragmented MP4, as Vedetta's recorder writes). Only box headers are read.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a folder of recordings holds. */
export interface RecordedFiles {
  files: number;
  frames: number;
  bytes: number;
  /** Files whose boxes could not be walked to the end (cut short, damaged). */
  damaged: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'moof', 'traf']);
/** Boxes whose full-box body starts with the sample count (trun) or has it after one field (stsz). */
const COUNT_AT: Record<string, number> = { trun: 4, stsz: 8 };
/** Bounded walk: no real file of ours has this many boxes. */
const MAX_BOXES = 10_000_000;

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  const n = readSync(fd, buf, 0, len, pos);
  return buf.subarray(0, n);
}

/** Frames in one MP4 file; `ok` false when a box runs past the end of the file. */
export function countMp4Frames(file: string): { frames: number; ok: boolean } {
  const fd = openSync(file, 'r');
  try {
    const size = statSync(file).size;
    let frames = 0;
    let boxes = 0;
    const walk = (start: number, end: number): boolean => {
      let pos = start;
      while (pos + 8 <= end) {
        if (++boxes > MAX_BOXES) return false;
        const head = readAt(fd, pos, 16);
        if (head.length < 8) return false;
        let boxSize = head.readUInt32BE(0);
        const type = head.toString('latin1', 4, 8);
        let headerLen = 8;
        if (boxSize === 1) {
          if (head.length < 16) return false;
          boxSize = Number(head.readBigUInt64BE(8));
          headerLen = 16;
        } else if (boxSize === 0) {
          boxSize = end - pos;
        }
        if (boxSize < headerLen || pos + boxSize > end) return false;
        const countAt = COUNT_AT[type];
        if (CONTAINERS.has(type)) {
          if (!walk(pos + headerLen, pos + boxSize)) return false;
        } else if (countAt !== undefined) {
          const field = readAt(fd, pos + headerLen + countAt, 4);
          if (field.length < 4) return false;
          frames += field.readUInt32BE(0);
        }
        pos += boxSize;
      }
      return pos === end;
    };
    const ok = walk(0, size);
    return { frames, ok };
  } finally {
    closeSync(fd);
  }
}

/** Every `.mp4` file under `dir` (recursively): how many, their frames and their bytes. */
export function scanRecordings(dir: string): RecordedFiles {
  const total: RecordedFiles = { files: 0, frames: 0, bytes: 0, damaged: 0 };
  const visit = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (entry.isFile() && entry.name.endsWith('.mp4')) {
        const { frames, ok } = countMp4Frames(p);
        total.files++;
        total.frames += frames;
        total.bytes += statSync(p).size;
        if (!ok) total.damaged++;
      }
    }
  };
  visit(dir);
  return total;
}
