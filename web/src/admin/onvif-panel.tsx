/**
 * ONVIF onboarding in the cameras tab: "Cerca dispositivi ONVIF" lists what WS-Discovery found
 * on the camera network (registered ones marked), and "Aggiungi da ONVIF" probes one address
 * with credentials, shows the device, its clock and its profiles, and fills a new camera's form
 * from the profiles picked for main and sub (`onUse`).
 */
import { useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { adminApi } from './admin-api.ts';
import type { CameraDraft } from './camera-model.ts';
import {
  draftFromProbe,
  EMPTY_PROBE,
  probeBody,
  profileText,
  type OnvifDevice,
  type OnvifDiscovery,
  type OnvifProbe,
  type ProbeForm,
} from './onvif-model.ts';

type Run<T> =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; value: T }
  | { state: 'failed'; error: unknown };

/** The ONVIF discovery list and probe form; `onUse` gets the new camera's draft. */
export function OnvifPanel({ onUse }: { onUse: (draft: CameraDraft) => void }) {
  const { t } = useI18n();
  const [found, setFound] = useState<Run<OnvifDiscovery>>({ state: 'idle' });
  const [form, setForm] = useState<ProbeForm | null>(null);
  const discover = () => {
    setFound({ state: 'running' });
    adminApi.onvifDiscovery().then(
      (value) => setFound({ state: 'done', value }),
      (error: unknown) => setFound({ state: 'failed', error }),
    );
  };
  return (
    <div className="onvif-panel">
      <div className="admin-actions">
        <button type="button" onClick={discover} disabled={found.state === 'running'}>
          {t('onvif.discover')}
        </button>
        <button type="button" onClick={() => setForm(EMPTY_PROBE)}>
          {t('onvif.addFrom')}
        </button>
      </div>
      {found.state === 'running' && (
        <p role="status" className="admin-muted">
          {t('onvif.discovering')}
        </p>
      )}
      {found.state === 'failed' && (
        <p role="alert" className="admin-outcome admin-error">
          {t('admin.errorPrefix')} <ErrorText error={found.error} />
        </p>
      )}
      {found.state === 'done' && (
        <DeviceList
          devices={found.value.devices}
          onPick={(address) => setForm({ ...EMPTY_PROBE, address })}
        />
      )}
      {found.state === 'done' &&
        found.value.failedTargets.map((f) => (
          <p key={f.target} className="small admin-warning-text" title={f.message}>
            {t('onvif.targetFailed', { target: f.target })}
          </p>
        ))}
      {form !== null && (
        <ProbePanel form={form} onChange={setForm} onUse={onUse} onClose={() => setForm(null)} />
      )}
    </div>
  );
}

function DeviceList(props: { devices: OnvifDevice[]; onPick: (address: string) => void }) {
  const { t } = useI18n();
  if (props.devices.length === 0) return <p className="admin-muted">{t('onvif.noneFound')}</p>;
  const dash = (s: string | null) => (s === null || s === '' ? '—' : s);
  return (
    <table className="admin-table onvif-devices" aria-label={t('onvif.found')}>
      <thead>
        <tr>
          <th scope="col">{t('onvif.address')}</th>
          <th scope="col">{t('admin.camera.name')}</th>
          <th scope="col">{t('onvif.manufacturer')}</th>
          <th scope="col">{t('onvif.model')}</th>
          <th scope="col">{t('onvif.firmware')}</th>
          <th scope="col">{t('onvif.serial')}</th>
          <th scope="col">{t('onvif.registered')}</th>
          <th scope="col">{t('admin.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.devices.map((d) => (
          <tr key={d.endpoint} className={d.registered ? 'admin-muted' : undefined}>
            <td className="mono small">{dash(d.address)}</td>
            <td>{dash(d.name)}</td>
            <td>{dash(d.manufacturer)}</td>
            <td>{dash(d.model)}</td>
            <td>{dash(d.firmware)}</td>
            <td className="mono small">{dash(d.serial)}</td>
            <td>
              {d.registered
                ? t('onvif.registeredAs', { id: d.cameraId ?? '' })
                : t('onvif.notRegistered')}
            </td>
            <td>
              {!d.registered && d.address !== null && (
                <button type="button" onClick={() => props.onPick(d.address ?? '')}>
                  {t('onvif.probe')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProbePanel(props: {
  form: ProbeForm;
  onChange: (f: ProbeForm) => void;
  onUse: (draft: CameraDraft) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { form } = props;
  const [probe, setProbe] = useState<Run<OnvifProbe>>({ state: 'idle' });
  const field = (label: string, key: keyof ProbeForm, type = 'text', placeholder = '') => (
    <label>
      {label}
      <input
        type={type}
        value={form[key]}
        placeholder={placeholder}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        onChange={(e) => props.onChange({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  const run = () => {
    setProbe({ state: 'running' });
    adminApi.onvifProbe(probeBody(form)).then(
      (value) => setProbe({ state: 'done', value }),
      (error: unknown) => setProbe({ state: 'failed', error }),
    );
  };
  return (
    <form
      className="admin-form onvif-probe"
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <h3>{t('onvif.addFrom')}</h3>
      {field(t('onvif.address'), 'address', 'text', 'http://10.0.4.17/onvif/device_service')}
      <div className="admin-row">
        {field(t('onvif.username'), 'username')}
        {field(t('onvif.password'), 'password', 'password')}
      </div>
      {field(t('admin.camera.credentialsRef'), 'credentialsRef', 'text', 'env:CAM_042_CREDENTIALS')}
      <p className="small admin-muted">{t('onvif.credentialsHint')}</p>
      <div className="admin-actions">
        <button type="submit" disabled={probe.state === 'running' || form.address.trim() === ''}>
          {t('onvif.probe')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('admin.cancel')}
        </button>
      </div>
      {probe.state === 'running' && (
        <p role="status" className="admin-muted">
          {t('onvif.probing')}
        </p>
      )}
      {probe.state === 'failed' && (
        <p role="alert" className="admin-outcome admin-error">
          {t('admin.errorPrefix')} <ErrorText error={probe.error} />
        </p>
      )}
      {probe.state === 'done' && (
        <ProbeResult
          probe={probe.value}
          onUse={(choice) => props.onUse(draftFromProbe(probe.value, choice, form.credentialsRef))}
        />
      )}
    </form>
  );
}

function ProbeResult(props: {
  probe: OnvifProbe;
  onUse: (choice: { main: string; sub: string | null }) => void;
}) {
  const { t } = useI18n();
  const { probe } = props;
  const [main, setMain] = useState<string | null>(probe.streams?.main?.token ?? null);
  const [sub, setSub] = useState<string | null>(probe.streams?.sub?.token ?? null);
  if (!probe.ok) {
    return (
      <p role="alert" className="admin-outcome admin-error" title={probe.message}>
        {t('onvif.probeFailed')} {t(`onvif.reason.${probe.reason ?? 'protocol'}` as MessageKey)}
      </p>
    );
  }
  const d = probe.device;
  // Devices give whole seconds: a second either way is the reading's own jitter.
  const drift = probe.clock?.driftSeconds ?? 0;
  const yes = (b: boolean | undefined) => (b === true ? t('onvif.yes') : t('onvif.no'));
  const usable = (probe.profiles ?? []).filter((p) => p.streamUri !== null);
  return (
    <div role="status" className="onvif-result">
      <dl>
        <dt>{t('onvif.manufacturer')}</dt>
        <dd>{d?.manufacturer}</dd>
        <dt>{t('onvif.model')}</dt>
        <dd>{d?.model}</dd>
        <dt>{t('onvif.firmware')}</dt>
        <dd>{d?.firmwareVersion}</dd>
        <dt>{t('onvif.serial')}</dt>
        <dd className="mono">{d?.serialNumber}</dd>
        <dt>{t('onvif.ptz')}</dt>
        <dd>{yes(probe.ptz)}</dd>
        <dt>{t('onvif.events')}</dt>
        <dd>{yes(probe.events)}</dd>
        <dt>{t('onvif.clock')}</dt>
        <dd className={Math.abs(drift) > 5 ? 'admin-warning-text' : undefined}>
          {Math.abs(drift) <= 1
            ? t('onvif.clockInSync')
            : t('onvif.clockDrift', { seconds: drift })}
        </dd>
      </dl>
      <table className="admin-table" aria-label={t('onvif.profiles')}>
        <thead>
          <tr>
            <th scope="col">{t('onvif.profile')}</th>
            <th scope="col">{t('onvif.encoding')}</th>
            <th scope="col">{t('onvif.asMain')}</th>
            <th scope="col">{t('onvif.asSub')}</th>
          </tr>
        </thead>
        <tbody>
          {usable.map((p) => (
            <tr key={p.token}>
              <td>
                {p.name} <span className="mono small admin-muted">{p.token}</span>
              </td>
              <td>{profileText(p)}</td>
              <td>
                <input
                  type="radio"
                  name="onvif-main"
                  aria-label={t('onvif.asMainOf', { name: p.name })}
                  checked={main === p.token}
                  onChange={() => setMain(p.token)}
                />
              </td>
              <td>
                <input
                  type="radio"
                  name="onvif-sub"
                  aria-label={t('onvif.asSubOf', { name: p.name })}
                  checked={sub === p.token}
                  onChange={() => setSub(p.token)}
                />
              </td>
            </tr>
          ))}
          <tr>
            <td colSpan={3}>{t('onvif.noSub')}</td>
            <td>
              <input
                type="radio"
                name="onvif-sub"
                aria-label={t('onvif.noSub')}
                checked={sub === null}
                onChange={() => setSub(null)}
              />
            </td>
          </tr>
        </tbody>
      </table>
      <div className="admin-actions">
        <button
          type="button"
          disabled={main === null || main === sub}
          onClick={() => main !== null && props.onUse({ main, sub })}
        >
          {t('onvif.use')}
        </button>
      </div>
    </div>
  );
}
