/**
 * The views panel: the user's views and those shared with them, by folder (Alt+1…9 shows the
 * first nine, in this order), and what can be done with the one shown: save the changes, save as
 * a new view, change its name, folder and sharing, delete it.
 */
import { useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { roleName, ViewForm, type ViewFormValues } from './view-form.tsx';
import type { WallViews } from './use-wall-views.ts';

/** Props of the panel. */
export interface ViewsPanelProps {
  wall: WallViews;
  userId: string;
  mayShare: boolean;
}

type Mode = 'list' | 'saveAs' | 'edit';

/** The views' folder list and actions. */
export function ViewsPanel({ wall, userId, mayShare }: ViewsPanelProps) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('list');
  const [error, setError] = useState<unknown>(null);
  const { current } = wall;
  const run = (p: Promise<void>) =>
    p.then(
      () => setError(null),
      (e: unknown) => setError(e),
    );

  let folder: string | null = null;
  const items = wall.views.flatMap((v, i) => {
    const out = [];
    if (v.folder !== folder) {
      folder = v.folder;
      if (v.folder !== '')
        out.push(
          <li key={`folder:${v.folder}`} className="wall-views-folder">
            {v.folder === '' ? t('wall.views.topFolder') : v.folder}
          </li>,
        );
    }
    out.push(
      <li key={v.id}>
        <button
          type="button"
          data-view-id={v.id}
          data-view-name={v.name}
          aria-current={v.id === current?.id ? 'true' : undefined}
          title={i < 9 ? `Alt+${i + 1}` : undefined}
          onClick={() => wall.select(v.id)}
        >
          <span className="wall-views-name">{v.name}</span>
          <span className="wall-views-meta">
            {i < 9 && <kbd>Alt+{i + 1}</kbd>}
            {v.sharing !== 'personal' && (
              <span className="wall-views-shared">
                {v.sharing === 'agency'
                  ? t('wall.views.sharedAgency')
                  : t('wall.views.sharedRole', { role: roleName(t, v.role ?? '') })}
              </span>
            )}
            {v.ownerId !== userId && <span>{v.ownerName}</span>}
          </span>
        </button>
      </li>,
    );
    return out;
  });

  const blank: ViewFormValues = {
    name: '',
    folder: current?.folder ?? '',
    sharing: 'personal',
    role: null,
  };

  return (
    <section className="wall-views" aria-label={t('wall.views.title')}>
      <h2>{t('wall.views.title')}</h2>
      {wall.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {wall.state === 'error' && <ErrorText error={wall.error} />}
      <ul className="wall-views-list">{items}</ul>
      {mode === 'list' && (
        <div className="wall-views-actions">
          {current !== null && current.editable && wall.dirty && (
            <button type="button" onClick={() => void run(wall.save())}>
              {t('wall.views.save')}
            </button>
          )}
          <button type="button" onClick={() => setMode('saveAs')}>
            {t('wall.views.saveAs')}
          </button>
          {current !== null && current.editable && (
            <button type="button" onClick={() => setMode('edit')}>
              {mayShare ? t('wall.views.share') : t('wall.views.rename')}
            </button>
          )}
          {current !== null && current.editable && (
            <button
              type="button"
              onClick={() => {
                if (window.confirm(t('wall.views.confirmDelete', { name: current.name })))
                  void run(wall.remove());
              }}
            >
              {t('wall.views.delete')}
            </button>
          )}
        </div>
      )}
      {wall.dirty && current !== null && (
        <p className="wall-views-note" role="status">
          {current.editable ? t('wall.views.unsaved') : t('wall.views.readOnly')}
        </p>
      )}
      {mode === 'saveAs' && (
        <ViewForm
          initial={blank}
          mayShare={mayShare}
          submitLabel={t('wall.views.saveAs')}
          onCancel={() => setMode('list')}
          onSubmit={async (v) => {
            await wall.saveAs(v.name.trim(), v.folder.trim(), v.sharing, v.role);
            setMode('list');
          }}
        />
      )}
      {mode === 'edit' && current !== null && (
        <ViewForm
          initial={{
            name: current.name,
            folder: current.folder,
            sharing: current.sharing,
            role: current.role,
          }}
          mayShare={mayShare}
          submitLabel={t('wall.views.apply')}
          onCancel={() => setMode('list')}
          onSubmit={async (v) => {
            await wall.share(v.name.trim(), v.folder.trim(), v.sharing, v.role);
            setMode('list');
          }}
        />
      )}
      {error !== null && <ErrorText error={error} />}
    </section>
  );
}
