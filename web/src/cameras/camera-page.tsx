/**
 * The camera section: the searchable, grouped camera tree on the left and the selected camera's
 * register entry on the right. The selected camera is part of the address (`#/cameras/cam-001`).
 */
import { useId, useMemo, useState } from 'react';
import { ApiError } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { CameraDetails } from './camera-details.tsx';
import { CameraTree } from './camera-tree.tsx';
import { filterCameras, groupCameras } from './camera-tree-model.ts';
import type { GroupMode } from './camera-tree-model.ts';
import { useCameraData } from './use-camera-data.ts';
import { mayWatch, useCameraStatuses } from './use-camera-statuses.ts';

const GROUP_MODES: readonly GroupMode[] = ['district', 'group', 'none'];

/** The camera list and register page. */
export function CameraPage({ param, setParam }: SectionPageProps) {
  const { t, tn } = useI18n();
  const id = useId();
  const { data, reload } = useCameraData();
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<GroupMode>('district');

  const cameras = useMemo(() => (data.state === 'ready' ? data.cameras : []), [data]);
  const groups = data.state === 'ready' ? data.groups : null;
  const filtered = useMemo(() => filterCameras(cameras, query), [cameras, query]);
  const branches = useMemo(
    () =>
      groupCameras(filtered, mode, groups, {
        noDistrict: t('cameras.noDistrict'),
        noGroup: t('cameras.noGroup'),
        all: t('cameras.allCameras'),
      }),
    [filtered, mode, groups, t],
  );
  // Only cameras the user may watch: a status request for another would be refused (and
  // recorded as a denied live.view in the audit trail).
  const statuses = useCameraStatuses(
    useMemo(() => cameras.filter(mayWatch).map((c) => c.id), [cameras]),
  );
  const selected = param === null ? undefined : cameras.find((c) => c.id === param);

  if (data.state === 'loading') {
    return (
      <p className="page-message" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (data.state === 'error') {
    const error = data.error;
    const text =
      error instanceof ApiError && error.status === 0
        ? t('error.unreachable')
        : t('error.load', { status: error instanceof ApiError ? error.status : '?' });
    return (
      <div className="page-message" role="alert">
        <p>{text}</p>
        <button type="button" onClick={reload}>
          {t('error.retry')}
        </button>
      </div>
    );
  }

  const countText =
    query.trim() === ''
      ? tn('cameras.count', cameras.length)
      : t('cameras.countFiltered', { shown: filtered.length, total: cameras.length });

  return (
    <div className="camera-page">
      <section className="camera-list-pane" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('cameras.title')}</h1>
        <div className="list-controls">
          <label htmlFor={`${id}-search`}>{t('cameras.search')}</label>
          <input
            id={`${id}-search`}
            type="search"
            placeholder={t('cameras.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <label htmlFor={`${id}-mode`}>{t('cameras.groupBy')}</label>
          <select
            id={`${id}-mode`}
            value={mode}
            onChange={(e) => setMode(e.target.value as GroupMode)}
          >
            {GROUP_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`cameras.groupBy.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="camera-count" role="status" data-testid="camera-count">
          {countText}
        </p>
        {mode === 'group' && groups === null && (
          <p className="muted small">{t('cameras.groupsUnavailable')}</p>
        )}
        {cameras.length === 0 && <p className="page-message">{t('cameras.empty')}</p>}
        {cameras.length > 0 && filtered.length === 0 && (
          <p className="page-message">{t('cameras.noMatch')}</p>
        )}
        <CameraTree
          branches={branches}
          showBranches={mode !== 'none'}
          forceOpen={query.trim() !== ''}
          selectedId={selected?.id ?? null}
          statuses={statuses}
          onSelect={(camera) => setParam(camera.id)}
        />
      </section>
      <div className="camera-details-pane">
        {selected !== undefined ? (
          <CameraDetails
            camera={selected}
            groups={groups}
            status={statuses.byId.get(selected.id)}
          />
        ) : param !== null ? (
          <p className="page-message" role="alert">
            {t('details.notFound', { id: param })}
          </p>
        ) : (
          <p className="page-message muted">{t('cameras.selectHint')}</p>
        )}
      </div>
    </div>
  );
}
