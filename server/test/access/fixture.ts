/**
 * A small city for the access tests: five cameras (cam-001 … cam-005), a group `grp-porto`
 * holding cam-003 and cam-004, the Carabinieri as a partner agency, an owner administrator, and
 * helpers to write agreements and read the audit trail.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AuditEntry } from '../../src/audit/entry.ts';
import type { OpenTestDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** The partner agency of the tests. */
export const CC = 'carabinieri';
/** Milliseconds in a day. */
export const DAY = 86_400_000;

/** The city and its administrator's cookie. */
export interface City {
  t: TestApp;
  admin: string;
}

/** Builds the city on a fresh database. */
export async function createCity(open: OpenTestDatabase): Promise<City> {
  const storage = mkdtempSync(join(tmpdir(), 'vedetta-'));
  const t = await createTestApp(open, { config: { storage: { path: storage } } });
  const admin = await t.userCookie('administrator', { username: 'admin' });
  const group = await t.request('POST', '/api/camera-groups', {
    cookie: admin,
    body: { id: 'grp-porto', name: 'Porto', description: '', cameraIds: [] },
  });
  expect(group.status).toBe(201);
  for (let i = 1; i <= 5; i++) {
    const res = await t.request('POST', '/api/cameras', {
      cookie: admin,
      body: {
        id: `cam-00${i}`,
        name: `Telecamera ${i}`,
        streams: { main: `rtsp://10.0.0.${i}/live` },
        location: { latitude: 44.1 + i / 1000, longitude: 9.82 },
        groupIds: i === 3 || i === 4 ? ['grp-porto'] : [],
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const agency = await t.request('POST', '/api/agencies', {
    cookie: admin,
    body: { id: CC, name: 'Carabinieri - Comando Provinciale' },
  });
  expect(agency.status).toBe(201);
  return { t, admin };
}

/** Terms of an agreement for the Carabinieri: cam-001 and the porto group, for ±days. */
export function terms(t: TestApp, over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = t.clock.nowMs();
  return {
    granteeAgencyId: CC,
    title: 'Videosorveglianza integrata',
    legalInstrument: "Protocollo d'intesa prot. 1234/2025",
    legalInstrumentDate: '2025-03-01',
    validFromMs: now - DAY,
    validUntilMs: now + DAY,
    permissions: ['live.view', 'playback.view', 'export.create'],
    cameraIds: ['cam-001'],
    groupIds: ['grp-porto'],
    ...over,
  };
}

/** Creates an agreement over HTTP and returns its id. */
export async function agree(city: City, over: Record<string, unknown> = {}): Promise<string> {
  const res = await city.t.request('POST', '/api/agreements', {
    cookie: city.admin,
    body: terms(city.t, over),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The ids of the cameras a cookie lists ([] when the listing is refused). */
export async function listed(t: TestApp, cookie: string): Promise<string[]> {
  const res = await t.request('GET', '/api/cameras', { cookie });
  if (res.status === 403) return [];
  expect(res.status).toBe(200);
  return ((await res.json()) as { cameras: { id: string }[] }).cameras.map((c) => c.id).sort();
}

/** Every audit entry so far, oldest first. */
export async function auditEntries(t: TestApp): Promise<AuditEntry[]> {
  await t.services.audit.flush();
  const out: AuditEntry[] = [];
  let before: number | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await t.services.audit.query({}, { limit: 500, beforeSeq: before });
    out.push(...page.entries);
    if (page.nextBeforeSeq === null) break;
    before = page.nextBeforeSeq;
  }
  return out.reverse();
}
