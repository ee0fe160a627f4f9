/**
 * "Prova connessione": tests the form's stream (`POST /api/cameras/test-connection`) and shows
 * what it found — codec, resolution, frame rate and the first key frame — or why it failed, in
 * the user's language (the cause is one word from the server; its English text is the tooltip).
 */
import { useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { adminApi } from './admin-api.ts';
import type { CameraTestResult } from './admin-types.ts';

type TestState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: CameraTestResult }
  | { state: 'failed'; error: unknown };

/** The test button and its result, for the body `body()` builds when clicked. */
export function CameraTestPanel({ body }: { body: () => Record<string, unknown> }) {
  const { t } = useI18n();
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const run = () => {
    setTest({ state: 'running' });
    adminApi.testCamera(body()).then(
      (result) => setTest({ state: 'done', result }),
      (error: unknown) => setTest({ state: 'failed', error }),
    );
  };
  return (
    <div className="camera-test">
      <button type="button" onClick={run} disabled={test.state === 'running'}>
        {t('admin.camera.test')}
      </button>
      {test.state === 'running' && (
        <p role="status" className="admin-muted">
          {t('admin.camera.testing')}
        </p>
      )}
      {test.state === 'failed' && (
        <p role="alert" className="admin-outcome admin-error">
          {t('admin.errorPrefix')} <ErrorText error={test.error} />
        </p>
      )}
      {test.state === 'done' && <TestResultView result={test.result} />}
    </div>
  );
}

function TestResultView({ result }: { result: CameraTestResult }) {
  const { t } = useI18n();
  if (!result.ok) {
    return (
      <p role="alert" className="admin-outcome admin-error" title={result.message}>
        {t('admin.camera.testFailed', { host: result.host })}{' '}
        {t(`admin.camera.reason.${result.reason ?? 'protocol'}` as MessageKey)}
      </p>
    );
  }
  const fps = result.fps == null ? '—' : String(result.fps).replace('.', ',');
  return (
    <div role="status" className="camera-test-result">
      <dl>
        <dt>{t('admin.camera.codec')}</dt>
        <dd>
          {(result.codec ?? '').toUpperCase().replace('H26', 'H.26')}{' '}
          <span className="admin-muted mono">{result.codecString}</span>
        </dd>
        <dt>{t('admin.camera.resolution')}</dt>
        <dd>
          {result.width}×{result.height}
        </dd>
        <dt>{t('admin.camera.fps')}</dt>
        <dd>{fps}</dd>
      </dl>
      {result.image ? (
        <img src={result.image} alt={t('admin.camera.still', { host: result.host })} />
      ) : (
        <p className="admin-muted">{t('admin.camera.noStill')}</p>
      )}
    </div>
  );
}
