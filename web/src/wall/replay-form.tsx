/**
 * The tile's instant-replay form: how far back (30 s, 2 min, 10 min) and the reason the server
 * requires for any playback — one click on one of the operator's recent reasons, or typed. It
 * opens the audited playback session (`POST /api/playback/sessions`) and hands it to the tile.
 */
import { useState, type FormEvent } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { openSession, type PlaybackSession } from '../recorded-player/index.ts';

/** How far back a replay starts, in seconds. */
export const REPLAY_SPANS_S = [30, 120, 600] as const;

/** An instant replay opened on a tile. */
export interface Replay {
  session: PlaybackSession;
  fromMs: number;
  toMs: number;
  reason: string;
}

/** Props of the form. */
export interface ReplayFormProps {
  cameraId: string;
  recentReasons: readonly string[];
  onOpen: (replay: Replay) => void;
  onCancel: () => void;
}

/** The form, drawn over the tile. */
export function ReplayForm({ cameraId, recentReasons, onOpen, onCancel }: ReplayFormProps) {
  const { t } = useI18n();
  const [spanS, setSpanS] = useState<number>(30);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const start = async (reason: string) => {
    if (reason.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    const toMs = Date.now();
    const fromMs = toMs - spanS * 1000;
    try {
      const session = await openSession([cameraId], fromMs, toMs, reason.trim(), '');
      onOpen({ session, fromMs, toMs, reason: reason.trim() });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start(typed);
  };

  return (
    <form
      className="replay-form"
      aria-label={t('replay.title')}
      onSubmit={submit}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onCancel();
      }}
    >
      <fieldset className="replay-spans">
        <legend>{t('replay.span')}</legend>
        {REPLAY_SPANS_S.map((s) => (
          <label key={s}>
            <input
              type="radio"
              name={`replay-span-${cameraId}`}
              value={s}
              checked={spanS === s}
              onChange={() => setSpanS(s)}
            />
            {t(`replay.span.${s}`)}
          </label>
        ))}
      </fieldset>
      {recentReasons.length > 0 && (
        <div className="replay-recent" role="group" aria-label={t('replay.recent')}>
          <span>{t('replay.recent')}</span>
          {recentReasons.map((r) => (
            <button
              key={r}
              type="button"
              className="replay-recent-reason"
              disabled={busy}
              onClick={() => void start(r)}
            >
              {r}
            </button>
          ))}
        </div>
      )}
      <label className="replay-reason">
        {t('replay.reason')}
        <input
          value={typed}
          required
          maxLength={500}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t('replay.reasonPlaceholder')}
          autoFocus
        />
      </label>
      <div className="replay-actions">
        <button type="submit" disabled={busy || typed.trim() === ''}>
          {t('replay.start')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('replay.cancel')}
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="replay-error">
          <ErrorText error={error} />
        </p>
      )}
    </form>
  );
}
