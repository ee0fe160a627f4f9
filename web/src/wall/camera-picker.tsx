/**
 * The wall's camera list: search by name, id or district; drag a camera onto a tile, or click it
 * to fill the selected (or first empty) tile.
 */
import { useState } from 'react';
import type { Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { CAMERA_DRAG_TYPE } from './wall-tile.tsx';

/** Props of the picker. */
export interface CameraPickerProps {
  cameras: readonly Camera[];
  loading: boolean;
  onPick: (cameraId: string) => void;
}

/** True when the camera matches the search text. */
export function matchesSearch(camera: Camera, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (q === '') return true;
  return [camera.id, camera.name, camera.location.district, camera.location.address].some((s) =>
    s.toLowerCase().includes(q),
  );
}

/** The list of cameras to put on the wall. */
export function CameraPicker({ cameras, loading, onPick }: CameraPickerProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const shown = cameras.filter((c) => matchesSearch(c, search));
  return (
    <aside className="wall-picker" aria-label={t('wall.cameras')}>
      <input
        type="search"
        value={search}
        placeholder={t('wall.search')}
        aria-label={t('wall.search')}
        onChange={(e) => setSearch(e.target.value)}
      />
      {loading && <p role="status">{t('app.loading')}</p>}
      <ul>
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              draggable
              data-picker-camera={c.id}
              title={t('wall.dragHint')}
              onDragStart={(e) => {
                e.dataTransfer.setData(CAMERA_DRAG_TYPE, c.id);
                e.dataTransfer.setData('text/plain', c.id);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onPick(c.id)}
            >
              <span className="wall-picker-name">{c.name}</span>
              <span className="wall-picker-meta">
                {c.id} · {c.location.district}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
