/**
 * Latency figures of presented frames, kept only when asked for (the `bench:live` benchmark and
 * diagnostics set `localStorage['vedetta.live.stats'] = '1'`): per camera, the last frames'
 * capture-to-presentation delay in ms, readable from the page as `window.vedettaLiveStats`.
 */
import type { FrameTiming } from './player-state.ts';

/** Most samples kept per camera. */
const MAX_SAMPLES = 5000;

declare global {
  interface Window {
    /** Camera id → capture-to-presentation delays in ms (only while stats are enabled). */
    vedettaLiveStats?: Record<string, number[]>;
  }
}

let enabled: boolean | undefined;

function statsEnabled(): boolean {
  if (enabled === undefined) {
    try {
      enabled = window.localStorage.getItem('vedetta.live.stats') === '1';
    } catch {
      enabled = false;
    }
  }
  return enabled;
}

/** Records one presented frame's delay, when stats are enabled. */
export function recordFrameTiming(cameraId: string, timing: FrameTiming): void {
  if (!statsEnabled()) return;
  const all = (window.vedettaLiveStats ??= {});
  const list = (all[cameraId] ??= []);
  list.push(timing.presentedWallMs - timing.captureWallMs);
  if (list.length > MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES);
}
