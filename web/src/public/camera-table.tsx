/** The list of cameras under the map: code, place, purpose, retention, sign. */
import { useI18n, type MessageKey } from '../i18n/index.ts';
import type { PublicCamera } from './public-api.ts';

/** How the sign of a camera reads. */
function signageText(
  c: PublicCamera,
  t: ReturnType<typeof useI18n>['t'],
  date: (d: string) => string,
) {
  if (c.signage.status === 'placed') {
    return c.signage.placedOn === null
      ? t('public.signage.placedNoDate')
      : t('public.signage.placed', { date: date(c.signage.placedOn) });
  }
  return t(c.signage.status === 'planned' ? 'public.signage.planned' : 'public.signage.missing');
}

/** The table of cameras. */
export function CameraTable({ cameras }: { cameras: readonly PublicCamera[] }) {
  const { t, tn, date } = useI18n();
  return (
    <table className="public-table" data-testid="public-camera-table">
      <thead>
        <tr>
          <th scope="col">{t('public.col.code')}</th>
          <th scope="col">{t('public.col.place')}</th>
          <th scope="col">{t('public.col.purpose')}</th>
          <th scope="col">{t('public.col.retention')}</th>
          <th scope="col">{t('public.col.signage')}</th>
        </tr>
      </thead>
      <tbody>
        {cameras.map((c) => (
          <tr key={c.id} data-public-camera-row={c.id}>
            <td>{c.id}</td>
            <td>
              {c.name}
              {c.address !== '' && c.address !== c.name && (
                <div className="public-muted">{c.address}</div>
              )}
            </td>
            <td>{t(`purpose.${c.purpose}` as MessageKey)}</td>
            <td>{tn('public.days', c.retentionDays)}</td>
            <td>{signageText(c, t, date)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
