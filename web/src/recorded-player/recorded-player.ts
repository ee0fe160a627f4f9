/**
 * Plays recorded video of one camera in a `<video>` through Media Source Extensions, without
 * transcoding: the recorded init segment and `moof`+`mdat` fragments are appended as stored,
 * each segment with `timestampOffset` = its wall-clock start minus the common origin, so the
 * media time of every frame is its recorded wall time (origin + currentTime). Seeking to an
 * instant loads from the key frame before it and then sets the exact time; playing keeps about
 * `aheadSeconds` × rate buffered, drops what is long past, and steps over gaps to the next
 * recorded frame (when its group lets it: see `PlaybackGroup`).
 *
 * Stream: a player prefers the main stream or the lighter sub-stream (a grid of tiles plays
 * sub-streams, a single or enlarged tile the main one). Each seek plays the preferred stream where
 * it recorded that instant, the other one otherwise (a camera that records no sub-stream, or
 * footage from before its sub-stream was recorded); playing on follows the stream chosen. The
 * stream in use is on the video element as `data-stream`.
 */
import {
  getFragments,
  getInit,
  getMedia,
  type MediaSegment,
  type MediaSource_,
  type StreamKind,
} from './recorded-api.ts';

const LISTING_MS = 20 * 60_000;
const BATCH = 8;

/** What the player reports. */
export interface PlayerListener {
  /** The player could not play (codec unsupported, fetch failed). */
  onError(message: string): void;
}

interface Position {
  segment: MediaSegment;
  /** Next fragment to append. */
  next: number;
}

function mime(codec: string): string {
  return `video/mp4; codecs="${codec}"`;
}

/** One camera's recorded-video player. */
export class RecordedPlayer {
  private mediaSource: MediaSource | undefined;
  private sb: SourceBuffer | undefined;
  private url: string | undefined;
  private codec: string | undefined;
  private chain: Promise<void> = Promise.resolve();
  private generation = 0;
  private segments: MediaSegment[] = [];
  private pos: Position | undefined;
  private loading = false;
  /** Releases the wait for a new source to open (see `reset`). */
  private releaseOpening: (() => void) | undefined;
  /** Seeks in progress: the load loop waits for them (it would read a half-set position). */
  private seeking = 0;
  private destroyed = false;
  /** Frames per second of the segment being played (for frame stepping). */
  frameRate = 25;
  /** Recorded wall time of the end of what is known to exist (for "no more data"). */
  endReached = false;
  /** The stream asked for; the one played may differ where it has no footage (see above). */
  private preferred: StreamKind;
  /** Where the media comes from: the session, the camera and the stream in use. */
  private src: MediaSource_;

  constructor(
    readonly video: HTMLVideoElement,
    src: MediaSource_,
    /** Wall time of media time 0, UTC ms. */
    readonly originMs: number,
    private readonly listener: PlayerListener,
    private readonly aheadSeconds = 8,
  ) {
    this.preferred = src.stream ?? 'main';
    this.src = { ...src, stream: this.preferred };
    this.video.dataset['stream'] = this.preferred;
  }

  /** The stream played now. */
  get stream(): StreamKind {
    return this.src.stream ?? 'main';
  }

  /** The stream asked for. */
  get preferredStream(): StreamKind {
    return this.preferred;
  }

  /** Asks for another stream; takes effect at the next seek (the group seeks it at once). */
  prefer(stream: StreamKind): void {
    this.preferred = stream;
  }

  /** True when the buffer holds media at media time `t` (with a little ahead of it). */
  hasDataAt(t: number): boolean {
    const r = this.sb?.buffered;
    if (!r) return false;
    for (let i = 0; i < r.length; i++)
      if (r.start(i) <= t + 0.05 && r.end(i) > t + 0.12) return true;
    return false;
  }

  /** Start of the first buffered stretch after media time `t`, if any. */
  nextDataAfter(t: number): number | undefined {
    const r = this.sb?.buffered;
    if (!r) return undefined;
    for (let i = 0; i < r.length; i++) if (r.start(i) > t + 0.05) return r.start(i);
    return undefined;
  }

  /** True while a seek is in progress. */
  get busy(): boolean {
    return this.seeking > 0;
  }

  /** Wall time of a media time. */
  wallOf(mediaTime: number): number {
    return this.originMs + mediaTime * 1000;
  }

  /** Media time of a wall time. */
  mediaOf(wallMs: number): number {
    return (wallMs - this.originMs) / 1000;
  }

  /** Loads from the key frame before `wallMs` and positions the video exactly at `wallMs`. */
  async seek(wallMs: number): Promise<void> {
    this.seeking++;
    try {
      await this.seekTo(wallMs);
    } finally {
      this.seeking--;
    }
  }

  private async seekTo(wallMs: number): Promise<void> {
    const gen = ++this.generation;
    this.endReached = false;
    await this.chooseStream(wallMs);
    if (gen !== this.generation) return;
    await this.ensureListing(wallMs);
    if (gen !== this.generation) return;
    let seg = this.segments.find((s) => s.startMs <= wallMs && s.endMs > wallMs);
    let at = wallMs;
    if (!seg) {
      seg = this.segments.find((s) => s.startMs > wallMs);
      if (!seg) {
        this.endReached = true;
        return;
      }
      at = seg.startMs;
    }
    const rel = at - seg.startMs;
    let k = 0;
    seg.fragments.forEach((f, i) => {
      if (f[0] <= rel && f[2] === 1) k = i;
    });
    await this.reset(seg.codecString);
    if (gen !== this.generation) return;
    this.pos = { segment: seg, next: k };
    this.frameRate = seg.frameRate;
    await this.appendInit(seg, gen);
    const target = seg.fragments.findLastIndex((f) => f[0] <= rel);
    await this.appendNext(gen, Math.max(BATCH, target - k + 2));
    if (gen !== this.generation) return;
    this.video.currentTime = this.mediaOf(at);
  }

  /**
   * Keeps enough buffered ahead, evicts old media and, when `skipGaps`, steps over gaps; call a
   * few times a second. A group steps over a gap only where every camera has one.
   */
  tick(skipGaps = true): void {
    if (this.destroyed || !this.sb || this.loading || this.seeking > 0) return;
    const v = this.video;
    const t = v.currentTime;
    const ranges = this.sb.buffered;
    let end = t;
    let nextStart: number | undefined;
    for (let i = 0; i < ranges.length; i++) {
      if (ranges.start(i) <= t + 0.05 && ranges.end(i) > t) end = ranges.end(i);
      if (ranges.start(i) > t + 0.05 && nextStart === undefined) nextStart = ranges.start(i);
    }
    // At the end of a buffered stretch with more media later: a gap; go on where recording resumes.
    if (skipGaps && !v.paused && end - t < 0.12 && nextStart !== undefined) {
      v.currentTime = nextStart + 0.001;
      return;
    }
    const want = this.aheadSeconds * Math.max(1, v.playbackRate);
    // Appends go on after the last buffered stretch: load while it ends less than `want` ahead
    // (a player waiting on a gap holds the footage after it, and no more).
    const lastEnd = ranges.length > 0 ? ranges.end(ranges.length - 1) : t;
    if (Math.max(end, lastEnd) - t < want && !this.endReached) {
      const gen = this.generation;
      this.loading = true;
      void this.appendNext(gen, BATCH)
        .catch((e: unknown) => this.listener.onError(e instanceof Error ? e.message : String(e)))
        .finally(() => {
          this.loading = false;
        });
    }
    if (ranges.length > 0 && ranges.start(0) < t - 60) {
      const upTo = t - 30;
      this.enqueue(async () => {
        if (this.sb && !this.destroyed) await this.wait(() => this.sb?.remove(0, upTo));
      });
    }
  }

  /** Releases the media. */
  destroy(): void {
    this.destroyed = true;
    this.generation++;
    this.video.removeAttribute('src');
    this.video.load();
    if (this.url) URL.revokeObjectURL(this.url);
  }

  /**
   * Plays the preferred stream where it recorded `wallMs`, the other where only that one did;
   * where neither did, the one whose footage resumes first (the preferred on a tie).
   */
  private async chooseStream(wallMs: number): Promise<void> {
    const order: StreamKind[] = this.preferred === 'sub' ? ['sub', 'main'] : ['main', 'sub'];
    let best: { stream: StreamKind; list: MediaSegment[]; next: number } | undefined;
    for (const stream of order) {
      const list =
        stream === this.stream && this.segments.some((s) => s.startMs <= wallMs && s.endMs > wallMs)
          ? this.segments
          : await getMedia({ ...this.src, stream }, wallMs - LISTING_MS / 4, wallMs + LISTING_MS);
      if (list.some((s) => s.startMs <= wallMs && s.endMs > wallMs)) {
        best = { stream, list, next: wallMs };
        break;
      }
      const next = list.find((s) => s.startMs > wallMs)?.startMs;
      if (next !== undefined && (best === undefined || next < best.next)) {
        best = { stream, list, next };
      }
      // A camera without a sub-stream recorded: no need to ask the main stream twice.
      if (stream === 'main' && this.preferred === 'main' && best !== undefined) break;
    }
    const stream = best?.stream ?? this.preferred;
    if (stream !== this.stream) {
      this.src = { ...this.src, stream };
      this.segments = [];
      this.video.dataset['stream'] = stream;
    }
    if (best) this.merge(best.list);
  }

  private async ensureListing(wallMs: number): Promise<void> {
    const covered = this.segments.some((s) => s.startMs <= wallMs && s.endMs > wallMs);
    if (covered) return;
    const list = await getMedia(this.src, wallMs - LISTING_MS / 4, wallMs + LISTING_MS);
    this.merge(list);
  }

  private merge(list: MediaSegment[]): void {
    const byId = new Map(this.segments.map((s) => [s.id, s]));
    for (const s of list) byId.set(s.id, s);
    this.segments = [...byId.values()].sort((a, b) => a.startMs - b.startMs);
  }

  /** A fresh MediaSource when there is none or the codec changes; otherwise empties the buffer. */
  private async reset(codec: string): Promise<void> {
    if (this.sb && this.codec === codec) {
      const sb = this.sb;
      await this.enqueueAndWait(async () => {
        if (sb.buffered.length > 0) await this.wait(() => sb.remove(0, Infinity));
      });
      return;
    }
    if (typeof MediaSource === 'undefined' || !MediaSource.isTypeSupported(mime(codec))) {
      this.listener.onError(`codec ${codec} not supported by this browser`);
      throw new Error(`codec ${codec} not supported`);
    }
    if (this.url) URL.revokeObjectURL(this.url);
    // A source replaced before it opened never opens: release whoever waits on it (a seek made
    // while another was starting would otherwise wait for ever, and hold the group's loop).
    this.releaseOpening?.();
    const ms = new MediaSource();
    this.mediaSource = ms;
    this.url = URL.createObjectURL(ms);
    this.video.src = this.url;
    await new Promise<void>((resolve) => {
      this.releaseOpening = resolve;
      ms.addEventListener('sourceopen', () => resolve(), { once: true });
    });
    if (this.mediaSource !== ms) return; // replaced meanwhile: the newer seek carries on
    this.releaseOpening = undefined;
    const sb = ms.addSourceBuffer(mime(codec));
    sb.mode = 'segments';
    this.sb = sb;
    this.codec = codec;
    this.chain = Promise.resolve();
  }

  private async appendInit(seg: MediaSegment, gen: number): Promise<void> {
    const init = await getInit(this.src, seg.id);
    if (gen !== this.generation) return;
    await this.enqueueAndWait(async () => {
      const sb = this.sb;
      if (!sb) return;
      sb.timestampOffset = this.mediaOf(seg.startMs);
      await this.wait(() => sb.appendBuffer(init));
    });
  }

  /** Appends the next `count` fragments, moving to the next segment when one is finished. */
  private async appendNext(gen: number, count: number): Promise<void> {
    const pos = this.pos;
    if (!pos) return;
    if (pos.next >= pos.segment.fragments.length) {
      if (!pos.segment.complete) {
        // Still being recorded: look for more of it.
        this.merge(await getMedia(this.src, pos.segment.startMs, pos.segment.startMs + LISTING_MS));
        const fresh = this.segments.find((s) => s.id === pos.segment.id);
        if (fresh && fresh.fragments.length > pos.next) pos.segment = fresh;
        return;
      }
      let following = this.segments.find(
        (s) => s.startMs >= pos.segment.endMs - 1 && s.id !== pos.segment.id,
      );
      if (!following) {
        this.merge(await getMedia(this.src, pos.segment.endMs, pos.segment.endMs + LISTING_MS));
        following = this.segments.find(
          (s) => s.startMs >= pos.segment.endMs - 1 && s.id !== pos.segment.id,
        );
      }
      if (gen !== this.generation) return;
      if (!following) {
        this.endReached = true;
        return;
      }
      if (following.codecString !== this.codec) {
        // A new codec needs a new source: continue from there.
        await this.seek(following.startMs);
        return;
      }
      this.pos = { segment: following, next: 0 };
      this.frameRate = following.frameRate;
      await this.appendInit(following, gen);
      return;
    }
    const segment = pos.segment;
    const n = Math.min(count, segment.fragments.length - pos.next);
    const bytes = await getFragments(this.src, segment.id, pos.next, n);
    if (gen !== this.generation) return;
    pos.next += n;
    await this.enqueueAndWait(async () => {
      const sb = this.sb;
      if (!sb) return;
      // Every append states its own segment's offset: a fragment placed with another segment's
      // offset would be shown at the wrong wall-clock time.
      sb.timestampOffset = this.mediaOf(segment.startMs);
      await this.wait(() => sb.appendBuffer(bytes));
    });
  }

  private enqueue(op: () => Promise<void>): void {
    this.chain = this.chain.then(op).catch(() => undefined);
  }

  private enqueueAndWait(op: () => Promise<void>): Promise<void> {
    const run = this.chain.then(op);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Runs an operation on the source buffer and waits for its `updateend`. */
  private wait(start: () => void): Promise<void> {
    const sb = this.sb;
    if (!sb) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        sb.removeEventListener('updateend', done);
        sb.removeEventListener('error', fail);
        resolve();
      };
      const fail = () => {
        sb.removeEventListener('updateend', done);
        sb.removeEventListener('error', fail);
        reject(new Error('the browser refused the media'));
      };
      sb.addEventListener('updateend', done);
      sb.addEventListener('error', fail);
      try {
        start();
      } catch (e) {
        sb.removeEventListener('updateend', done);
        sb.removeEventListener('error', fail);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }
}
