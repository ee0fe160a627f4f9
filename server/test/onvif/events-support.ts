/**
 * What the ONVIF events tests share: polling for a state, emitting on the simulated camera until
 * a pull point took the event, a camera of the register on the simulator's `cam-001`, and the
 * subscribers started on a test app.
 */
import { startOnvifEvents, type OnvifEventsDeps } from '../../src/compose/onvif-events.ts';
import type { SimWithOnvif } from '../sim-onvif/support.ts';
import type { TestApp } from '../support/test-app.ts';

/** Polls `get` every 50 ms until it answers something (30 s at most). */
export async function pollUntil<T>(
  get: () => Promise<T | undefined> | T | undefined,
  what: string,
): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${what}`);
}

/** Emits on the simulator's `cam-001` until a pull point received it (a subscriber is there). */
export const emitOn =
  (env: SimWithOnvif) => (kind: 'motion' | 'tamper' | 'digital-input', state: boolean) =>
    pollUntil(
      () => (env.onvif.emitEvent('cam-001', kind, state) > 0 ? true : undefined),
      `a subscription for ${kind}`,
    );

/** Registers `via-roma`, the simulator's `cam-001` added from ONVIF, credentials in `credsVar`. */
export async function addViaRoma(t: TestApp, env: SimWithOnvif, credsVar: string): Promise<void> {
  await t.services.cameras.create({
    id: 'via-roma',
    name: 'Via Roma',
    streams: { main: env.sim.url('cam-001') },
    credentialsRef: `env:${credsVar}`,
    location: { latitude: 44.1, longitude: 9.82 },
    onvif: { address: env.onvif.deviceUrl('cam-001'), profiles: { main: 'main', sub: 'sub' } },
  });
}

/** Starts the event subscribers on the test app's services (`over` replaces some deps). */
export function subscribe(t: TestApp, over: Partial<OnvifEventsDeps> = {}) {
  return startOnvifEvents({
    cameras: t.services.cameras,
    sink: t.services.alarms.system,
    queue: t.services.alarmQueue,
    clock: t.clock,
    logger: t.services.logger,
    config: t.config.onvif,
    ...over,
  });
}
