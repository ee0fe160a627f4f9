/**
 * The map's data: its settings (basemap, overlays, centre; once) and every camera the user may
 * see with its state (`GET /api/map/cameras`, read again every 15 s), plus the marker texts in
 * the user's language. Shared by the map page and the wall's map panel.
 */
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import {
  loadMapCameras,
  loadMapSettings,
  type MapCamera,
  type MapSettings,
} from './map-settings.ts';
import { notRecording, type MarkerTexts } from './markers.ts';

/** How often the cameras' states are read again. */
const REFRESH_MS = 15_000;

/** Settings (null until loaded), cameras (null until loaded) and marker texts. */
export function useMapData(): {
  settings: MapSettings | null;
  cameras: MapCamera[] | null;
  texts: MarkerTexts;
} {
  const { t } = useI18n();
  const [settings, setSettings] = useState<MapSettings | null>(null);
  const [cameras, setCameras] = useState<MapCamera[] | null>(null);

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
  return { settings, cameras, texts };
}
