/**
 * The ONVIF part of `vedetta sim`: its options (`--onvif`, `--onvif-port`,
 * `--onvif-discovery-port`, `--ptz-every`, `--motion-every`), starting the ONVIF side, and the
 * line printed per camera: `<id> <device service address>` (and ` ptz` for a dome).
 */
import { invalidArgument } from '../../app/index.ts';
import type { Logger } from '../../app/index.ts';
import type { Simulator } from '../simulator.ts';
import type { OnvifDevices } from './onvif-devices.ts';
import { startOnvifDevices } from './onvif-devices.ts';

/** `parseArgs` options of the ONVIF side. */
export const ONVIF_CLI_OPTIONS = {
  onvif: { type: 'boolean' },
  'onvif-port': { type: 'string' },
  'onvif-discovery-port': { type: 'string' },
  'ptz-every': { type: 'string' },
  'motion-every': { type: 'string' },
} as const;

/** Usage lines of the ONVIF options. */
export const ONVIF_USAGE = `       [--onvif [--onvif-port 8000] [--onvif-discovery-port 3702] [--ptz-every 5]
        [--motion-every SECONDS]]`;

/** The ONVIF option values as parsed. */
export interface OnvifCliValues {
  onvif?: boolean;
  'onvif-port'?: string;
  'onvif-discovery-port'?: string;
  'ptz-every'?: string;
  'motion-every'?: string;
}

function whole(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw invalidArgument(`--${name} must be a whole number, got ${value}`);
  return n;
}

/** The ids of every `every`-th camera (cam-005, cam-010, ... for 5); none for 0. */
export function everyNth(ids: readonly string[], every: number): string[] {
  return every <= 0 ? [] : ids.filter((_, i) => (i + 1) % every === 0);
}

/**
 * Starts the ONVIF side when `--onvif` is given and prints one line per camera to `print`.
 * Discovery listens on 0.0.0.0 (joined to 239.255.255.250: multicast probes reach no socket bound
 * to 127.0.0.1); a discovery port already in use is a warning, not a failure.
 */
export async function startOnvifFromCli(
  sim: Simulator,
  values: OnvifCliValues,
  opts: {
    host: string;
    auth: { username: string; password: string } | undefined;
    logger: Logger;
    print(line: string): void;
  },
): Promise<OnvifDevices | undefined> {
  if (values.onvif !== true) return undefined;
  const base = {
    host: opts.host,
    port: whole('onvif-port', values['onvif-port'], 8000),
    auth: opts.auth,
    ptzCameras: everyNth(sim.cameraIds, whole('ptz-every', values['ptz-every'], 5)),
    motionEverySeconds: whole('motion-every', values['motion-every'], 0),
    logger: opts.logger,
  };
  const discoveryPort = whole('onvif-discovery-port', values['onvif-discovery-port'], 3702);
  let onvif: OnvifDevices;
  try {
    onvif = await startOnvifDevices(sim, {
      ...base,
      discoveryHost: '0.0.0.0',
      discoveryPort,
      joinMulticast: true,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || discoveryPort === 0) throw err;
    opts.logger.warn({ discoveryPort }, 'WS-Discovery port in use: ONVIF runs without discovery');
    onvif = await startOnvifDevices(sim, { ...base, discoveryPort: false });
  }
  const domes = new Set(onvif.ptzCameras);
  for (const id of sim.cameraIds) {
    opts.print(`${id} ${onvif.deviceUrl(id)}${domes.has(id) ? ' ptz' : ''}`);
  }
  return onvif;
}
