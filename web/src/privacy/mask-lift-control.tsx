/**
 * Lifting a camera's privacy masks, for users holding `mask.lift`: asks for the reason (case
 * reference), lifts (audited by the server; lapses by itself), shows until when, and restores
 * early. Every view of the camera (`useMaskView`) follows at once. Hidden for everyone else and
 * for cameras without masks.
 */
import { useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { liftMasks, restoreMasks } from './privacy-api.ts';
import { announceMasksChanged, useMaskView } from './use-mask-view.ts';

/** Props of the control. */
export interface MaskLiftControlProps {
  cameraId: string;
  /** The signed-in user's permissions (from the session). */
  permissions: readonly string[];
}

/** The lift button, reason form and state. */
export function MaskLiftControl({ cameraId, permissions }: MaskLiftControlProps) {
  const { t } = useI18n();
  const siteTime = useSiteTime();
  const { view } = useMaskView(cameraId);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!permissions.includes('mask.lift') || view === null || view.masks.length === 0) return null;
  const changed = () => announceMasksChanged(cameraId);
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();

  if (view.lift !== null) {
    const time = siteTime.time(view.lift.expiresMs).slice(0, 5);
    return (
      <div className="mask-lift" data-mask-lift="active" onClick={stop} onDoubleClick={stop}>
        <span role="status">{t('privacy.lift.active', { time })}</span>{' '}
        <button type="button" onClick={() => void restoreMasks(cameraId).then(changed, changed)}>
          {t('privacy.lift.restore')}
        </button>
      </div>
    );
  }
  if (!asking) {
    return (
      <button
        type="button"
        className="mask-lift"
        onClick={(e) => {
          e.stopPropagation();
          setAsking(true);
        }}
      >
        {t('privacy.lift.action')}
      </button>
    );
  }
  return (
    <form
      className="mask-lift"
      onClick={stop}
      onDoubleClick={stop}
      onSubmit={(e) => {
        e.preventDefault();
        liftMasks(cameraId, reason).then(
          () => {
            setAsking(false);
            setReason('');
            setError(null);
            changed();
          },
          (err: unknown) => setError(err ?? new Error('failed')),
        );
      }}
    >
      <label>
        {t('privacy.lift.reason')}{' '}
        <input
          value={reason}
          required
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <button type="submit">{t('privacy.lift.confirm')}</button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('privacy.masks.cancel')}
      </button>
      {error !== null && (
        <span role="alert">
          <ErrorText error={error} />
        </span>
      )}
    </form>
  );
}
