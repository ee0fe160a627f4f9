/**
 * A camera's register entry: service state, location, purpose, signage and retention (with the
 * 72-hour justification and 7-day cap rules made visible), plus a few technical facts.
 */
import type { Camera, CameraGroup, CameraStatus } from '../api/index.ts';
import { hasMessage, useI18n } from '../i18n/index.ts';
import { purposeLabel } from './purpose-chip.tsx';
import { StatusBadge } from './status-badge.tsx';

/** Retention above this many days needs a written justification (72 hours). */
const JUSTIFY_ABOVE_DAYS = 3;
/** Urban-security retention never goes past this many days. */
const URBAN_SECURITY_CAP_DAYS = 7;

/** Props of the register entry. */
export interface CameraDetailsProps {
  camera: Camera;
  groups: readonly CameraGroup[] | null;
  status: CameraStatus | undefined;
}

/** The register entry of one camera. */
export function CameraDetails({ camera, groups, status }: CameraDetailsProps) {
  const { t, tn, date, num } = useI18n();
  const none = t('details.none');
  const { location, signage } = camera;
  const justification = camera.retentionJustification?.trim() ?? '';
  const groupNames = camera.groupIds.map((id) => groups?.find((g) => g.id === id)?.name ?? id);

  return (
    <section className="camera-details" aria-labelledby="camera-details-title">
      <p className="details-kicker">{t('details.title')}</p>
      <h2 id="camera-details-title">{camera.name}</h2>
      <dl className="details-grid">
        <dt>{t('details.id')}</dt>
        <dd className="mono">{camera.id}</dd>

        <dt>{t('details.state')}</dt>
        <dd>
          <span className={camera.enabled ? 'chip chip-enabled' : 'chip chip-disabled'}>
            {camera.enabled ? t('cameras.enabled') : t('cameras.disabled')}
          </span>{' '}
          <StatusBadge status={status} />
        </dd>
        {status?.completenessToday != null && (
          <>
            <dt>{t('status.completeness')}</dt>
            <dd>
              {num(status.completenessToday * 100, 1)}
              {'\u00a0%'}
            </dd>
          </>
        )}
      </dl>

      <h3>{t('details.location')}</h3>
      <dl className="details-grid">
        <dt>{t('details.address')}</dt>
        <dd>{location.address || none}</dd>
        <dt>{t('details.district')}</dt>
        <dd>{location.district || none}</dd>
        <dt>{t('details.latitude')}</dt>
        <dd className="mono">{num(location.latitude, 5)}</dd>
        <dt>{t('details.longitude')}</dt>
        <dd className="mono">{num(location.longitude, 5)}</dd>
      </dl>

      <h3>{t('details.privacy')}</h3>
      <dl className="details-grid">
        <dt>{t('details.purpose')}</dt>
        <dd>{purposeLabel(t, camera.purpose)}</dd>
        <dt>{t('details.signage')}</dt>
        <dd>
          <span className={`signage signage-${signage.status}`}>
            {hasMessage(`signage.${signage.status}`)
              ? t(`signage.${signage.status}`)
              : signage.status}
          </span>
          {signage.placedOn !== null && signage.placedOn !== '' && (
            <span> ({t('details.signagePlacedOn', { date: date(signage.placedOn) })})</span>
          )}
        </dd>
      </dl>

      <h3>{t('details.retention')}</h3>
      <dl className="details-grid">
        <dt>{t('details.retentionPeriod')}</dt>
        <dd>{tn('details.retentionDays', camera.retentionDays)}</dd>
        <dt>{t('details.retentionJustification')}</dt>
        <dd>{justification || none}</dd>
      </dl>
      {camera.purpose === 'urban_security' && camera.retentionDays > URBAN_SECURITY_CAP_DAYS && (
        <p className="warning">{t('details.retentionOverCap')}</p>
      )}
      {camera.retentionDays > JUSTIFY_ABOVE_DAYS && justification === '' && (
        <p className="warning">{t('details.retentionJustificationMissing')}</p>
      )}

      <h3>{t('details.technical')}</h3>
      <dl className="details-grid">
        <dt>{t('details.codec')}</dt>
        <dd>{camera.codecHint?.toUpperCase() ?? none}</dd>
        <dt>{t('details.subStream')}</dt>
        <dd>{camera.hasSubStream ? t('details.yes') : t('details.no')}</dd>
        <dt>{t('details.groups')}</dt>
        <dd>{groupNames.length > 0 ? groupNames.join(', ') : none}</dd>
        <dt>{t('details.tags')}</dt>
        <dd>{camera.tags.length > 0 ? camera.tags.join(', ') : none}</dd>
      </dl>
    </section>
  );
}
