/**
 * Timeline thumbnails: the key frame at or before an instant, decoded small (JPEG), kept in a
 * bounded in-memory LRU keyed by segment, key-frame fragment and width (and the privacy masks
 * burned in, which differ between users who lifted them and users who did not). Every instant
 * up to the next key frame shares one entry, so hovering along a timeline mostly hits the cache.
 */
import { decodeKeyFrame, type KeyFrameThumbnail, locateKeyFrame } from '../stills/index.ts';
import type { RecordedFiles, RecordingDb } from '../recording/index.ts';

/** Width of a thumbnail, pixels. */
export const THUMBNAIL_WIDTH = 160;
/** Most thumbnails kept in memory. */
export const THUMBNAIL_CACHE_ENTRIES = 512;

/** A thumbnail and the key frame it shows. */
export interface Thumbnail {
  image: Buffer;
  /** Wall time of the key frame, UTC ms (fractional). */
  frameMs: number;
}

/** The thumbnail cache and decoder. */
export class ThumbnailCache {
  private readonly entries = new Map<string, Buffer>();
  private decodeCount = 0;

  constructor(
    private readonly db: RecordingDb,
    private readonly files: RecordedFiles,
    private readonly maxEntries = THUMBNAIL_CACHE_ENTRIES,
  ) {}

  /** How many key frames were decoded (cache misses), since start. */
  get decodes(): number {
    return this.decodeCount;
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The thumbnail of `cameraId` at `atMs` (its key frame at or before); `not_found` when nothing
   * was recorded then. `maskKey` names the masks that apply to the caller (empty: none), and
   * `mask` burns them into a freshly decoded thumbnail.
   */
  async thumbnail(
    cameraId: string,
    atMs: number,
    maskKey: string,
    mask: (thumb: KeyFrameThumbnail) => Promise<Buffer>,
    width = THUMBNAIL_WIDTH,
  ): Promise<Thumbnail> {
    const loc = await locateKeyFrame(this.db, cameraId, atMs);
    const key = `${loc.segment.id}:${loc.fragmentIndex}:${width}:${maskKey}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return { image: hit, frameMs: loc.frameMs };
    }
    this.decodeCount += 1;
    const thumb = await decodeKeyFrame(this.files, loc, width);
    const image = maskKey === '' ? thumb.image : await mask(thumb);
    this.entries.set(key, image);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    return { image, frameMs: loc.frameMs };
  }
}
