/** The map's legend: what a marker's colour, ring and badge mean, and what a number is. */
import { useI18n } from '../i18n/index.ts';
import type { MapLiveState } from './map-settings.ts';

const STATES: readonly MapLiveState[] = ['live', 'connecting', 'offline', 'disabled', 'unknown'];

/** The legend. */
export function MapLegend() {
  const { t } = useI18n();
  return (
    <section className="map-legend" aria-label={t('map.legend')}>
      <h2>{t('map.legend')}</h2>
      <ul>
        {STATES.map((s) => (
          <li key={s}>
            <span className="map-legend-dot" data-state={s} />
            {t(`map.state.${s}`)}
          </li>
        ))}
        <li>
          <span className="map-legend-dot map-dot-not-recording" data-state="live" />
          {t('map.notRecording')}
        </li>
        <li>
          <span className="map-legend-masked" />
          {t('map.masked')}
        </li>
        <li>
          <span className="map-legend-ptz" />
          {t('map.ptz')}
        </li>
        <li>
          <span className="map-legend-fov" />
          {t('map.fov.title')}
        </li>
        <li>
          <span className="map-legend-cluster">12</span>
          {t('map.clusterLegend')}
        </li>
      </ul>
    </section>
  );
}
