/**
 * Add or change a camera: id, name, main and sub stream, credentials reference, position,
 * groups, Basic over plain RTSP (with its warning) and whether it records; a connection test of
 * the main stream before saving. The server validates; its messages are shown in the user's
 * language by the tab's outcome line.
 */
import { useI18n } from '../i18n/index.ts';
import type { Group } from './admin-types.ts';
import { CameraTestPanel } from './camera-test-panel.tsx';
import { isPlainRtsp, testBody, type CameraDraft } from './camera-model.ts';
import { CheckList } from './feedback.tsx';

/** The draft's fields typed as text. */
type TextField =
  'id' | 'name' | 'main' | 'sub' | 'credentialsRef' | 'latitude' | 'longitude' | 'address';

/** Props of the camera form. */
export interface CameraFormProps {
  draft: CameraDraft;
  groups: readonly Group[];
  onChange: (draft: CameraDraft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The camera form. */
export function CameraForm({ draft, groups, onChange, onSubmit, onCancel }: CameraFormProps) {
  const { t } = useI18n();
  const set = (patch: Partial<CameraDraft>) => onChange({ ...draft, ...patch });
  const text = (label: string, key: TextField, placeholder = '', disabled = false) => (
    <label>
      {label}
      <input
        value={draft[key]}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </label>
  );
  return (
    <form
      className="admin-form camera-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3>
        {draft.editing === null
          ? t('admin.camera.add')
          : t('admin.camera.change', { id: draft.editing })}
      </h3>
      <div className="admin-row">
        {text(t('admin.camera.id'), 'id', 'cam-042', draft.editing !== null)}
        {text(t('admin.camera.name'), 'name', 'Piazza Verdi')}
      </div>
      {draft.onvif != null && (
        <p className="small admin-muted">
          {t('onvif.fromDevice', {
            address: draft.onvif.address,
            main: draft.onvif.main ?? '—',
            sub: draft.onvif.sub ?? '—',
          })}
        </p>
      )}
      {text(t('admin.camera.main'), 'main', 'rtsp://10.0.0.11:554/stream1')}
      {text(t('admin.camera.sub'), 'sub', 'rtsp://10.0.0.11:554/stream2')}
      {text(t('admin.camera.credentialsRef'), 'credentialsRef', 'env:CAM_042_CREDENTIALS')}
      <p className="small admin-muted">{t('admin.camera.credentialsHint')}</p>
      <div className="admin-row">
        {text(t('admin.camera.latitude'), 'latitude', '44,1025')}
        {text(t('admin.camera.longitude'), 'longitude', '9,8241')}
        {text(t('admin.camera.address'), 'address', 'Piazza Verdi')}
      </div>
      {groups.length > 0 && (
        <CheckList
          legend={t('admin.camera.groups')}
          options={groups.map((g) => g.id)}
          checked={draft.groupIds}
          onChange={(groupIds) => set({ groupIds })}
          label={(gid) => `${gid} — ${groups.find((g) => g.id === gid)?.name ?? ''}`}
        />
      )}
      <label className="admin-check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />{' '}
        {t('admin.camera.enabled')}
      </label>
      <label className="admin-check">
        <input
          type="checkbox"
          checked={draft.allowBasicOverPlainRtsp}
          onChange={(e) => set({ allowBasicOverPlainRtsp: e.target.checked })}
        />{' '}
        {t('admin.camera.allowBasic')}
      </label>
      {draft.allowBasicOverPlainRtsp && (
        <p className="admin-warning" role="note">
          {isPlainRtsp(draft.main)
            ? t('admin.camera.allowBasicWarning')
            : t('admin.camera.allowBasicUnneeded')}
        </p>
      )}
      <CameraTestPanel body={() => testBody(draft)} />
      <div className="admin-actions">
        <button type="submit">{draft.editing === null ? t('admin.add') : t('admin.save')}</button>
        <button type="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
