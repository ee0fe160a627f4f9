/**
 * The console's sound for a new high-priority alarm: a short two-tone beep made with the Web
 * Audio API (no audio file), and the mute switch, remembered per user in localStorage.
 */
import { useState } from 'react';

const storageKey = (userId: string) => `vedetta.alarms.muted.${userId}`;

/** Plays the beep; silently nothing where the browser has no audio or refuses it. */
export function beep(): void {
  const Ctx = globalThis.AudioContext as typeof AudioContext | undefined;
  if (Ctx === undefined) return;
  try {
    const ctx = new Ctx();
    const gain = ctx.createGain();
    gain.gain.value = 0.15;
    gain.connect(ctx.destination);
    [880, 660, 880].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      osc.type = 'square';
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.18);
      osc.stop(ctx.currentTime + i * 0.18 + 0.14);
    });
    setTimeout(() => void ctx.close(), 1000);
  } catch {
    // No sound is better than a broken console.
  }
}

/** Whether the user muted the console, and the switch. */
export function useAlarmMute(userId: string): [boolean, (muted: boolean) => void] {
  const [muted, setMuted] = useState(() => {
    try {
      return localStorage.getItem(storageKey(userId)) === '1';
    } catch {
      return false;
    }
  });
  const set = (value: boolean) => {
    setMuted(value);
    try {
      localStorage.setItem(storageKey(userId), value ? '1' : '0');
    } catch {
      // A browser that keeps nothing forgets the choice on reload.
    }
  };
  return [muted, set];
}
