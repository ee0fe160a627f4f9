/**
 * Up to 16 recorded players driven as one, all at the same wall-clock instant (every player's
 * media time is wall time minus the same origin). Play, pause, speed (0.5× to 16×), seek to an
 * instant and frame stepping apply to all. The cameras may have recorded at different moments:
 * the group's clock is the first player that has footage at its playhead (the reference); a
 * player without footage there waits on its gap (its tile says so) and joins when its footage
 * resumes; the group steps over a gap only where every camera has one. A loop a few times a
 * second lets each player load ahead and keeps the others on the reference: a small drift is
 * closed by playing a little faster or slower (no seek, no stutter), a large one by a seek.
 *
 * Streams: with more than one tile each player prefers its camera's sub-stream (light enough for
 * 16 tiles); a single tile, or the one enlarged, plays the main stream.
 */
import type { RecordedPlayer } from '../recorded-player/index.ts';

/** The speeds offered. */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8, 16];

/** A drift above this (seconds) is closed by a seek. */
const SEEK_DRIFT_S = 0.5;
/** A drift above this (seconds) is closed by a rate nudge. */
const NUDGE_DRIFT_S = 0.015;
/** At most this share faster or slower while catching up. */
const MAX_NUDGE = 0.1;

/** The rate that closes `drift` seconds (player ahead: positive) over a few ticks. */
export function nudgedRate(rate: number, drift: number): number {
  if (Math.abs(drift) <= NUDGE_DRIFT_S) return rate;
  const share = Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, drift));
  return rate * (1 - share);
}

/** The synchronised players of the page. */
export class PlaybackGroup {
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The player the others follow (see the file's comment). */
  private ref: RecordedPlayer | undefined;
  /** The rate asked for (players may run slightly off it while catching up). */
  private rate = 1;
  /** Whether the group was asked to play (a player reloading its media is put back in step). */
  private wantPlaying = false;
  /** The index of the enlarged player, if one is. */
  private enlargedIndex: number | null = null;

  /** Media time of the frame on screen (from `requestVideoFrameCallback`), if known. */
  private shownMediaTime: number | undefined;

  constructor(readonly players: RecordedPlayer[]) {
    this.ref = players[0];
    this.choosePreferredStreams();
  }

  /** Records which frame the reference presented last; frame steps start from it. */
  frameShown(mediaTime: number): void {
    this.shownMediaTime = mediaTime;
  }

  /** The player whose clock the group follows now (the first with footage at its playhead). */
  get master(): RecordedPlayer | undefined {
    return this.ref ?? this.players[0];
  }

  /** The group's media time (seconds from the common origin). */
  get currentTime(): number {
    return this.master?.video.currentTime ?? 0;
  }

  /** Starts the loading and synchronisation loop. */
  start(): void {
    this.timer ??= setInterval(() => this.tick(), 250);
  }

  /** Stops everything and releases the media. */
  destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const p of this.players) p.destroy();
  }

  /** Seeks every player to a wall-clock instant (from the key frame before it). */
  async seek(wallMs: number): Promise<void> {
    const playing = this.wantPlaying;
    this.pause();
    await Promise.all(this.players.map((p) => p.seek(wallMs)));
    if (playing) await this.play();
  }

  async play(): Promise<void> {
    this.wantPlaying = true;
    await Promise.all(this.players.map((p) => p.video.play().catch(() => undefined)));
  }

  pause(): void {
    this.wantPlaying = false;
    for (const p of this.players) p.video.pause();
  }

  setRate(rate: number): void {
    this.rate = rate;
    for (const p of this.players) p.video.playbackRate = rate;
  }

  /**
   * Enlarges player `index` (null: none): it plays the main stream, the others stay on theirs.
   * The enlarged player is re-seeked to the group's instant in its new stream.
   */
  async enlarge(index: number | null): Promise<void> {
    const before = this.enlargedIndex;
    this.enlargedIndex = index;
    this.choosePreferredStreams();
    const at = this.master?.wallOf(this.currentTime);
    if (at === undefined) return;
    const changed = [before, index].filter((i): i is number => i !== null);
    await Promise.all(
      changed.map(async (i) => {
        const p = this.players[i];
        if (!p || p.stream === p.preferredStream) return;
        await p.seek(at);
        if (this.wantPlaying) await p.video.play().catch(() => undefined);
      }),
    );
  }

  /**
   * Pauses and moves one frame forward (+1) or back (-1). The step starts from the frame on
   * screen, not from `currentTime`: right after a pause `currentTime` may still lag the presented
   * frame, and a step from it could land on the same frame. The target is a quarter frame inside
   * the next frame, never on a boundary between two.
   */
  step(direction: 1 | -1): void {
    this.pause();
    const m = this.master;
    if (!m) return;
    const frame = 1 / (m.frameRate || 25);
    const from = this.shownMediaTime ?? m.video.currentTime;
    const t = Math.max(0, from + direction * frame + frame / 4);
    for (const p of this.players) p.video.currentTime = t;
  }

  private choosePreferredStreams(): void {
    const grid = this.players.length > 1;
    this.players.forEach((p, i) => {
      p.prefer(grid && i !== this.enlargedIndex ? 'sub' : 'main');
    });
  }

  private tick(): void {
    const first = this.players[0];
    if (!first) return;
    for (const p of this.players) p.tick(this.players.length === 1);
    if (this.players.some((p) => p.busy)) return;
    // Every player as asked: one whose media was reloaded (a new source) is paused; resume it.
    for (const p of this.players) {
      if (this.wantPlaying && p.video.paused) void p.video.play().catch(() => undefined);
    }
    if (this.players.length === 1) return;
    // The reference: the previous one while it still has footage, else the first that has.
    const ref = this.ref?.hasDataAt(this.ref.video.currentTime)
      ? this.ref
      : this.players.find((p) => p.hasDataAt(p.video.currentTime));
    if (!ref) {
      this.stepOverCommonGap();
      return;
    }
    this.ref = ref;
    const t = ref.video.currentTime;
    if (ref.video.playbackRate !== this.rate) ref.video.playbackRate = this.rate;
    for (const p of this.players) {
      if (p === ref) continue;
      const v = p.video;
      const drift = v.currentTime - t;
      if (Math.abs(drift) > SEEK_DRIFT_S || (!this.wantPlaying && Math.abs(drift) > 0.001)) {
        v.currentTime = t;
        v.playbackRate = this.rate;
      } else if (p.hasDataAt(v.currentTime)) {
        const r = nudgedRate(this.rate, drift);
        if (v.playbackRate !== r) v.playbackRate = r;
      } else {
        // Waiting on its gap: keep its playhead on the group's instant.
        if (Math.abs(drift) > 0.1) v.currentTime = t;
      }
    }
  }

  /** Every player is at the end of its footage: all jump to where the first one resumes. */
  private stepOverCommonGap(): void {
    if (!this.wantPlaying) return;
    const t = this.currentTime;
    const next = this.players
      .map((p) => p.nextDataAfter(t))
      .filter((x): x is number => x !== undefined)
      .reduce<number | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
    if (next === undefined) return;
    for (const p of this.players) p.video.currentTime = next + 0.001;
  }
}
