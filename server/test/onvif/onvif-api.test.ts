/**
 * ONVIF onboarding through the API, against the simulator's ONVIF side over real sockets:
 * discovery finds every simulated camera with its identity (default credentials configured) and
 * marks the registered one; a probe gives profiles, stream URIs and the clock, and a wrong
 * password or a dead address is an answer, not a failure; a camera created from a probe keeps its
 * ONVIF address and profiles, and the register shows maker, model, firmware and serial; only
 * `camera.manage` may discover or probe, and both are audited without the password; a camera
 * whose clock is off raises the clock alarm, cleared when it is back in sync.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifClockCheck } from '../../src/compose/onvif-clock.ts';
import { CREDS, startSimWithOnvif, type SimWithOnvif } from '../sim-onvif/support.ts';
import { listAlarms } from '../alarms/alarms-fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { systemClock } from '../../src/app/index.ts';

let env: SimWithOnvif;

beforeAll(async () => {
  env = await startSimWithOnvif();
});

afterAll(async () => {
  await env.close();
});

interface Probe {
  ok: boolean;
  reason?: string;
  message?: string;
  device?: { manufacturer: string; model: string; firmwareVersion: string; serialNumber: string };
  profiles?: { token: string; codec: string | null; width: number | null; fps: number | null }[];
  streams?: {
    main: { token: string; uri: string } | null;
    sub: { token: string; uri: string } | null;
  };
  snapshotUri?: string | null;
  ptz?: boolean;
  events?: boolean;
  clock?: { driftSeconds: number };
}

interface Discovered {
  address: string | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  identified: boolean;
  registered: boolean;
  cameraId: string | null;
}

async function appWithOnvif(
  open: Parameters<typeof createTestApp>[0],
  defaultCredentialsRef: string | null = null,
): Promise<TestApp> {
  const t = await createTestApp(open, {
    config: {
      onvif: {
        discovery: {
          targets: [`127.0.0.1:${env.onvif.discoveryPort}`],
          durationMs: 500,
          defaultCredentialsRef,
        },
        requestTimeoutMs: 60_000,
      },
    },
  });
  mkdirSync(t.config.secrets.directory, { recursive: true });
  return t;
}

async function probe(t: TestApp, cookie: string, body: object): Promise<Probe> {
  const res = await t.request('POST', '/api/onvif/probe', { cookie, body });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Probe;
}

/** Runs a request whose answer waits on the app's fake clock, moving the clock until it ends. */
async function withClockMoving(t: TestApp, request: Promise<Response>): Promise<Response> {
  let done = false;
  void request.finally(() => {
    done = true;
  });
  while (!done) {
    t.clock.advance(100);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return request;
}

describe('ONVIF onboarding API', () => {
  forEachDatabase((_name, open) => {
    it('probes a camera, creates it from the probe, and the register shows the device', async () => {
      const t = await appWithOnvif(open);
      const admin = await t.userCookie('administrator');
      const operator = await t.userCookie('operator');
      const address = env.onvif.deviceUrl('cam-003');

      const p = await probe(t, admin, { address, ...CREDS });
      expect(p.ok).toBe(true);
      expect(p.device).toMatchObject({
        manufacturer: 'Vedetta Sim',
        model: 'VS-DOME-1080',
        firmwareVersion: '1.0.0',
        serialNumber: 'VSIM-cam-003',
      });
      expect(p.profiles?.map((x) => x.token).sort()).toEqual(['main', 'sub']);
      expect(p.streams?.main).toEqual({ token: 'main', uri: env.sim.url('cam-003') });
      expect(p.streams?.sub).toEqual({ token: 'sub', uri: env.sim.url('cam-003', true) });
      expect(p.snapshotUri).toBe(env.onvif.snapshotUrl('cam-003'));
      expect([p.ptz, p.events]).toEqual([true, true]);
      expect(typeof p.clock?.driftSeconds).toBe('number');

      const wrong = await probe(t, admin, { address, username: 'admin', password: 'nope' });
      expect([wrong.ok, wrong.reason]).toEqual([false, 'authentication']);
      expect(wrong.message).toMatch(/GetDeviceInformation/);

      const bad = await t.request('POST', '/api/onvif/probe', {
        cookie: admin,
        body: { address: 'http://user:pw@10.0.0.1/onvif/device_service' },
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('address');

      const denied = await t.request('POST', '/api/onvif/probe', {
        cookie: operator,
        body: { address },
      });
      expect(denied.status).toBe(403);

      const created = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: {
          id: 'dome-1',
          name: 'Piazza Verdi dome',
          streams: { main: p.streams?.main?.uri, sub: p.streams?.sub?.uri },
          location: { latitude: 44.1, longitude: 9.82 },
          onvif: { address, profiles: { main: 'main', sub: 'sub' } },
          device: {
            manufacturer: 'Vedetta Sim',
            model: 'VS-DOME-1080',
            firmware: '1.0.0',
            serial: 'VSIM-cam-003',
          },
        },
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const camera = (await (
        await t.request('GET', '/api/cameras/dome-1', { cookie: admin })
      ).json()) as {
        onvif: unknown;
      };
      expect(camera.onvif).toEqual({ address, profiles: { main: 'main', sub: 'sub' } });
      const register = (await (
        await t.request('GET', '/api/register/dome-1', { cookie: admin })
      ).json()) as {
        device: unknown;
      };
      expect(register.device).toEqual({
        manufacturer: 'Vedetta Sim',
        model: 'VS-DOME-1080',
        firmware: '1.0.0',
        serial: 'VSIM-cam-003',
      });

      const audit = await t.db
        .selectFrom('audit_entries')
        .select(['action', 'details'])
        .where('action', '=', 'camera.onvif_probe')
        .execute();
      expect(audit.length).toBe(2);
      expect(JSON.stringify(audit)).not.toContain(CREDS.password);
    });

    it('a device answering SOAP faults is an answer naming the operation and the fault', async () => {
      const t = await appWithOnvif(open);
      const admin = await t.userCookie('administrator');
      // Media2's GetProfiles and then Media's both fault: nothing to fall back on.
      env.onvif.faults.soapFault('cam-002', 'GetProfiles', 2);
      const p = await probe(t, admin, { address: env.onvif.deviceUrl('cam-002'), ...CREDS });
      expect([p.ok, p.reason]).toEqual([false, 'fault']);
      expect(p.message).toMatch(/^ONVIF GetProfiles: SOAP fault env:(Sender|Receiver)/);
      // One fault only: Media2 fails, Media answers.
      env.onvif.faults.soapFault('cam-002', 'GetProfiles', 1);
      const again = await probe(t, admin, { address: env.onvif.deviceUrl('cam-002'), ...CREDS });
      expect(again.ok).toBe(true);
      expect(again.streams?.main?.uri).toBe(env.sim.url('cam-002'));
    });

    it('discovers every simulated camera, identified with default credentials, registered ones marked', async () => {
      process.env.VEDETTA_TEST_ONVIF_DEFAULT = `${CREDS.username}:${CREDS.password}`;
      const t = await appWithOnvif(open, 'env:VEDETTA_TEST_ONVIF_DEFAULT');
      const admin = await t.userCookie('administrator');
      await t.services.cameras.create({
        id: 'via-roma',
        name: 'Via Roma',
        streams: { main: env.sim.url('cam-001') },
        location: { latitude: 44.1, longitude: 9.82 },
        onvif: { address: env.onvif.deviceUrl('cam-001') },
      });
      const res = await withClockMoving(
        t,
        t.request('POST', '/api/onvif/discovery', { cookie: admin, body: {} }),
      );
      expect(res.status, await res.clone().text()).toBe(200);
      const { devices } = (await res.json()) as { devices: Discovered[] };
      expect(devices.map((d) => d.address).sort()).toEqual(
        ['cam-001', 'cam-002', 'cam-003'].map((id) => env.onvif.deviceUrl(id)).sort(),
      );
      const one = devices.find((d) => d.address === env.onvif.deviceUrl('cam-001'));
      expect(one).toMatchObject({
        registered: true,
        cameraId: 'via-roma',
        identified: true,
        manufacturer: 'Vedetta Sim',
        model: 'VS-BULLET-1080',
        serial: 'VSIM-cam-001',
      });
      expect(devices.filter((d) => d.registered).length).toBe(1);
    });

    it('raises the clock alarm for a camera hours off, and clears it back in sync', async () => {
      const t = await appWithOnvif(open);
      const admin = await t.userCookie('administrator');
      await t.services.cameras.create({
        id: 'via-roma',
        name: 'Via Roma',
        streams: { main: env.sim.url('cam-001') },
        location: { latitude: 44.1, longitude: 9.82 },
        onvif: { address: env.onvif.deviceUrl('cam-001') },
      });
      // The simulator's clocks are real ones: the check reads them on the real clock.
      env.onvif.setClockOffset('cam-001', 2 * 3600);
      const monitor = startOnvifClockCheck({
        cameras: t.services.cameras,
        sink: t.services.alarms.system,
        queue: t.services.alarmQueue,
        clock: systemClock,
        logger: t.services.logger,
        config: { ...t.config.onvif, clockCheckIntervalSeconds: 60 },
      });
      try {
        await monitor?.checkNow();
        await t.services.alarmQueue.idle();
        const raised = await listAlarms(t, admin);
        const alarm = raised.find((a) => a.kind === 'camera_clock_drift');
        expect(alarm?.cameraIds).toEqual(['via-roma']);
        expect(Math.abs(Number(alarm?.params.seconds) - 7200)).toBeLessThan(60);
        expect(alarm?.clearedMs ?? null).toBeNull();

        env.onvif.setClockOffset('cam-001', 0);
        await monitor?.checkNow();
        await t.services.alarmQueue.idle();
        const after = await listAlarms(t, admin);
        expect(after.find((a) => a.kind === 'camera_clock_drift')?.clearedMs).not.toBeNull();
      } finally {
        monitor?.stop();
        env.onvif.setClockOffset('cam-001', 0);
      }
    });
  });
});
