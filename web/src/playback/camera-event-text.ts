/**
 * A camera event in words, in the interface's language and the site's time zone: what it was
 * ("Movimento", "Ingresso di allarme di0") and when ("7/12/2026 14:02:05 – 14:02:30", "in corso"
 * while it holds), and how an end the camera did not report was set.
 */
import type { MessageKey, MessageParams } from '../i18n/index.ts';
import type { SiteTime } from '../time/index.ts';
import type { CameraEventKind, CameraEventMark } from './playback-api.ts';

type T = (key: MessageKey, params?: MessageParams) => string;

/** The kind in words, with the input's token for an alarm input. */
export function cameraEventWhat(
  t: T,
  kind: CameraEventKind,
  source?: Record<string, string>,
): string {
  const input = source?.['InputToken'];
  if (kind === 'input' && input !== undefined && input !== '') {
    return t('playback.cameraEvent.inputNamed', { input });
  }
  return t(`playback.cameraEvent.${kind}`);
}

/** From–to in the site's zone (the end's date only when another day); "ongoing" while open. */
export function cameraEventWhen(t: T, site: SiteTime, fromMs: number, toMs: number | null): string {
  if (toMs === null) return `${site.dateTime(fromMs)} – ${t('playback.cameraEvent.ongoing')}`;
  const end = site.date(toMs) === site.date(fromMs) ? site.time(toMs) : site.dateTime(toMs);
  return `${site.dateTime(fromMs)} – ${end}`;
}

/** Why the end was not reported by the camera, or null when it was (or it holds). */
export function cameraEventEndNote(t: T, e: Pick<CameraEventMark, 'endCause'>): string | null {
  switch (e.endCause) {
    case 'lost':
      return t('playback.cameraEvent.endLost');
    case 'stopped':
      return t('playback.cameraEvent.endStopped');
    case 'unknown':
      return t('playback.cameraEvent.endUnknown');
    default:
      return null;
  }
}

/** The strip's title of an event (the strip shows its times): kind, and how its end was set. */
export function cameraEventTitle(t: T, e: CameraEventMark): string {
  const what = cameraEventWhat(t, e.kind, e.source);
  const note = cameraEventEndNote(t, e);
  return note === null ? what : `${what} (${note})`;
}

/** One event in words: kind, times, and how its end was set when not by the camera. */
export function cameraEventText(t: T, site: SiteTime, e: CameraEventMark): string {
  const text = t('playback.cameraEvent.mark', {
    what: cameraEventWhat(t, e.kind, e.source),
    when: cameraEventWhen(t, site, e.from, e.to),
  });
  const note = cameraEventEndNote(t, e);
  return note === null ? text : `${text} (${note})`;
}
