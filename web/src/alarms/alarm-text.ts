/**
 * An alarm's words in the reader's language: its title from its kind, and its description from
 * the kind's parameters where the interface knows them (the system's own words otherwise).
 */
import type { Translate } from '../api/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Alarm } from './alarms-api.ts';

const KINDS = new Set([
  'camera_offline',
  'recording_gap',
  'disk_pressure',
  'login_guessing',
  'retention_failed',
  'operator_report',
  'camera_clock_drift',
  'camera_motion',
  'camera_tamper',
  'camera_input',
]);

/** The alarm's title. */
export function alarmTitle(t: Translate, a: Alarm): string {
  return t((KINDS.has(a.kind) ? `alarms.kind.${a.kind}` : 'alarms.kind.other') as MessageKey);
}

/** The alarm's description. */
export function alarmDescription(t: Translate, a: Alarm): string {
  if (a.kind === 'camera_offline' && typeof a.params.cameraId === 'string') {
    return t('alarms.message.camera_offline', { cameraId: a.params.cameraId });
  }
  if (
    a.kind === 'camera_clock_drift' &&
    typeof a.params.cameraId === 'string' &&
    typeof a.params.seconds === 'number'
  ) {
    return t('alarms.message.camera_clock_drift', {
      cameraId: a.params.cameraId,
      seconds: a.params.seconds,
    });
  }
  if (
    (a.kind === 'camera_motion' || a.kind === 'camera_tamper') &&
    typeof a.params.cameraId === 'string'
  ) {
    return t(`alarms.message.${a.kind}`, { cameraId: a.params.cameraId });
  }
  if (a.kind === 'camera_input' && typeof a.params.cameraId === 'string') {
    return t('alarms.message.camera_input', {
      cameraId: a.params.cameraId,
      input: typeof a.params.input === 'string' ? a.params.input : '',
    });
  }
  if (a.kind === 'login_guessing' && typeof a.params.username === 'string') {
    return t('alarms.message.login_guessing', { username: a.params.username });
  }
  return a.message;
}
