/**
 * The map page: every camera the user may see, with its state (one `GET /api/map/cameras`,
 * refreshed every 15 s), on the city's own basemap or a plain grid — Vedetta ships no map data
 * and the police network is closed, so the page says so when none is configured. A camera's
 * popup opens the wall or its recordings; markers and the popup's title drag onto a wall tile.
 */
import { useEffect, useMemo, useState } from 'react';
import { useCameraData } from '../cameras/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { CameraMap } from './camera-map.tsx';
import { MapLegend } from './map-legend.tsx';
import { MapPopup } from './map-popup.tsx';
import {
  loadMapCameras,
  loadMapSettings,
  PLAIN_MAP,
  type MapCamera,
  type MapSettings,
} from './map-settings.ts';
import { notRecording, type MarkerTexts } from './markers.ts';

/** How often the cameras' states are read again. */
const REFRESH_MS = 15_000;

/** The camera map page. */
export function MapPage(_props: SectionPageProps) {
  const { t, tn } = useI18n();
  const { data } = useCameraData();
  const [settings, setSettings] = useState<MapSettings | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [cameras, setCameras] = useState<MapCamera[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    void loadMapSettings(controller.signal).then((s) => {
      if (!controller.signal.aborted) setSettings(s);
    });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function round(): Promise<void> {
      try {
        const list = await loadMapCameras(controller.signal);
        if (!controller.signal.aborted) setCameras(list);
      } catch {
        // Kept as they were; asked again at the next round.
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void round(), REFRESH_MS);
    }
    void round();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);

  const texts = useMemo<MarkerTexts>(
    () => ({
      describe: (c) =>
        [
          c.name,
          t(`map.state.${c.state}`),
          ...(notRecording(c) ? [t('map.notRecording')] : []),
          ...(c.masked ? [t('map.masked')] : []),
          ...(c.ptz ? [t('map.ptz')] : []),
        ].join(' · '),
      cluster: (count) => t('map.cluster', { count }),
    }),
    [t],
  );

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
