/**
 * The ONVIF controls of the simulator's HTTP control endpoint (`vedetta sim --control-port`):
 * `POST /cameras/{id}/{action}` with parameters in the query string —
 * `onvif-event` (`kind` = motion | tamper | digital-input, `state` = 1 | 0),
 * `clock-offset` (`seconds`), `onvif-slow` (`ms`), `onvif-fault` (`operation`, `count`),
 * `expire-subscriptions`, `onvif-restore`, and `GET /cameras/{id}/ptz`.
 */
import { invalidArgument } from '../../app/index.ts';
import type { SimEventKind } from './event-hub.ts';
import type { OnvifDevices } from './onvif-devices.ts';

/** The actions this file handles. */
export const ONVIF_ACTIONS: ReadonlySet<string> = new Set([
  'onvif-event',
  'clock-offset',
  'onvif-slow',
  'onvif-fault',
  'expire-subscriptions',
  'onvif-restore',
  'ptz',
]);

const KINDS: readonly SimEventKind[] = ['motion', 'tamper', 'digital-input'];

function num(q: URLSearchParams, name: string, fallback?: number): number {
  const v = q.get(name);
  if (v === null) {
    if (fallback !== undefined) return fallback;
    throw invalidArgument(`query parameter '${name}' is required`);
  }
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) {
    throw invalidArgument(`query parameter '${name}' must be a number, got ${JSON.stringify(v)}`);
  }
  return n;
}

/** Applies one ONVIF control; the answer's JSON body. */
export function applyOnvifControl(
  onvif: OnvifDevices | undefined,
  cameraId: string,
  action: string,
  q: URLSearchParams,
): Record<string, unknown> {
  if (onvif === undefined) throw invalidArgument('the simulator runs without --onvif');
  switch (action) {
    case 'onvif-event': {
      const kind = (q.get('kind') ?? 'motion') as SimEventKind;
      if (!KINDS.includes(kind)) {
        throw invalidArgument(`query parameter 'kind' must be one of ${KINDS.join(', ')}`);
      }
      const state = !['0', 'false', 'off'].includes(q.get('state') ?? '1');
      return { subscriptions: onvif.emitEvent(cameraId, kind, state) };
    }
    case 'clock-offset':
      onvif.setClockOffset(cameraId, num(q, 'seconds'));
      return {};
    case 'onvif-slow':
      onvif.faults.slow(cameraId, num(q, 'ms'));
      return {};
    case 'onvif-fault':
      onvif.faults.soapFault(cameraId, q.get('operation') ?? '', num(q, 'count', 1));
      return {};
    case 'expire-subscriptions':
      return { expired: onvif.faults.expireSubscriptions(cameraId) };
    case 'onvif-restore':
      onvif.faults.restore(cameraId);
      return {};
    case 'ptz':
      return {
        position: onvif.ptzPosition(cameraId) ?? null,
        view: onvif.pictureView(cameraId) ?? null,
      };
    default:
      throw invalidArgument(`unknown ONVIF control ${JSON.stringify(action)}`);
  }
}
