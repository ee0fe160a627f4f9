/**
 * The map beside the wall: the same cameras, states and basemap as the map page, small, for
 * finding a camera by where it is. A marker dragged onto a tile puts the camera there (the drag
 * data of the wall's camera list); a click hands it to `onPick` (the wall puts it on the
 * selected or first empty tile).
 */
import { useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { CameraMap } from './camera-map.tsx';
import { PLAIN_MAP } from './map-settings.ts';
import { useMapData } from './use-map-data.ts';

/** Props: what a click on a camera does. */
export interface MapPanelProps {
  onPick: (cameraId: string) => void;
}

/** The panel. */
export function MapPanel({ onPick }: MapPanelProps) {
  const { t } = useI18n();
  const { settings, cameras, texts } = useMapData();
  const [unreachable, setUnreachable] = useState(false);
  const effective = settings === null ? null : unreachable ? PLAIN_MAP : settings;
  return (
    <div className="map-panel" data-testid="wall-map" aria-label={t('map.title')}>
      {effective !== null && cameras !== null ? (
        <CameraMap
          cameras={cameras}
          settings={effective}
          texts={texts}
          selected={null}
          onSelect={(id) => {
            if (id !== null) onPick(id);
          }}
          onTilesFailed={() => setUnreachable(true)}
          popup={null}
        />
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
    </div>
  );
}
