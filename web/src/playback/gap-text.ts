/**
 * How a gap is told to the operator: its cause in words (`offline` → "telecamera offline"), and
 * the tile's notice "Nessuna registrazione: telecamera offline 14:02–14:20" in the site's time.
 */
import type { MessageKey } from '../i18n/index.ts';
import type { TimelineGap } from './playback-api.ts';

type Translate = (key: MessageKey, params?: Record<string, string>) => string;

const CAUSES = ['offline', 'stall', 'loss', 'restart', 'disk', 'error', 'unrecorded'] as const;

/** The cause of a gap in words; an unknown cause is shown as the server wrote it. */
export function causeText(t: Translate, cause: string): string {
  return (CAUSES as readonly string[]).includes(cause)
    ? t(`playback.cause.${cause}` as MessageKey)
    : cause;
}

/** The tile's notice over a gap (`hm` writes an instant as HH:MM in the site's zone). */
export function gapNotice(t: Translate, gap: TimelineGap, hm: (ms: number) => string): string {
  return t('playback.noRecording', {
    cause: causeText(t, gap.cause),
    from: hm(gap.from),
    to: gap.open ? t('playback.now') : hm(gap.to),
  });
}
