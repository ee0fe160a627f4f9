/**
 * The subtitle lines of the exported movie: the recorded wall-clock time, second by second, in
 * UTC and in the installation's local time, and over a gap the words "no recording" with its
 * cause, so that whoever plays the file sees when each frame was recorded and where nothing was.
 */
import type { MovieText } from './movie/movie.ts';
import { localIso } from './local-time.ts';

/** A stretch without recording, UTC ms. */
export interface TextGap {
  fromMs: number;
  toMs: number;
  cause: string;
}

function clock(ms: number, timeZone: string): string {
  const utc = new Date(ms).toISOString();
  const local = localIso(ms, timeZone);
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)} UTC · ${local.slice(11, 19)} ${local.slice(23)} (${timeZone})`;
}

/**
 * Text samples covering `durationMs` of movie time starting at wall time `firstMs`: one per wall
 * second, split at gap boundaries.
 */
export function wallClockText(
  firstMs: number,
  durationMs: number,
  gaps: readonly TextGap[],
  timeZone: string,
): MovieText[] {
  if (durationMs <= 0) return [];
  const cuts = new Set<number>([0, durationMs]);
  for (let s = Math.ceil(firstMs / 1000) * 1000; s - firstMs < durationMs; s += 1000) {
    cuts.add(Math.round(s - firstMs));
  }
  for (const g of gaps) {
    for (const edge of [g.fromMs, g.toMs]) {
      const rel = Math.round(edge - firstMs);
      if (rel > 0 && rel < durationMs) cuts.add(rel);
    }
  }
  const sorted = [...cuts].filter((c) => c >= 0 && c <= durationMs).sort((a, b) => a - b);
  const out: MovieText[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i] ?? 0;
    const b = sorted[i + 1] ?? 0;
    if (b <= a) continue;
    const at = firstMs + a;
    const gap = gaps.find((g) => at >= g.fromMs && at < g.toMs);
    const text = gap
      ? `NESSUNA REGISTRAZIONE / NO RECORDING (${gap.cause}) ${new Date(gap.fromMs).toISOString().slice(11, 19)}–${new Date(gap.toMs).toISOString().slice(11, 19)} UTC`
      : clock(at, timeZone);
    out.push({ text, durationMs: b - a });
  }
  return out;
}
