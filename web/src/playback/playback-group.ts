/**
 * Up to four recorded players driven as one: the first is the master clock; play, pause, speed
 * (0.5× to 16×), seek to a wall-clock instant and frame stepping apply to all; a loop a few times
 * a second lets each player load ahead and pulls any that drift more than 0.2 s back in step.
 */
import type { RecordedPlayer } from './recorded-player.ts';

/** The speeds offered. */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8, 16];

/** The synchronised players of the page. */
export class PlaybackGroup {
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Media time of the frame on screen (from `requestVideoFrameCallback`), if known. */
  private shownMediaTime: number | undefined;

  constructor(readonly players: RecordedPlayer[]) {}

  /** Records which frame the master presented last; frame steps start from it. */
  frameShown(mediaTime: number): void {
    this.shownMediaTime = mediaTime;
  }

  /** The master player (the first). */
  get master(): RecordedPlayer | undefined {
    return this.players[0];
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
    const playing = this.master ? !this.master.video.paused : false;
    this.pause();
    await Promise.all(this.players.map((p) => p.seek(wallMs)));
    if (playing) await this.play();
  }

  async play(): Promise<void> {
    await Promise.all(this.players.map((p) => p.video.play().catch(() => undefined)));
  }

  pause(): void {
    for (const p of this.players) p.video.pause();
  }

  setRate(rate: number): void {
    for (const p of this.players) p.video.playbackRate = rate;
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

  private tick(): void {
    const m = this.master;
    if (!m) return;
    for (const p of this.players) p.tick();
    const t = m.video.currentTime;
    for (const p of this.players.slice(1)) {
      const v = p.video;
      if (v.playbackRate !== m.video.playbackRate) v.playbackRate = m.video.playbackRate;
      if (m.video.paused !== v.paused) {
        if (m.video.paused) v.pause();
        else void v.play().catch(() => undefined);
      }
      if (Math.abs(v.currentTime - t) > 0.2 && m.video.readyState >= 2) v.currentTime = t;
    }
  }
}
