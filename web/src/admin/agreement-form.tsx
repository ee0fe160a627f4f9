/** The form of an agreement's terms: grantee, legal instrument, validity, permissions, scope. */
import { useState } from 'react';
import type { Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { SiteDateTimeInput, useSiteTime } from '../time/index.ts';
import { agreementBody, toLocalInput, type AgreementForm } from './admin-model.ts';
import { CAMERA_PERMISSIONS, type Agency, type Agreement, type Group } from './admin-types.ts';
import { CheckList } from './feedback.tsx';
import { permissionLabel } from './labels.ts';

/** The empty form, valid from now (times in the site's zone `timeZone`). */
export function newAgreementForm(nowMs: number, timeZone: string): AgreementForm {
  return {
    granteeAgencyId: '',
    title: '',
    legalInstrument: '',
    legalInstrumentDate: '',
    validFrom: toLocalInput(nowMs, timeZone),
    validUntil: '',
    permissions: ['live.view'],
    cameraIds: [],
    groupIds: [],
  };
}

/** The form filled with an agreement's terms (times in the site's zone `timeZone`). */
export function agreementForm(a: Agreement, timeZone: string): AgreementForm {
  return {
    granteeAgencyId: a.granteeAgencyId,
    title: a.title,
    legalInstrument: a.legalInstrument,
    legalInstrumentDate: a.legalInstrumentDate,
    validFrom: toLocalInput(a.validFromMs, timeZone),
    validUntil: a.validUntilMs === null ? '' : toLocalInput(a.validUntilMs, timeZone),
    permissions: a.permissions,
    cameraIds: a.cameraIds,
    groupIds: a.groupIds,
  };
}

/** Props of the agreement form. */
export interface AgreementFormProps {
  initial: AgreementForm;
  /** True when changing an existing agreement (the grantee is fixed). */
  existing: boolean;
  agencies: Agency[];
  cameras: Camera[];
  groups: Group[];
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel: () => void;
}

/** The agreement form. Problems are shown before anything is sent. */
export function AgreementFormView(p: AgreementFormProps) {
  const { t } = useI18n();
  const { timeZone } = useSiteTime();
  const [f, setF] = useState<AgreementForm>(p.initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<AgreementForm>) => setF({ ...f, ...patch });
  const partners = p.agencies.filter((a) => a.kind === 'partner');

  return (
    <form
      className="admin-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = agreementBody(f, timeZone);
        if (!r.ok) {
          const field = t(`admin.agreement.${r.problem.field}` as MessageKey);
          setProblem(t(`admin.problem.${r.problem.problem}` as MessageKey, { field }));
          return;
        }
        setProblem(null);
        p.onSubmit(r.body);
      }}
    >
      <h3>{p.existing ? t('admin.agreement.change') : t('admin.agreement.add')}</h3>
      {problem !== null && (
        <p className="admin-outcome admin-error" role="alert">
          {problem}
        </p>
      )}
      <label>
        {t('admin.agreement.granteeAgencyId')}
        <select
          disabled={p.existing}
          value={f.granteeAgencyId}
          onChange={(e) => set({ granteeAgencyId: e.target.value })}
        >
          <option value="">—</option>
          {partners.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.agreement.title')}
        <input value={f.title} onChange={(e) => set({ title: e.target.value })} />
      </label>
      <label>
        {t('admin.agreement.legalInstrument')}
        <input
          value={f.legalInstrument}
          onChange={(e) => set({ legalInstrument: e.target.value })}
          placeholder={t('admin.agreement.legalInstrumentExample')}
        />
      </label>
      <label>
        {t('admin.agreement.legalInstrumentDate')}
        <SiteDateTimeInput
          precision="date"
          placeholder={t('time.field.date')}
          value={f.legalInstrumentDate}
          onChange={(v) => set({ legalInstrumentDate: v })}
        />
      </label>
      <label>
        {t('admin.agreement.validFrom')}
        <SiteDateTimeInput
          placeholder={t('time.field.minutes')}
          value={f.validFrom}
          onChange={(v) => set({ validFrom: v })}
        />
      </label>
      <label>
        {t('admin.agreement.validUntil')}
        <SiteDateTimeInput
          placeholder={t('time.field.minutes')}
          value={f.validUntil}
          onChange={(v) => set({ validUntil: v })}
        />
        <span className="small muted">{t('admin.agreement.openEndedHint')}</span>
      </label>
      <CheckList
        legend={t('admin.agreement.permissions')}
        options={CAMERA_PERMISSIONS}
        checked={f.permissions}
        onChange={(permissions) => set({ permissions })}
        label={(perm) => permissionLabel(t, perm)}
      />
      <CheckList
        legend={t('admin.agreement.groupIds')}
        options={p.groups.map((g) => g.id)}
        checked={f.groupIds}
        onChange={(groupIds) => set({ groupIds })}
        label={(gid) => p.groups.find((g) => g.id === gid)?.name ?? gid}
      />
      <CheckList
        legend={t('admin.agreement.cameraIds')}
        options={p.cameras.map((c) => c.id)}
        checked={f.cameraIds}
        onChange={(cameraIds) => set({ cameraIds })}
        label={(cid) => `${cid} — ${p.cameras.find((c) => c.id === cid)?.name ?? ''}`}
      />
      <button type="submit">{p.existing ? t('admin.save') : t('admin.add')}</button>
      <button type="button" onClick={p.onCancel}>
        {t('admin.cancel')}
      </button>
    </form>
  );
}
