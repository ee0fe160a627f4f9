import { describe, expect, it } from 'vitest';
import {
  agencyRights,
  agreementInForce,
  nextValidityBoundary,
  type AgreementTerms,
  type CameraRef,
} from './agreement-rules.ts';
import { BUILTIN_ROLES } from './builtin-roles.ts';
import {
  decideCamera,
  decideInstallation,
  effectiveCameraPermissions,
  permittedCameras,
  type Subject,
} from './decide.ts';
import type { CameraPermission, Permission } from './permissions.ts';

const OWNER = 'polizia-municipale';
const CC = 'carabinieri';
const PS = 'polizia-di-stato';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1);

function subject(agencyId: string, roleName: string, lookbackMs: number | null = null): Subject {
  const role = BUILTIN_ROLES.get(roleName);
  if (!role) throw new Error(roleName);
  return {
    userId: `${agencyId}-${roleName}`,
    username: roleName,
    agencyId,
    role: roleName,
    permissions: role.permissions,
    playbackLookbackMs: lookbackMs,
  };
}

function custom(agencyId: string, permissions: Permission[], lookbackMs: number | null): Subject {
  return {
    userId: 'u',
    username: 'u',
    agencyId,
    role: 'custom',
    permissions: new Set(permissions),
    playbackLookbackMs: lookbackMs,
  };
}

function agreement(over: Partial<AgreementTerms>): AgreementTerms {
  return {
    id: 'a1',
    grantorAgencyId: OWNER,
    granteeAgencyId: CC,
    permissions: new Set<CameraPermission>(['live.view', 'playback.view', 'export.create']),
    cameraIds: new Set(['cam-1', 'cam-2']),
    groupIds: new Set(['grp-centro']),
    validFromMs: NOW - 10 * DAY,
    validUntilMs: NOW + 10 * DAY,
    status: 'active',
    ...over,
  };
}

const cameras: CameraRef[] = [
  { id: 'cam-1', groupIds: [] },
  { id: 'cam-2', groupIds: ['grp-porto'] },
  { id: 'cam-3', groupIds: ['grp-centro'] },
  { id: 'cam-4', groupIds: ['grp-porto'] },
  { id: 'cam-5', groupIds: [] },
];
const cam = (i: number): CameraRef => {
  const c = cameras[i - 1];
  if (!c) throw new Error(`cam ${i}`);
  return c;
};

describe('agreements', () => {
  it('are in force only when active and inside [validFrom, validUntil)', () => {
    const a = agreement({});
    expect(agreementInForce(a, NOW)).toBe(true);
    expect(agreementInForce(a, a.validFromMs)).toBe(true);
    expect(agreementInForce(a, a.validFromMs - 1)).toBe(false);
    expect(agreementInForce(a, NOW + 10 * DAY)).toBe(false);
    expect(agreementInForce(agreement({ validUntilMs: null }), NOW + 1000 * DAY)).toBe(true);
    expect(agreementInForce(agreement({ status: 'suspended' }), NOW)).toBe(false);
    expect(agreementInForce(agreement({ status: 'revoked' }), NOW)).toBe(false);
  });

  it('grant the cameras named and those of the groups named, nothing else', () => {
    const r = agencyRights(CC, OWNER, [agreement({})], NOW);
    expect([...permittedCameras(subject(CC, 'operator'), r, cameras)].sort()).toEqual([
      'cam-1',
      'cam-2',
      'cam-3',
    ]);
  });

  it('count only for their grantee and only when granted by the owner', () => {
    const agreements = [
      agreement({ granteeAgencyId: PS }),
      agreement({ id: 'forged', grantorAgencyId: PS, cameraIds: new Set(['cam-5']) }),
    ];
    const r = agencyRights(CC, OWNER, agreements, NOW);
    expect(permittedCameras(subject(CC, 'operator'), r, cameras).size).toBe(0);
  });

  it('combine: the union of the permissions of every agreement in force', () => {
    const r = agencyRights(
      CC,
      OWNER,
      [
        agreement({ permissions: new Set(['live.view']) }),
        agreement({
          id: 'a2',
          permissions: new Set(['ptz.control']),
          cameraIds: new Set(),
          groupIds: new Set(['grp-porto']),
        }),
      ],
      NOW,
    );
    const s = subject(CC, 'supervisor');
    expect([...effectiveCameraPermissions(s, r, cam(2))].sort()).toEqual([
      'live.view',
      'ptz.control',
    ]);
    expect([...effectiveCameraPermissions(s, r, cam(4))]).toEqual(['ptz.control']);
    expect([...effectiveCameraPermissions(s, r, cam(5))]).toEqual([]);
  });

  it('give the next start or end of validity so that open streams are re-checked then', () => {
    const a = agreement({ validFromMs: NOW + DAY, validUntilMs: NOW + 3 * DAY });
    const b = agreement({ id: 'b', validFromMs: NOW - DAY, validUntilMs: NOW + 2 * DAY });
    expect(nextValidityBoundary([a, b], NOW)).toBe(NOW + DAY);
    expect(nextValidityBoundary([a, b], NOW + DAY)).toBe(NOW + 2 * DAY);
    expect(nextValidityBoundary([a, b], NOW + 3 * DAY)).toBeNull();
    expect(nextValidityBoundary([agreement({ status: 'revoked' })], NOW)).toBeNull();
  });
});

describe('decideCamera', () => {
  const ccRights = agencyRights(CC, OWNER, [agreement({})], NOW);
  const ownerRights = agencyRights(OWNER, OWNER, [], NOW);

  it('lets the owner agency act on its own cameras within the role', () => {
    const op = subject(OWNER, 'operator');
    expect(decideCamera(op, ownerRights, cam(5), 'live.view', { nowMs: NOW })).toEqual({
      allowed: true,
      scope: 'camera',
    });
    expect(decideCamera(op, ownerRights, cam(5), 'hold.manage', { nowMs: NOW })).toEqual({
      allowed: false,
      reason: 'role_lacks_permission',
    });
  });

  it('is role permissions ∩ agency rights for a partner', () => {
    const sup = subject(CC, 'supervisor');
    const at = { nowMs: NOW };
    expect(decideCamera(sup, ccRights, cam(1), 'export.create', at).allowed).toBe(true);
    // the agreement does not grant PTZ although the role does
    expect(decideCamera(sup, ccRights, cam(1), 'ptz.control', at)).toEqual({
      allowed: false,
      reason: 'agency_lacks_right',
    });
    // outside the agreement
    expect(decideCamera(sup, ccRights, cam(5), 'live.view', at)).toEqual({
      allowed: false,
      reason: 'agency_lacks_right',
    });
    // the role does not grant export although the agreement does
    const noExport = custom(CC, ['live.view', 'playback.view'], null);
    expect(decideCamera(noExport, ccRights, cam(1), 'export.create', at)).toEqual({
      allowed: false,
      reason: 'role_lacks_permission',
    });
  });

  it('refuses everything once the agreement has expired, is suspended or revoked', () => {
    const op = subject(CC, 'operator');
    for (const r of [
      agencyRights(CC, OWNER, [agreement({})], NOW + 10 * DAY),
      agencyRights(CC, OWNER, [agreement({ status: 'suspended' })], NOW),
      agencyRights(CC, OWNER, [agreement({ status: 'revoked' })], NOW),
    ]) {
      expect(permittedCameras(op, r, cameras).size).toBe(0);
      expect(decideCamera(op, r, cam(1), 'live.view', { nowMs: NOW }).allowed).toBe(false);
    }
  });

  it('refuses rights computed for another agency', () => {
    const op = subject(PS, 'operator');
    expect(decideCamera(op, ccRights, cam(1), 'live.view', { nowMs: NOW }).allowed).toBe(false);
    expect(permittedCameras(op, ccRights, cameras).size).toBe(0);
  });

  it('bounds playback and export by the role look-back limit', () => {
    const s = custom(OWNER, ['playback.view', 'export.create', 'live.view'], DAY);
    const r = ownerRights;
    const within = { nowMs: NOW, fromMs: NOW - DAY };
    const beyond = { nowMs: NOW, fromMs: NOW - DAY - 1 };
    expect(decideCamera(s, r, cam(1), 'playback.view', within).allowed).toBe(true);
    expect(decideCamera(s, r, cam(1), 'playback.view', beyond)).toEqual({
      allowed: false,
      reason: 'lookback_exceeded',
    });
    expect(decideCamera(s, r, cam(1), 'export.create', beyond).allowed).toBe(false);
    expect(decideCamera(s, r, cam(1), 'live.view', beyond).allowed).toBe(true);
  });

  it('refuses an installation permission asked as a camera permission', () => {
    const admin = subject(OWNER, 'administrator');
    expect(
      decideCamera(admin, ownerRights, cam(1), 'camera.manage' as CameraPermission, {
        nowMs: NOW,
      }),
    ).toEqual({ allowed: false, reason: 'not_a_camera_permission' });
  });
});

describe('decideInstallation', () => {
  const ownerRights = agencyRights(OWNER, OWNER, [], NOW);
  const ccRights = agencyRights(CC, OWNER, [agreement({})], NOW);

  it('follows the role for the owner agency', () => {
    expect(decideInstallation(subject(OWNER, 'administrator'), ownerRights, 'user.manage')).toEqual(
      { allowed: true, scope: 'installation' },
    );
    expect(decideInstallation(subject(OWNER, 'operator'), ownerRights, 'user.manage')).toEqual({
      allowed: false,
      reason: 'role_lacks_permission',
    });
    expect(decideInstallation(subject(OWNER, 'auditor'), ownerRights, 'audit.read').allowed).toBe(
      true,
    );
    expect(
      decideInstallation(subject(OWNER, 'administrator'), ownerRights, 'audit.read').allowed,
    ).toBe(false);
  });

  it('limits a partner to its own users and audit, and never cameras or agreements', () => {
    const admin = subject(CC, 'administrator');
    expect(decideInstallation(admin, ccRights, 'user.manage')).toEqual({
      allowed: true,
      scope: 'agency',
    });
    expect(decideInstallation(admin, ccRights, 'camera.manage')).toEqual({
      allowed: false,
      reason: 'owner_agency_only',
    });
    expect(decideInstallation(admin, ccRights, 'agreement.manage').allowed).toBe(false);
    expect(decideInstallation(subject(CC, 'auditor'), ccRights, 'audit.read')).toEqual({
      allowed: true,
      scope: 'agency',
    });
  });

  it('refuses a camera permission without a camera', () => {
    expect(decideInstallation(subject(OWNER, 'operator'), ownerRights, 'live.view')).toEqual({
      allowed: false,
      reason: 'camera_permission_needs_camera',
    });
  });
});

describe('permittedCameras', () => {
  it('filters by one permission, or by any permission when none is named', () => {
    const r = agencyRights(
      CC,
      OWNER,
      [agreement({ permissions: new Set(['live.view']), groupIds: new Set() })],
      NOW,
    );
    const op = subject(CC, 'operator');
    expect([...permittedCameras(op, r, cameras)].sort()).toEqual(['cam-1', 'cam-2']);
    expect(permittedCameras(op, r, cameras, 'playback.view').size).toBe(0);
    expect(permittedCameras(subject(CC, 'auditor'), r, cameras).size).toBe(0);
  });

  it('handles thousands of cameras and agreements in one pass', () => {
    const many: CameraRef[] = Array.from({ length: 5000 }, (_, i) => ({
      id: `c${i}`,
      groupIds: [`g${i % 50}`],
    }));
    const agreements = Array.from({ length: 200 }, (_, i) =>
      agreement({
        id: `a${i}`,
        cameraIds: new Set([`c${i}`]),
        groupIds: new Set(i < 5 ? [`g${i}`] : []),
      }),
    );
    const r = agencyRights(CC, OWNER, agreements, NOW);
    // 200 named cameras plus 5 groups of 100 cameras, of which 20 are among the named
    expect(permittedCameras(subject(CC, 'operator'), r, many).size).toBe(200 + 500 - 20);
  });
});
