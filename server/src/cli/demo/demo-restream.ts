/**
 * The demo's RTSP re-stream: a self-signed certificate for RTSPS (made with openssl, kept in the
 * data folder), and a service account of the Carabinieri — with a fresh random password at each
 * start, printed like the administrator's — whose agreement grants `restream` (only: its people see no more) on
 * the first cameras of the city, so that a VMS or `ffplay` can be pointed at it at once.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../app/index.ts';
import { OWNER_AGENCY_ID, passwordRefusal } from '../../accounts/index.ts';
import { loadPrincipalAccess } from '../../access/index.ts';
import type { Services } from '../../compose/index.ts';

/** The demo's service account (of the Carabinieri). */
export const DEMO_RESTREAM_ACCOUNT = 'carabinieri-vms';
/** Cameras the demo agreement grants `restream` on. */
const GRANTED = ['cam-001', 'cam-002', 'cam-003', 'cam-004'];
const PARTNER = 'carabinieri';

/** The certificate and key files for RTSPS, made once; null when openssl is not available. */
export function demoRestreamTls(
  dataDir: string,
  logger?: Logger,
): { certFile: string; keyFile: string } | null {
  const dir = join(dataDir, 'restream-tls');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) return { certFile, keyFile };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
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
      '825',
      '-subj',
      '/CN=vedetta-demo',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    logger?.warn({ err: r.error ?? r.stderr }, 'demo: no openssl; RTSPS left off');
    return null;
  }
  return { certFile, keyFile };
}

function demoPassword(): string {
  for (;;) {
    const password = randomBytes(12).toString('base64url');
    if (passwordRefusal(password, { username: DEMO_RESTREAM_ACCOUNT }) === undefined) {
      return password;
    }
  }
}

/**
 * Makes (or re-keys) the demo service account and, on first start, the Carabinieri's agreement
 * granting `restream`; returns the account's name and new password.
 */
export async function seedDemoRestream(
  services: Services,
  adminUsername: string,
): Promise<{ username: string; password: string }> {
  const password = demoPassword();
  const accounts = services.restream.accounts;
  if ((await accounts.find(DEMO_RESTREAM_ACCOUNT)) === undefined) {
    await accounts.add({ name: DEMO_RESTREAM_ACCOUNT, agencyId: PARTNER, password });
  } else {
    await accounts.setPassword(DEMO_RESTREAM_ACCOUNT, password);
  }
  const agreements = await services.access.agreements.list({ granteeAgencyId: PARTNER });
  if (!agreements.some((a) => a.permissions.includes('restream'))) {
    const admin = await services.accounts.users.findByUsername(adminUsername);
    const registered = new Set((await services.cameras.list()).map((c) => c.id));
    const cameraIds = GRANTED.filter((id) => registered.has(id));
    if (admin !== undefined && cameraIds.length > 0) {
      const now = services.clock.nowMs();
      const subject = { userId: admin.id, role: admin.role, agencyId: OWNER_AGENCY_ID };
      const access = await loadPrincipalAccess(
        { db: services.db, accountsDb: services.db, camerasDb: services.db },
        { ...subject, agencyKind: 'owner' },
        now,
      );
      if (access !== undefined) {
        await services.access.agreements.create(
          {
            principal: {
              userId: admin.id,
              username: admin.username,
              displayName: admin.displayName,
              role: admin.role,
              agencyId: OWNER_AGENCY_ID,
              agencyKind: 'owner',
              access,
            },
            sourceAddress: 'local-demo',
          },
          {
            granteeAgencyId: PARTNER,
            title: 'Ritrasmissione RTSP alla centrale operativa (demo)',
            legalInstrument: "Protocollo d'intesa prot. 0001/2026 (demo)",
            legalInstrumentDate: '2026-01-01',
            validFromMs: now - 86_400_000,
            validUntilMs: null,
            permissions: ['restream'],
            cameraIds,
          },
        );
      }
    }
  }
  return { username: DEMO_RESTREAM_ACCOUNT, password };
}
