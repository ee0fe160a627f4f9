/** The live-status badge of a camera: online, reconnecting, offline, or "—" when not known. */
import type { CameraStatus } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';

/** Props of the badge; `status` is undefined while no status is known. */
export interface StatusBadgeProps {
  status: CameraStatus | undefined;
}

/** A small coloured badge with the status in words (colour is never the only signal). */
export function StatusBadge({ status }: StatusBadgeProps) {
  const { t } = useI18n();
  const state = status?.state ?? 'unknown';
  const text = state === 'unknown' ? t('status.unknown') : t(`status.${state}`);
  return (
    <span className={`status status-${state}`} title={`${t('status.label')}: ${text}`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('status.label')}: </span>
      {text}
    </span>
  );
}
