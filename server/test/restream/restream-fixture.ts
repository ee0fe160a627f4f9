/**
 * A city for the re-stream tests, on the real clock: the real services on a fresh test database
 * with the re-stream on (RTSP and RTSPS on free ports, a self-signed certificate made with
 * openssl), the camera simulator playing cam-001 … cam-003 (small clips, one H.265) pulled by the real
 * ingest manager, the Carabinieri as a partner agency with a service account, and helpers to
 * grant and revoke agreements over the HTTP API and read the audit trail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { parseConfig } from '../../src/app/config.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { OWNER_AGENCY_ID, TEST_HASHING } from '../../src/accounts/index.ts';
import { createHttpApp } from '../../src/compose/http-app.ts';
import type { Services } from '../../src/compose/services.ts';
import { createServices, httpSettingsOf } from '../../src/main.ts';
import { startSimulator, type Simulator } from '../../src/sim/index.ts';
import type { OpenTestDatabase } from '../support/databases.ts';

/** The partner agency, its service account and that account's password. */
export const CC = 'carabinieri';
export const VMS_USER = 'cc-milestone';
export const VMS_PASSWORD = 'Tre tigri contro tre tigri 2026';
/** Cameras of the city (cam-003 H.265, the others H.264). */
export const CAMERAS = ['cam-001', 'cam-002', 'cam-003'] as const;
const DAY = 86_400_000;

/** An audit row as stored (the columns the tests look at). */
export interface AuditRow {
  action: string;
  outcome: string;
  user_id: string | null;
  username: string | null;
  agency_id: string | null;
  camera_id: string | null;
  reason: string | null;
  details: string | null;
  from_ms: number | string | null;
  to_ms: number | string | null;
}

/** A running city. */
export interface RestreamCity {
  services: Services;
  sim: Simulator;
  /** `rtsp://` (or `rtsps://`) address of a camera stream, with the service account in it. */
  url(
    cameraId: string,
    o?: { stream?: string; tls?: boolean; user?: string; pass?: string },
  ): string;
  /** The RTSP port and the RTSPS port. */
  port: number;
  tlsPort: number;
  /** Creates an agreement for the Carabinieri (`restream` on `cameraIds`) and returns its id. */
  grant(cameraIds: string[], permissions?: string[]): Promise<string>;
  /** Revokes (or suspends) an agreement over the API. */
  end(agreementId: string, how: 'revoke' | 'suspend'): Promise<void>;
  /** Puts a privacy mask on a camera over the API. */
  mask(cameraId: string): Promise<void>;
  /** A request to the HTTP API as the owner's administrator (`body` sent as JSON). */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  /** Audit entries with this action, oldest first. */
  audit(action: string): Promise<AuditRow[]>;
  close(): Promise<void>;
}

function selfSigned(dir: string): { certFile: string; keyFile: string } {
  const certFile = join(dir, 'restream-cert.pem');
  const keyFile = join(dir, 'restream-key.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
  return { certFile, keyFile };
}

/** Starts the city on a database from `open`. */
export async function startRestreamCity(open: OpenTestDatabase): Promise<RestreamCity> {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-restream-'));
  const db = await open();
  const config = parseConfig({
    storage: { path: dir },
    restream: { enabled: true, port: 0, tlsPort: 0, ...selfSigned(dir) },
  });
  const services = createServices({
    db,
    clock: systemClock,
    logger: silentLogger(),
    config,
    hashing: TEST_HASHING,
    loginDelay: () => Promise.resolve(),
  });
  const app = createHttpApp(services, { ...httpSettingsOf(config), webDist: null });
  const request = async (method: string, path: string, cookie: string, body?: unknown) => {
    const headers: Record<string, string> = { cookie, 'content-type': 'application/json' };
    return app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  await services.accounts.users.create({
    username: 'admin',
    password: VMS_PASSWORD,
    role: 'administrator',
    agencyId: OWNER_AGENCY_ID,
  });
  const login = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: VMS_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const admin = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const sim = await startSimulator({
    port: 0,
    // cam-003 is H.265: the re-stream sends what the camera sends, RFC 7798 packetization.
    cameras: CAMERAS.map((id) => ({
      id,
      codec: id === 'cam-003' ? ('h265' as const) : ('h264' as const),
      width: 320,
      height: 180,
    })),
    labelPerCamera: false,
  });
  for (const id of CAMERAS) {
    const res = await request('POST', '/api/cameras', admin, {
      id,
      name: `Telecamera ${id}`,
      streams: { main: sim.url(id), sub: sim.url(id, true) },
      location: { latitude: 44.1, longitude: 9.82 },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  await services.ingest.setCameras(
    CAMERAS.map((id) => ({ id, mainUrl: sim.url(id), subUrl: sim.url(id, true) })),
  );
  await services.accounts.agencies.addPartner({ id: CC, name: 'Carabinieri' });
  await services.restream.accounts.add({ name: VMS_USER, agencyId: CC, password: VMS_PASSWORD });
  const addresses = await services.restream.start();
  if (addresses?.port == null || addresses.tlsPort === null) throw new Error('not listening');
  const { port, tlsPort } = addresses;

  return {
    services,
    sim,
    port,
    tlsPort,
    url(cameraId, o = {}) {
      const user = encodeURIComponent(o.user ?? VMS_USER);
      const pass = encodeURIComponent(o.pass ?? VMS_PASSWORD);
      const scheme = o.tls === true ? 'rtsps' : 'rtsp';
      const p = o.tls === true ? tlsPort : port;
      return `${scheme}://${user}:${pass}@127.0.0.1:${p}/${cameraId}/${o.stream ?? 'main'}`;
    },
    async grant(cameraIds, permissions = ['restream']) {
      const now = Date.now();
      const res = await request('POST', '/api/agreements', admin, {
        granteeAgencyId: CC,
        title: 'Ritrasmissione alla centrale operativa',
        legalInstrument: "Protocollo d'intesa prot. 1234/2026",
        legalInstrumentDate: '2026-01-15',
        validFromMs: now - DAY,
        validUntilMs: now + DAY,
        permissions,
        cameraIds,
        groupIds: [],
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    },
    async end(agreementId, how) {
      const res = await request('POST', `/api/agreements/${agreementId}/${how}`, admin, {
        reason: 'Protocollo scaduto',
      });
      expect(res.status, await res.clone().text()).toBe(200);
    },
    async mask(cameraId) {
      const res = await request('PUT', `/api/cameras/${cameraId}/masks`, admin, {
        masks: [
          {
            label: 'Finestre',
            points: [
              [0.1, 0.1],
              [0.3, 0.1],
              [0.3, 0.3],
            ],
          },
        ],
      });
      expect(res.status, await res.clone().text()).toBe(200);
    },
    api: (method, path, body) => request(method, path, admin, body),
    async audit(action) {
      return db
        .selectFrom('audit_entries')
        .select([
          'action',
          'outcome',
          'user_id',
          'username',
          'agency_id',
          'camera_id',
          'reason',
          'details',
          'from_ms',
          'to_ms',
        ])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();
    },
    async close() {
      await services.restream.close();
      await services.ingest.stop();
      await services.audit.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
