/**
 * Camera credentials are resolved each time the registry is synced with ingest, and a `file:`
 * reference is checked again then: a file inside the secrets directory that was later swapped
 * for a link pointing outside it is refused, and the camera is not ingested (nothing outside the
 * directory is ever sent to a camera as a password).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/app/logger.ts';
import type { Camera } from '../../src/cameras/index.ts';
import { resolveCameraCredentials } from '../../src/cameras/credentials.ts';
import { ingestCameraOf } from '../../src/recording/camera-sync.ts';

function folders(): { secrets: string; outside: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'vedetta-creds-')));
  const secrets = join(root, 'secrets');
  mkdirSync(secrets);
  const outside = join(root, 'outside');
  writeFileSync(outside, 'thief:outside-password\n');
  return { secrets, outside };
}

function camera(credentialsRef: string, allowBasicOverPlainRtsp = false): Camera {
  return {
    id: 'cam-001',
    name: 'Piazza Verdi',
    streams: { main: 'rtsp://10.0.0.11/stream1', sub: null },
    credentialsRef,
    allowBasicOverPlainRtsp,
    codecHint: null,
    location: { latitude: 44.1, longitude: 9.82, address: '', district: '' },
    purpose: 'urban_security',
    signage: { status: 'placed', placedOn: null },
    retentionDays: 3,
    retentionJustification: null,
    enabled: true,
    tags: [],
    groupIds: [],
    recording: { streams: null },
    onvif: null,
    device: null,
  };
}

describe('camera credentials at resolve time', () => {
  it('reads a file inside the secrets directory', () => {
    const { secrets } = folders();
    const file = join(secrets, 'cam-001');
    writeFileSync(file, 'admin:inside-password\n');
    expect(resolveCameraCredentials(`file:${file}`, { fileDirectory: secrets })).toEqual({
      username: 'admin',
      password: 'inside-password',
    });
    const ingest = ingestCameraOf(camera(`file:${file}`, true), silentLogger(), {}, secrets);
    expect(ingest?.credentials).toEqual({ username: 'admin', password: 'inside-password' });
    expect(ingest?.allowBasicOverPlainRtsp).toBe(true);
  });

  it('refuses a file swapped for a link pointing outside the directory', () => {
    const { secrets, outside } = folders();
    const file = join(secrets, 'cam-001');
    writeFileSync(file, 'admin:inside-password\n');
    const ref = `file:${file}`;
    expect(ingestCameraOf(camera(ref), silentLogger(), {}, secrets)).toBeDefined();

    rmSync(file);
    symlinkSync(outside, file);
    expect(() => resolveCameraCredentials(ref, { fileDirectory: secrets })).toThrow(
      /is not inside/,
    );
    const errors: string[] = [];
    const logger = createLogger({ level: 'error', destination: { write: (l) => errors.push(l) } });
    expect(ingestCameraOf(camera(ref), logger, {}, secrets)).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/camera credentials unavailable/);
    expect(errors[0]).toMatch(/is not inside/);
    expect(errors[0]).not.toContain('outside-password');
  });

  it('refuses a folder inside swapped for a link to one outside', () => {
    const { secrets, outside } = folders();
    const sub = join(secrets, 'cams');
    mkdirSync(sub);
    writeFileSync(join(sub, 'cam-001'), 'admin:pw\n');
    const ref = `file:${sub}/cam-001`;
    expect(resolveCameraCredentials(ref, { fileDirectory: secrets }).password).toBe('pw');
    rmSync(sub, { recursive: true });
    const elsewhere = join(outside, '..', 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'cam-001'), 'thief:x\n');
    symlinkSync(elsewhere, sub);
    expect(() => resolveCameraCredentials(ref, { fileDirectory: secrets })).toThrow(
      /is not inside/,
    );
  });

  it('refuses file: references outside, or with no secrets directory at all', () => {
    const { secrets, outside } = folders();
    expect(() => resolveCameraCredentials('file:/etc/passwd', { fileDirectory: secrets })).toThrow(
      /is not inside/,
    );
    expect(() => resolveCameraCredentials(`file:${outside}`, { fileDirectory: secrets })).toThrow(
      /is not inside/,
    );
    expect(() => resolveCameraCredentials(`file:${outside}`)).toThrow(/secrets directory/);
    expect(ingestCameraOf(camera(`file:${outside}`), silentLogger(), {})).toBeUndefined();
    // env: references are unchanged.
    expect(
      resolveCameraCredentials('env:CAM', { env: { CAM: 'u:p' }, fileDirectory: secrets }),
    ).toEqual({ username: 'u', password: 'p' });
  });
});
