/**
 * The map page: every camera the user may see, with its state (one `GET /api/map/cameras`,
 * refreshed every 15 s), on the city's own basemap or a plain grid — Vedetta ships no map data
 * and the police network is closed, so the page says so when none is configured. A camera's
 * popup opens the wall or its recordings; markers and the popup's title drag onto a wall tile.
 */
import { useState } from 'react';
import { useCameraData } from '../cameras/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { CameraMap } from './camera-map.tsx';
import { MapLegend } from './map-legend.tsx';
import { MapPopup } from './map-popup.tsx';
import { PLAIN_MAP } from './map-settings.ts';
import { useMapData } from './use-map-data.ts';

/** The camera map page. */
export function MapPage(_props: SectionPageProps) {
  const { t, tn } = useI18n();
  const { data } = useCameraData();
  const { settings, cameras, texts } = useMapData();
  const [unreachable, setUnreachable] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);

  const effective = settings === null ? null : unreachable ? PLAIN_MAP : settings;
  const details = data.state === 'ready' ? data.cameras : [];
  const camera = cameras?.find((c) => c.id === selected);
  return (
    <div className="map-page">
      <div className="map-header">
        <h1>{t('map.title')}</h1>
        <span data-testid="map-count">{tn('map.count', cameras?.length ?? 0)}</span>
        {settings !== null && settings.basemap.kind === 'none' && (
          <span className="map-notice" role="status" data-testid="map-no-basemap">
            {t('map.noBasemap')}
          </span>
        )}
        {unreachable && (
          <span className="map-notice" role="status">
            {t('map.noTiles')}
          </span>
        )}
      </div>
      <div className="map-body">
        {effective !== null && cameras !== null && (
          <CameraMap
            cameras={cameras}
            settings={effective}
            texts={texts}
            selected={selected}
            onSelect={setSelected}
            onTilesFailed={() => setUnreachable(true)}
            popup={
              camera !== undefined && (
                <MapPopup
                  camera={camera}
                  details={details.find((d) => d.id === camera.id)}
                  nowMs={() => Date.now()}
                />
              )
            }
          />
        )}
        <MapLegend />
      </div>
    </div>
  );
}
