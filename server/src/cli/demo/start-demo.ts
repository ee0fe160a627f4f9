/**
 * `vedetta demo` as a function: a simulated city on one machine. Creates (or reuses) a data
 * folder with its `vedetta.yaml` and embedded SQLite database, starts Vedetta, seeds the
 * agencies, camera groups and cameras on first start, and gives the `admin` account a fresh
 * random password. Later modules (camera simulator, recording) hook in through `DemoOptions`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { Clock, Logger } from '../../app/index.ts';
import { loadConfig, parseConfig, type Config } from '../../app/index.ts';
import { OWNER_AGENCY_ID, passwordRefusal } from '../../accounts/index.ts';
import type { Services } from '../../compose/index.ts';
import { startVedetta, type Vedetta } from '../../compose/index.ts';
import { demoConfigPath } from '../installation.ts';
import { demoCameras, demoDistricts } from './city.ts';
import { startDemoOnvif, startDemoSimulator } from './demo-simulator.ts';
import { demoRestreamTls, seedDemoRestream } from './demo-restream.ts';
import type { OnvifDevices, Simulator } from '../../sim/index.ts';

/** Options of a demo. */
export interface DemoOptions {
  /** Data folder; a new temporary folder (deleted at close) when absent. */
  dataDir?: string;
  /** HTTP port; 8080 by default, 0 picks a free one. */
  port?: number;
  host?: string;
  /** Cameras to seed on first start; 30 by default. */
  cameras?: number;
  /** RTSP port of the camera simulator the seeded stream URLs point at; 8554 by default. */
  simulatorPort?: number;
  /**
   * Port of the RTSP re-stream (RTSPS on the next one when openssl can make a certificate);
   * 8654 by default, 0 (free ports) when `port` is 0.
   */
  restreamPort?: number;
  /**
   * WS-Discovery port of the simulated cameras (3702 with multicast by default). When given,
   * the cameras answer unicast Probes on it and Vedetta's discovery is pointed at
   * 127.0.0.1 on that port: a test's discovery then finds its own city whatever else runs.
   */
  onvifDiscoveryPort?: number;
  clock?: Clock;
  logger?: Logger;
}

/** A running demo. */
export interface Demo {
  url: string;
  username: string;
  password: string;
  dataDir: string;
  vedetta: Vedetta;
  /** The camera simulator the city's cameras point at (absent when none of them does). */
  simulator: Simulator | undefined;
  /** The simulated cameras' ONVIF side (every fifth camera a PTZ dome). */
  onvif: OnvifDevices | undefined;
  /** The RTSP re-stream: where it listens and the demo service account (of the Carabinieri). */
  restream: DemoRestream | null;
  close(): Promise<void>;
}

/** Where the demo's re-stream listens, and its service account. */
export interface DemoRestream {
  /** `rtsp://host:port/` (add `<camera>/<main|sub>`). */
  url: string;
  /** `rtsps://host:port/`, or null without a certificate. */
  tlsUrl: string | null;
  username: string;
  password: string;
}

/** Username of the demo's administrator. */
export const DEMO_ADMIN = 'admin';

const PARTNERS = [
  { id: 'carabinieri', name: 'Carabinieri' },
  { id: 'polizia-di-stato', name: 'Polizia di Stato' },
];

function demoConfig(dataDir: string, opts: DemoOptions): Config {
  const file = demoConfigPath(dataDir);
  if (!existsSync(file)) {
    const initial = {
      storage: { path: dataDir },
      server: { host: '127.0.0.1', port: 8080 },
      log: { level: 'warn' },
      // The owner's supervisors over its operators over the partners, on the demo's domes.
      ptz: {
        priorities: [
          { agencyKind: 'owner', role: 'supervisor', priority: 90 },
          { agencyKind: 'owner', role: 'administrator', priority: 80 },
          { agencyKind: 'owner', priority: 60 },
          { agencyKind: 'partner', priority: 30 },
        ],
        homeReturnMinutes: { default: 10 },
      },
    };
    writeFileSync(
      file,
      `# Written by vedetta demo; see config/vedetta.example.yaml\n${stringify(initial)}`,
    );
  }
  const base = loadConfig(file);
  const discoveryPort = opts.onvifDiscoveryPort;
  const restreamPort = opts.restreamPort ?? (opts.port === 0 ? 0 : 8654);
  const tls = demoRestreamTls(dataDir, opts.logger);
  return parseConfig(
    {
      ...base,
      // The re-stream is on in the demo; RTSPS too when a certificate could be made.
      restream: {
        ...base.restream,
        enabled: true,
        host: opts.host ?? base.server.host,
        port: restreamPort,
        tlsPort: tls === null ? null : restreamPort === 0 ? 0 : restreamPort + 1,
        certFile: tls?.certFile ?? null,
        keyFile: tls?.keyFile ?? null,
      },
      ...(discoveryPort === undefined
        ? {}
        : {
            onvif: {
              ...base.onvif,
              discovery: { ...base.onvif.discovery, targets: [`127.0.0.1:${discoveryPort}`] },
            },
          }),
      server: {
        ...base.server,
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.host !== undefined ? { host: opts.host } : {}),
      },
    },
    file,
  );
}

/** Seeds partner agencies, district groups and cameras, when the registry is empty. */
export async function seedDemoCity(
  services: Services,
  cameraCount: number,
  simulatorPort: number,
  onvifUrl?: (cameraId: string) => string,
): Promise<void> {
  const agencies = new Set((await services.accounts.agencies.list()).map((a) => a.id));
  for (const p of PARTNERS) {
    if (!agencies.has(p.id)) await services.accounts.agencies.addPartner(p);
  }
  if ((await services.cameras.list()).length > 0) return;
  for (const d of demoDistricts(cameraCount)) {
    await services.cameraGroups.create({
      id: d.id,
      name: d.name,
      description: `Quartiere ${d.name}`,
    });
  }
  for (const camera of demoCameras(cameraCount, simulatorPort, onvifUrl)) {
    await services.cameras.create(camera);
  }
}

/** 16 random characters (96 bits), drawn again in the rare case the policy refuses them. */
function demoPassword(): string {
  for (;;) {
    const password = randomBytes(12).toString('base64url');
    if (passwordRefusal(password, { username: DEMO_ADMIN }) === undefined) return password;
  }
}

async function resetAdmin(services: Services): Promise<string> {
  const password = demoPassword();
  const existing = await services.accounts.users.findByUsername(DEMO_ADMIN);
  if (existing) {
    await services.accounts.users.setPassword(existing.id, password);
    if (existing.disabled) await services.accounts.users.setDisabled(existing.id, false);
  } else {
    await services.accounts.users.create({
      username: DEMO_ADMIN,
      displayName: 'Amministratore demo',
      password,
      role: 'administrator',
      agencyId: OWNER_AGENCY_ID,
    });
  }
  return password;
}

/** The demo service account and the re-stream's addresses; null when it does not listen. */
async function demoRestream(services: Services): Promise<DemoRestream | null> {
  const at = services.restream.addresses;
  if (at === null) return null;
  const vms = await seedDemoRestream(services, DEMO_ADMIN);
  const host = at.host === '0.0.0.0' ? '127.0.0.1' : at.host;
  return {
    url: at.port === null ? '' : `rtsp://${host}:${at.port}/`,
    tlsUrl: at.tlsPort === null ? null : `rtsps://${host}:${at.tlsPort}/`,
    ...vms,
  };
}

/** Starts a demo city. */
export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const temporary = opts.dataDir === undefined;
  const dataDir = temporary
    ? mkdtempSync(join(tmpdir(), 'vedetta-demo-'))
    : resolve(opts.dataDir ?? '');
  mkdirSync(dataDir, { recursive: true, mode: 0o750 });
  let vedetta: Vedetta | undefined;
  let simulator: Simulator | undefined;
  let onvif: OnvifDevices | undefined;
  try {
    const config = demoConfig(dataDir, opts);
    vedetta = await startVedetta({
      config,
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    simulator = await startDemoSimulator(vedetta.services, {
      cameraCount: opts.cameras ?? 30,
      ...(opts.simulatorPort !== undefined ? { port: opts.simulatorPort } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    onvif =
      simulator === undefined
        ? undefined
        : await startDemoOnvif(simulator, opts.logger, opts.onvifDiscoveryPort);
    const onvifSide = onvif;
    await seedDemoCity(
      vedetta.services,
      opts.cameras ?? 30,
      simulator?.port ?? 8554,
      onvifSide === undefined ? undefined : (id) => onvifSide.deviceUrl(id),
    );
    await vedetta.syncCameras(); // ingest and record the seeded cameras now
    const password = await resetAdmin(vedetta.services);
    const restream = await demoRestream(vedetta.services);
    const running = vedetta;
    const sim = simulator;
    const devices = onvif;
    return {
      url: running.url,
      username: DEMO_ADMIN,
      password,
      dataDir,
      vedetta: running,
      simulator: sim,
      onvif: devices,
      restream,
      async close() {
        await running.close();
        await devices?.close();
        await sim?.close();
        if (temporary) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await vedetta?.close();
    await onvif?.close();
    await simulator?.close();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
