/**
 * A camera's register entry: what the registry holds (purpose, retention and justification,
 * sign) shown, and the register's own fields (legal basis, sign photo reference, field of view)
 * edited by `camera.manage` holders (`PATCH /api/register/{id}`, audited). A camera allowed to
 * send its password in clear (Basic over plain RTSP) carries a warning.
 */
import { useEffect, useState } from 'react';
import { describeError } from '../api/index.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { patchRegister, type RegisterEntry } from './privacy-api.ts';
import {
  FieldOfViewInputs,
  fieldOfViewFromText,
  fieldOfViewText,
  type FieldOfViewText,
} from './field-of-view-inputs.tsx';

/** Props of the form. */
export interface RegisterFormProps {
  entry: RegisterEntry;
  editable: boolean;
  onSaved: (entry: RegisterEntry) => void;
}

/** The register entry form. */
export function RegisterForm({ entry, editable, onSaved }: RegisterFormProps) {
  const { t } = useI18n();
  const [legalBasis, setLegalBasis] = useState('');
  const [photoRef, setPhotoRef] = useState('');
  const [fov, setFov] = useState('');
  const [view, setView] = useState<FieldOfViewText>(fieldOfViewText(null));
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    setLegalBasis(entry.legalBasisIsDefault ? '' : entry.legalBasis);
    setPhotoRef(entry.signage.photoRef ?? '');
    setFov(entry.fieldOfViewNotes);
    setView(fieldOfViewText(entry.fieldOfView));
    setMessage(null);
  }, [entry]);

  return (
    <form
      className="register-form"
      onSubmit={(e) => {
        e.preventDefault();
        const fieldOfView = fieldOfViewFromText(view);
        if (fieldOfView === undefined) {
          setMessage(t('map.fov.incomplete'));
          return;
        }
        patchRegister(entry.cameraId, {
          legalBasis,
          signagePhotoRef: photoRef.trim() === '' ? null : photoRef,
          fieldOfViewNotes: fov,
          fieldOfView,
        }).then(
          (saved) => {
            setMessage(t('privacy.saved'));
            onSaved(saved);
          },
          (err: unknown) =>
            setMessage(t('privacy.saveError', { message: describeError(t, err).text })),
        );
      }}
    >
      <h3>{t('privacy.register')}</h3>
      <p>
        {t(`purpose.${entry.purpose}` as MessageKey)} ·{' '}
        {t('privacy.retention', { days: entry.retentionDays })}
        {entry.retentionJustification !== null && <> · {entry.retentionJustification}</>} ·{' '}
        {t(`signage.${entry.signage.status}` as MessageKey)}
      </p>
      {entry.basicOverPlainRtspAllowed && (
        <p className="warning" role="note" data-warning="basic-over-plain-rtsp">
          {t('privacy.basicOverPlainRtsp')}
        </p>
      )}
      {entry.device !== undefined && deviceText(entry.device) !== '' && (
        <p className="small" data-field="device">
          {t('privacy.device', { text: deviceText(entry.device) })}
        </p>
      )}
      <label>
        {t('privacy.legalBasis')}
        <textarea
          value={legalBasis}
          placeholder={entry.legalBasisIsDefault ? entry.legalBasis : ''}
          maxLength={1000}
          disabled={!editable}
          onChange={(e) => setLegalBasis(e.target.value)}
        />
      </label>
      {entry.legalBasisIsDefault && (
        <p className="privacy-help">{t('privacy.legalBasisDefault')}</p>
      )}
      <label>
        {t('privacy.signagePhoto')}
        <input
          value={photoRef}
          maxLength={500}
          disabled={!editable}
          onChange={(e) => setPhotoRef(e.target.value)}
        />
      </label>
      <label>
        {t('privacy.fieldOfView')}
        <textarea
          value={fov}
          maxLength={2000}
          disabled={!editable}
          onChange={(e) => setFov(e.target.value)}
        />
      </label>
      <FieldOfViewInputs value={view} disabled={!editable} onChange={setView} />
      {editable && (
        <button type="submit" className="primary">
          {t('privacy.save')}
        </button>
      )}
      {message !== null && <p role="status">{message}</p>}
    </form>
  );
}

/** Maker, model, firmware and serial in one line, leaving out what is unknown. */
function deviceText(d: NonNullable<RegisterEntry['device']>): string {
  return [
    [d.manufacturer, d.model].filter((x) => x !== null).join(' '),
    d.firmware === null ? null : `firmware ${d.firmware}`,
    d.serial === null ? null : `s/n ${d.serial}`,
  ]
    .filter((x) => x !== null && x !== '')
    .join(' · ');
}
