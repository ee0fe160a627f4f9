/**
 * The map page: every camera the user may see, on the configured map or on a plain background
 * when there is no tile server (a closed police network); a marker opens the camera's live view
 * on the wall (`#/wall/<cameraId>`).
 */
import { useEffect, useState } from 'react';
import { useCameraData } from '../cameras/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { CameraMap } from './camera-map.tsx';
import { loadMapSettings, PLAIN_MAP, type MapSettings } from './map-settings.ts';

/** The camera map page. */
export function MapPage(_props: SectionPageProps) {
  const { t, tn } = useI18n();
  const { data } = useCameraData();
  const [settings, setSettings] = useState<MapSettings | null>(null);
  const [plain, setPlain] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    void loadMapSettings(controller.signal).then((s) => {
      if (!controller.signal.aborted) setSettings(s);
    });
    return () => controller.abort();
  }, []);

  const cameras = data.state === 'ready' ? data.cameras : [];
  const effective = settings === null ? null : plain ? PLAIN_MAP : settings;
  return (
    <div className="map-page">
      <div className="map-header">
        <h1>{t('map.title')}</h1>
        <span data-testid="map-count">{tn('map.count', cameras.length)}</span>
        {effective?.tileUrl === null && (
          <span className="map-notice" role="status">
            {t('map.noTiles')}
          </span>
        )}
      </div>
      {effective !== null && data.state === 'ready' && (
        <CameraMap
          cameras={cameras}
          settings={effective}
          openLabel={t('map.openLive')}
          onOpen={(id) => {
            window.location.hash = `#/wall/${encodeURIComponent(id)}`;
          }}
          onTilesFailed={() => setPlain(true)}
        />
      )}
    </div>
  );
}
